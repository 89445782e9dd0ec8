import HeardCore
import TerminalUI

extension CaseDetailLines {
    /// The record's lines as this screen shows them: the record's warnings first (a deadline
    /// past the bank holidays Heard knows, in `heard show`'s words), and every date the record writes (ISO, as
    /// `heard show` prints it) in the screen's one format.
    static func forScreen(_ lines: [DetailLine], _ d: CaseDetailData, style: DateStyle, width: Int) -> [DetailLine] {
        var out = lines
        if style != .iso {
            out = out.map { line in
                var l = line
                l.spans = l.spans.map { (style.rewritingISODates(in: $0.0), $0.1) }
                return l
            }
        }
        let warnings = CaseRecord(contact: d.contact, clock: d.clock, calendar: d.calendar).warnings
        for warning in warnings.reversed() {
            let text = style.rewritingISODates(in: warning)
            let wrapped = wrap(text, width: max(10, width - 2)).map { DetailLine(spans: [($0, .messageError)]) }
            out.insert(contentsOf: wrapped + [.blank], at: 0)
        }
        return out
    }
}
