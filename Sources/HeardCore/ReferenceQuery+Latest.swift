/// Which of several cases a bare number means on screen: `:goto 39` opens this year's
/// CS-YYYY-0039 (else the most recent year's) and says which others there are.
extension ReferenceQuery {
    /// The reference a bare number means among `found`, and the others; nil when none was found.
    /// References hold their year (`CS-2022-0039`): the highest year not after `year` wins,
    /// else the highest of all.
    public static func latest(_ found: [String], year: Int) -> (chosen: String, others: [String])? {
        func yearOf(_ r: String) -> Int {
            r.split(separator: "-").compactMap { part in part.count == 4 ? Int(part) : nil }.first ?? 0
        }
        let ordered = found.sorted { (yearOf($0), $0) > (yearOf($1), $1) }
        guard let chosen = ordered.first(where: { yearOf($0) <= year }) ?? ordered.first else { return nil }
        return (chosen, ordered.filter { $0 != chosen })
    }
}
