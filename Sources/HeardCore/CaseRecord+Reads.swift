/// A case's reads in its record: history lines for the screen and `heard show`, and `reads` in its JSON.
extension CaseRecord {
    /// One history line per person per day: "2026-11-30 09:12:05  Officer One  read (screen)",
    /// or, for someone who opened the case again that day, "… read 4 times (screen, show), the
    /// last at 15:40:05", so a day's work at one case does not bury its changes. At the time of
    /// that day's first read. (`heard audit` lists every read.)
    var readRows: [(at: String, line: RecordLine)] {
        var groups: [(first: ReadEntry, last: ReadEntry, count: Int, vias: [String])] = []
        var index: [String: Int] = [:]
        for r in reads {
            let key = String(r.at.prefix(10)) + "\u{0}" + r.who
            if let i = index[key] {
                groups[i].last = r
                groups[i].count += 1
                if !groups[i].vias.contains(r.via.stored) { groups[i].vias.append(r.via.stored) }
            } else {
                index[key] = groups.count
                groups.append((r, r, 1, [r.via.stored]))
            }
        }
        return groups.map { g in
            var text = g.first.words
            if g.count > 1 {
                let when = g.first.at.replacingAll("T", with: " ").replacingAll("Z", with: "")
                let last = String(g.last.at.dropFirst(11)).replacingAll("Z", with: "")
                text = "\(when)  \(g.first.who)  read \(g.count) times (\(g.vias.joined(separator: ", "))), the last at \(last)"
            }
            return (g.first.at, RecordLine.spans([RecordSpan(text, .dim)], indent: 2))
        }
    }

    /// `reads` merged into `rows` by time, each after the rows of the same second or earlier.
    static func merging(_ reads: [(at: String, line: RecordLine)], into rows: [(at: String, line: RecordLine)]) -> [(at: String, line: RecordLine)] {
        guard !reads.isEmpty else { return rows }
        var out: [(at: String, line: RecordLine)] = []
        out.reserveCapacity(rows.count + reads.count)
        var i = 0
        for r in reads {
            while i < rows.count && rows[i].at <= r.at { out.append(rows[i]); i += 1 }
            out.append(r)
        }
        out += rows[i...]
        return out
    }

}
