/// `line` in rows of at most `width` cells, broken at spaces where it can be, else anywhere.
func wrapAtSpaces(_ line: String, width: Int) -> [String] {
    guard width > 0, displayWidth(line) > width else { return [line] }
    let indent = String(line.prefix { $0 == " " })
    let hang = displayWidth(indent) < width / 2 ? indent : ""
    var out: [String] = []
    var current = indent
    var empty = true
    func newRow() { out.append(current); current = hang; empty = true }
    for w in line.dropFirst(indent.count).split(separator: " ") {
        var word = String(w)
        if !empty && displayWidth(current) + 1 + displayWidth(word) > width { newRow() }
        // A word wider than a row is broken where the row ends.
        while displayWidth(current) + (empty ? 0 : 1) + displayWidth(word) > width {
            let piece = prefix(word, fittingWidth: width - displayWidth(current) - (empty ? 0 : 1)).text
            if piece.isEmpty { if empty { break }; newRow(); continue }
            current += (empty ? "" : " ") + piece
            word = String(word.dropFirst(piece.count))
            newRow()
        }
        if word.isEmpty { continue }
        current += (empty ? "" : " ") + word
        empty = false
    }
    if !empty { out.append(current) }
    return out
}
