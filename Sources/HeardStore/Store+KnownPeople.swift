import HeardCore

extension Store {
    /// Names already appointed to a stage (Investigating Officers, Independent Persons, panel
    /// members), most used first: the appoint form suggests them and asks before a new one.
    public func knownStagePeople(limit: Int = 500) throws -> [String] {
        // The subquery is named: PostgreSQL (before 16) refuses one without a name.
        try query { conn in
            try conn.texts("""
                SELECT name FROM (
                    SELECT investigating_officer AS name FROM stage_people
                    UNION ALL SELECT independent_person FROM stage_people
                    UNION ALL SELECT panel_member_1 FROM stage_people
                    UNION ALL SELECT panel_member_2 FROM stage_people
                    UNION ALL SELECT panel_member_3 FROM stage_people) AS names
                WHERE name != '' GROUP BY name ORDER BY count(*) DESC, name LIMIT ?
                """, [.int(limit)])
        }
    }
}
