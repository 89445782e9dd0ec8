import ArgumentParser
import Foundation
import HeardFiles
import HeardStore

/// Exit statuses: 0 success, 1 a domain or input error, 2 bad usage.
func main() -> Int32 {
    // A read the busy file could not take is tried once more, whatever the command's end; then
    // the logs are copied into their files (`LogCheckpointer`), as SQLite's own checkpoint did in the commit.
    // Last, every store the command opened is closed: a log left whole slowed every later reader.
    defer { finishStores() }
    defer { Store.waitForLogCopies() }
    defer { removeOrphanedLogs() }
    defer { finishReads() }
    do {
        if let refused = NegativeNumbers.refused(Array(CommandLine.arguments.dropFirst())) {
            StandardError.write("Error: \(refused)\n")
            return 2
        }
        // `heard --read-only SUBCOMMAND`: the flag is the root's, which a subcommand never sees;
        // it reaches every store the command opens through the environment (`openStore`), so no
        // subcommand can change the record under it (retention --apply disposed of cases).
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.contains("--read-only") {
            setenv("HEARD_READ_ONLY", "1", 1)
        }
        var command = try Heard.parseAsRoot()
        if RepeatedOptions.refused(Array(CommandLine.arguments.dropFirst())) { return 2 }
        try command.run()
        // A file read without locks that changed meanwhile: what was printed may mix two states.
        if let why = storesOpened.withLock({ $0.lazy.compactMap { $0.readFileChanged() }.first }) {
            StandardError.write("heard: \(why)\n")
            return 1
        }
        return 0
    } catch is ReaderClosed {
        // Whoever read standard output has what they wanted (`heard cases | head`).
        return 0
    } catch let f as Failure {
        StandardError.write("heard: \(f.description)\n")
        return 1
    } catch let e as FileWriteError {
        // A write any command did not word itself (a document to a full standard output): said
        // as the others are, exit 1, not the argument parser's "Error:" and 2 (an attack).
        StandardError.write("heard: \(e.description)\n")
        return 1
    } catch let e as StoreError {
        // A file read without locks that changed meanwhile can fail a read as damaged: said as
        // what it is (a reader of its own, the report's or the list's, says only what SQLite met).
        let changed = storesOpened.withLock { $0.lazy.compactMap { $0.readFileChanged() }.first }
        StandardError.write("heard: \(changed ?? e.description)\n")
        return 1
    } catch {
        let code = Heard.exitCode(for: error)
        let message = Heard.fullMessage(for: error)
        if code == .success {
            if message.isEmpty { return 0 }
            do { try StandardOutput.write(message + "\n") } catch is ReaderClosed {
                return 0
            } catch {
                StandardError.write("heard: \(error)\n")
                return 1
            }
            return 0
        }
        // An ExitCode(2) thrown after its own message has none of its own to add.
        if !message.isEmpty { StandardError.write("\(message)\n") }
        return 2
    }
}

exit(main())
