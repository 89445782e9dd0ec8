import Foundation
import HeardCore
import HeardFiles

/// Standard output for a list written as it is read: a file or a pipe gets the bytes in chunks
/// of about a megabyte (100,000 rows never sit in memory at once); a terminal gets the whole
/// text at the end through `emit`, which makes it safe for a terminal as a whole.
struct ListOutput {
    private let terminal = isatty(STDOUT_FILENO) == 1
    /// The first failure to write; the rest is not written, and `finish` throws it.
    private var failure: (any Error)?
    static let chunk = 1 << 20

    /// Writes what `list` holds once it is a chunk's worth (not on a terminal).
    mutating func flush(_ list: inout CaseListBytes, force: Bool = false) {
        guard !terminal, force || list.bytes.count >= Self.chunk else { return }
        if failure == nil {
            do {
                try StandardOutput.write(bytes: list.bytes)
            } catch let e as FileWriteError {
                failure = Failure(e.description)
            } catch {
                failure = error
            }
        }
        list.removeWritten()
    }

    /// Ends the list and writes the rest, or throws the first failure.
    mutating func finish(_ list: inout CaseListBytes) throws {
        list.finish()
        if terminal {
            try emit(String(decoding: list.bytes, as: UTF8.self), to: nil)
            return
        }
        flush(&list, force: true)
        if let failure { throw failure }
    }
}
