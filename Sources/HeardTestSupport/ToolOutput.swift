import Foundation

/// What `tool` writes to standard output, run with `arguments` (and `environment`, when given,
/// instead of this process's), its standard error and input discarded; waits for it to end.
public func toolOutput(_ tool: String, _ arguments: [String], environment: [String: String]? = nil) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = arguments
    if let environment { p.environment = environment }
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
