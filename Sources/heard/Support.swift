import ArgumentParser
import Foundation
import HeardCore
import HeardStore

/// A domain or input error: printed to stderr, exit status 1.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Options every command takes.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default: $HEARD_DB, else $XDG_DATA_HOME/heard/heard.sqlite).", valueName: "PATH"))
    var db: String?

    var path: String { db ?? Store.defaultPath() }
}

enum Environment {
    static var values: [String: String] { ProcessInfo.processInfo.environment }

    /// Today: `HEARD_TODAY` when set (for tests and demonstrations), else the local date.
    static func today() throws -> LocalDate {
        if let t = values["HEARD_TODAY"], !t.isEmpty {
            guard let d = LocalDate(parsing: t) else { throw Failure("HEARD_TODAY: '\(t)' is not a date (use YYYY-MM-DD)") }
            return d
        }
        let now = Date()
        let c = Calendar.current.dateComponents([.year, .month, .day], from: now)
        return LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? LocalDate(dayNumber: 0)
    }
}

/// Opens the store with the user's configuration.
func openStore(_ path: String, readOnly: Bool = false, create: Bool = false) throws -> Store {
    let config = try HeardConfiguration.load()
    for w in config.warnings { FileHandle.standardError.write(Data("heard: \(w)\n".utf8)) }
    return try Store(path: path, options: StoreOptions(readOnly: readOnly, create: create, actor: config.officer,
                                                       rules: config.rules, reference: config.reference))
}

/// Writes `text` to `path`, or to standard output when nil. Files are created 0600: reports and
/// exports hold children's data.
func emit(_ text: String, to path: String?) throws {
    guard let path else { FileHandle.standardOutput.write(Data(text.utf8)); return }
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if fd < 0 { throw Failure("\(path): cannot write (\(String(cString: strerror(errno))))") }
    fchmod(fd, 0o600)   // an existing file keeps its mode otherwise
    let h = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    h.write(Data(text.utf8))
}

func readFile(_ path: String) throws -> Data {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw Failure("\(path): no such file") }
    if isDir.boolValue { throw Failure("\(path): is a folder, not a file") }
    guard let d = FileManager.default.contents(atPath: path) else { throw Failure("\(path): cannot be read") }
    return d
}

/// A file's bytes, read once into the array the CSV reader walks (no intermediate Data copy).
func readBytes(_ path: String) throws -> [UInt8] {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw Failure("\(path): no such file") }
    if isDir.boolValue { throw Failure("\(path): is a folder, not a file") }
    guard let f = fopen(path, "rb") else { throw Failure("\(path): cannot be read") }
    defer { fclose(f) }
    fseek(f, 0, SEEK_END)
    let size = ftell(f)
    fseek(f, 0, SEEK_SET)
    guard size >= 0 else { throw Failure("\(path): cannot be read") }
    var bytes = [UInt8](repeating: 0, count: size)
    let n = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, size, f) }
    guard n == size else { throw Failure("\(path): cannot be read") }
    return bytes
}

func parseDate(_ text: String, option: String) throws -> LocalDate {
    guard let d = LocalDate(parsing: text) else { throw ValidationError("\(option): '\(text)' is not a date (use YYYY-MM-DD or DD/MM/YYYY)") }
    return d
}

/// Pads or truncates to a display width (wide characters count two).
func fit(_ s: String, _ width: Int) -> String {
    var out = ""
    var w = 0
    // Text from the database never reaches the terminal with control characters.
    for ch in TextSanitiser.clean(s, allowLineBreaks: false).0 {
        let cw = ch.unicodeScalars.contains { $0.properties.isEmojiPresentation || isWide($0) } ? 2 : 1
        if w + cw > width { break }
        out.append(ch)
        w += cw
    }
    return out + String(repeating: " ", count: max(0, width - w))
}

private func isWide(_ u: Unicode.Scalar) -> Bool {
    let v = u.value
    return (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
}
