import GRDB
import HeardCore

extension Store {
    /// Names already appointed to a stage (Investigating Officers, Independent Persons, panel
    /// members), most used first: the appoint form suggests them and asks before a new one.
    public func knownStagePeople(limit: Int = 500) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM (
                    SELECT investigating_officer AS name FROM stage_people
                    UNION ALL SELECT independent_person FROM stage_people
                    UNION ALL SELECT panel_member_1 FROM stage_people
                    UNION ALL SELECT panel_member_2 FROM stage_people
                    UNION ALL SELECT panel_member_3 FROM stage_people)
                WHERE name != '' GROUP BY name ORDER BY count(*) DESC, name LIMIT ?
                """, arguments: [limit])
        }
    }
}
