import ArgumentParser
import Foundation
import HeardStore

/// Exit statuses: 0 success, 1 a domain or input error, 2 bad usage.
func main() -> Int32 {
    do {
        var command = try Heard.parseAsRoot()
        try command.run()
        return 0
    } catch let f as Failure {
        FileHandle.standardError.write(Data("heard: \(f.description)\n".utf8))
        return 1
    } catch let e as StoreError {
        FileHandle.standardError.write(Data("heard: \(e.description)\n".utf8))
        return 1
    } catch {
        let code = Heard.exitCode(for: error)
        let message = Heard.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
            return 0
        }
        FileHandle.standardError.write(Data("\(message)\n".utf8))
        return 2
    }
}

exit(main())
