import Foundation
@testable import HeardStore
import HeardTestSupport
import XCTest

/// An address that does not answer as a PostgreSQL server is said to be one that cannot be
/// reached, naming the host and port, instead of libpq's word about SSL or authentication.
final class PostgresConnectFailureTests: XCTestCase {
    /// libpq's own lines (libpq 15), each worded; a refusal by the server itself is left as it is.
    func testLibpqsLinesAreWordedByWhatHappened() {
        let at = #"connection to server at "127.0.0.1", port 54312 failed: "#
        XCTAssertEqual(PostgresError.wordedConnectFailure(at + "received invalid response to SSL negotiation: H"),
                       #"the server cannot be reached: what answers at "127.0.0.1", port 54312 is not a PostgreSQL server; check the host and port (received invalid response to SSL negotiation: H)"#)
        XCTAssertEqual(PostgresError.wordedConnectFailure(at + "expected authentication request from server, but received H"),
                       #"the server cannot be reached: what answers at "127.0.0.1", port 54312 is not a PostgreSQL server; check the host and port (expected authentication request from server, but received H)"#)
        XCTAssertEqual(PostgresError.wordedConnectFailure(at + "server closed the connection unexpectedly"),
                       #"the server cannot be reached: what answers at "127.0.0.1", port 54312 closed the connection without answering as a PostgreSQL server; check the host and port (server closed the connection unexpectedly)"#)
        XCTAssertEqual(PostgresError.wordedConnectFailure(at + "timeout expired"),
                       #"the server cannot be reached: nothing answered at "127.0.0.1", port 54312 in time; check the host, the port and the network (timeout expired)"#)
        XCTAssertEqual(PostgresError.wordedConnectFailure(at + "Connection refused"),
                       #"the server cannot be reached: nothing is listening at "127.0.0.1", port 54312; is the server running there? (Connection refused)"#)
        XCTAssertEqual(PostgresError.wordedConnectFailure(#"connection to server on socket "/tmp/x/.s.PGSQL.5432" failed: No such file or directory"#),
                       #"the server cannot be reached: no server is listening on socket "/tmp/x/.s.PGSQL.5432"; is the server running? (No such file or directory)"#)
        XCTAssertEqual(PostgresError.wordedConnectFailure(at + "fe_sendauth: no password supplied"),
                       #"the server at "127.0.0.1", port 54312 asks for a password and none was given: set PGPASSWORD, or put it in ~/.pgpass (mode 0600) for this host, port, database and user (fe_sendauth: no password supplied)"#)
        let refusedLogin = #"connection to server at "db" (10.0.0.5), port 5432 failed: FATAL:  password authentication failed for user "jo""#
        XCTAssertEqual(PostgresError.wordedConnectFailure(refusedLogin), refusedLogin, "the server's own word")
        XCTAssertEqual(PostgresError.wordedConnectFailure("could not translate host name \"nowhere\" to address: Name or service not known"),
                       "could not translate host name \"nowhere\" to address: Name or service not known")
    }

    /// A real address whose listener answers as a web server does, and one that hangs up: the
    /// store's error says the server cannot be reached and names the port, and no password.
    func testAnAddressThatIsNoPostgreSQLServerCannotBeReached() throws {
        for reply in [Data("HTTP/1.1 400 Bad Request\r\n\r\n".utf8), nil] {
            let listener = try OneLineListener(reply: reply)
            defer { listener.stop() }
            let e = storeError { try Store(path: "postgresql://heard:Pa55-word@127.0.0.1:\(listener.port)/heard?connect_timeout=5") }
            let text = e.map { "\($0)" } ?? ""
            XCTAssertTrue(text.contains("the server cannot be reached: what answers at \"127.0.0.1\", port \(listener.port) "), text)
            XCTAssertTrue(text.contains("check the host and port"), text)
            XCTAssertFalse(text.contains("Pa55-word"), text)
            guard case .unreadable(let target, _)? = e else { return XCTFail("expected unreadable, got \(text)") }
            XCTAssertEqual(target, "postgresql://heard@127.0.0.1:\(listener.port)/heard?connect_timeout=5")
        }
    }
}

/// A TCP listener on 127.0.0.1 (a port the system picks) that answers each connection with
/// `reply` and hangs up (without a word when `reply` is nil): what a web server or a wrong port is to libpq.
final class OneLineListener: @unchecked Sendable {
    // Safe: `fd` is set once in init; `stopped` is read and written under `lock`.
    let port: Int
    private let fd: Int32
    private let lock = NSLock()
    private var stopped = false

    init(reply: Data?) throws {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { throw TestServerError(description: "socket: \(String(cString: strerror(errno)))") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, len) == 0 && listen(s, 4) == 0 && getsockname(s, $0, &len) == 0 }
        }
        guard bound else { close(s); throw TestServerError(description: "bind: \(String(cString: strerror(errno)))") }
        fd = s
        port = Int(UInt16(bigEndian: addr.sin_port))
        Thread.detachNewThread { [self] in
            while true {
                let c = accept(s, nil, nil)
                if c < 0 { return }
                // What libpq sends first (its SSL request) is read, so that the hang-up comes after it.
                var buffer = [UInt8](repeating: 0, count: 64)
                _ = read(c, &buffer, buffer.count)
                if let reply { _ = reply.withUnsafeBytes { write(c, $0.baseAddress, reply.count) } }
                close(c)
                if lock.withLock({ stopped }) { return }
            }
        }
    }

    /// Stops listening (the accepting thread ends with the socket).
    func stop() {
        lock.withLock { stopped = true }
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }
}
