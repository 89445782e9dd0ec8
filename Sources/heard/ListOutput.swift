import Foundation
import HeardCore
import HeardFiles

/// Standard output for a list written as it is read: a file or a pipe gets the bytes in the
/// pieces they come in (about a megabyte each: 100,000 rows never sit in memory at once); a
/// terminal gets the whole text at the end through `emit`, which makes it safe for a terminal
/// as a whole.
struct ListOutput {
    private let terminal = isatty(STDOUT_FILENO) == 1
    /// What a terminal gets at the end.
    private var held: [UInt8] = []
    /// The first failure to write; the rest is not written, and `finish` throws it.
    private var failure: (any Error)?

    /// Writes `pieces` (on a terminal, keeps them for the end).
    mutating func write(_ pieces: [[UInt8]]) {
        for piece in pieces {
            if terminal {
                held += piece
            } else if failure == nil {
                do {
                    try StandardOutput.write(bytes: piece)
                } catch let e as FileWriteError {
                    failure = Failure(e.description)
                } catch {
                    failure = error
                }
            }
        }
    }

    /// Writes the last `pieces`, then the terminal's whole text, or throws the first failure.
    mutating func finish(_ pieces: [[UInt8]]) throws {
        write(pieces)
        if terminal {
            try emit(String(decoding: held, as: UTF8.self), to: nil)
            return
        }
        if let failure { throw failure }
    }
}
