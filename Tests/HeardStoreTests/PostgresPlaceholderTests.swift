import Foundation
@testable import HeardStore
import XCTest

/// Portable SQL's `?` numbered for PostgreSQL: only real parameters, never inside quotes or comments.
final class PostgresPlaceholderTests: XCTestCase {
    private func rewrite(_ sql: String) -> String { PostgresPlaceholders.rewrite(sql).sql }

    func testParametersAreNumberedInOrder() {
        XCTAssertEqual(PostgresPlaceholders.rewrite("SELECT a FROM t WHERE b = ? AND c IN (?, ?)").sql,
                       "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)")
        XCTAssertEqual(PostgresPlaceholders.rewrite("UPDATE t SET a = ?, b = ? WHERE id = ?").count, 3)
        XCTAssertEqual(PostgresPlaceholders.rewrite("SELECT 1").count, 0)
    }

    func testQuestionMarksInLiteralsAndIdentifiersAreLeftAlone() {
        XCTAssertEqual(rewrite("SELECT '?', 'it''s ?', \"odd?name\" FROM t WHERE a = ?"),
                       "SELECT '?', 'it''s ?', \"odd?name\" FROM t WHERE a = $1")
        // E'…' escapes a quote with a backslash; an ordinary literal does not.
        XCTAssertEqual(rewrite("SELECT E'a\\' ?', ?"), "SELECT E'a\\' ?', $1")
        XCTAssertEqual(rewrite("SELECT 'a\\', ?"), "SELECT 'a\\', $1")
        XCTAssertEqual(rewrite("SELECT $$ ? $$, $tag$ ? $tag$, ?"), "SELECT $$ ? $$, $tag$ ? $tag$, $1")
    }

    func testQuestionMarksInCommentsAreLeftAlone() {
        XCTAssertEqual(rewrite("SELECT ? -- why? because\n, ?"), "SELECT $1 -- why? because\n, $2")
        XCTAssertEqual(rewrite("SELECT /* a ? /* nested ? */ still ? */ ?"), "SELECT /* a ? /* nested ? */ still ? */ $1")
        XCTAssertEqual(rewrite("SELECT ? -- unterminated ?"), "SELECT $1 -- unterminated ?")
    }

    func testDoubledQuestionMarkIsOneLiteralQuestionMark() {
        XCTAssertEqual(PostgresPlaceholders.rewrite("SELECT doc ?? 'key' FROM t WHERE id = ?").sql, "SELECT doc ? 'key' FROM t WHERE id = $1")
        XCTAssertEqual(PostgresPlaceholders.rewrite("SELECT doc ?? 'key'").count, 0)
    }

    func testTextThatIsNotASCIIPassesThrough() {
        XCTAssertEqual(rewrite("SELECT 'Zoë 👩‍👧 ?' || ?"), "SELECT 'Zoë 👩‍👧 ?' || $1")
    }

    func testThePasswordIsTakenOutOfTheURL() {
        let u = PostgresURL("postgresql://heard:pa%40ss@db.example.org:5433/heard?sslmode=verify-full")
        XCTAssertEqual(u?.display, "postgresql://heard@db.example.org:5433/heard?sslmode=verify-full")
        XCTAssertEqual(u?.password, "pa@ss")
        let q = PostgresURL("postgres://db/heard?password=hunter2&sslmode=require")
        XCTAssertEqual(q?.display, "postgres://db/heard?sslmode=require")
        XCTAssertEqual(q?.scrub("failed for hunter2"), "failed for ********")
        XCTAssertEqual(PostgresURL("postgresql://db/heard")?.display, "postgresql://db/heard")
        XCTAssertNil(PostgresURL("/home/me/heard.sqlite"))
    }

    func testAMisspeltSchemeOrAKeyValueStringIsRefusedWithoutItsPasswordAndNothingMade() {
        for (given, said) in [("postgresq://offa:Pw2secret@localhost/db", "postgresq://offa@localhost/db: not a database Heard can open"),
                              ("HTTPS://a:Pw2secret@c/d", "HTTPS://a@c/d: not a database Heard can open"),
                              ("host=db user=offa password=Pw2secret", "not a key=value connection string"),
                              ("postgres:/offa:Pw2secret@h/db", "postgres:/offa@h/db: not a database Heard can open"),
                              ("postgresql:offa:Pw2secret@h", "not a database Heard can open"),
                              ("postgresql//offa:Pw2secret@h/db", "postgresql//offa@h/db: not a database"),
                              (" postgresql://offa:Pw2secret@h/db", "begins or ends with a space"),
                              ("\tpostgresql://offa:Pw2secret@h/db", "begins or ends with a space"),
                              ("x.sqlite\n", "holds a control character")] {
            for options in [StoreOptions(), StoreOptions(create: true)] {
                XCTAssertThrowsError(try Store(path: given, options: options)) { e in
                    let text = (e as? StoreError)?.description ?? "\(e)"
                    XCTAssertTrue(text.contains(said), text)
                    XCTAssertFalse(text.contains("Pw2secret"), text)
                    XCTAssertTrue(text.hasSuffix("nothing was changed."), text)
                }
            }
        }
        for made in ["postgresq:", "HTTPS:", "host=db user=offa password=Pw2secret", "postgres:", "postgresql:offa:Pw2secret@h",
                     "postgresql", " postgresql:", "x.sqlite\n"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: made), "nothing made at \(made)")
        }
        XCTAssertNil(Store.notAPathOrURL("postgres-backup.sqlite"), "a file whose name begins with the word")
        XCTAssertNil(Store.notAPathOrURL("/home/me/heard.sqlite"))
        // An upper-case scheme is a server's URL to Heard, and to libpq as written for it.
        XCTAssertEqual(PostgresURL("POSTGRESQL://u@db/heard")?.connectionString, "postgresql://u@db/heard")
        XCTAssertEqual(PostgresURL("Postgres://u:P@db/heard")?.display, "Postgres://u@db/heard")
    }

    func testAPasswordLibpqCannotReadIsStillNeverShown() {
        // Found by the attack: each of these put the password (or part of it) in a message.
        let cases: [(String, String)] = [
            ("postgresql://u:se%crit@nohost.invalid/db", "se%crit"),
            ("postgresql://u@nohost/db?password=se%zzcrit", "se%zzcrit"),
            ("postgresql://u:Sec/ret@nohost/db", "Sec/ret"),
            ("postgresql://u:Sec?ret@nohost/db", "Sec?ret"),
            ("postgresql://x:p@ss@localhost:1/db", "p@ss"),
            ("postgresql://u@h/db?sslpassword=Secret7", "Secret7"),
            // Found by this session's attack: an '@' then a '?' in the password split it.
            ("postgresql://pw1:SECa@RETb?cd@%2Ftmp%2Fpg/db", "RETb?cd"),
            ("postgresql://pw1:p@ss:w/rd%41?x#y&z=q@localhost/db", "ss:w/rd"),
        ]
        for (url, secret) in cases {
            let u = PostgresURL(url)
            XCTAssertFalse(u?.display.contains(secret) ?? true, url)
            let said = u?.scrub("invalid token: \"\(secret)\" in \(url)") ?? ""
            XCTAssertFalse(said.contains(secret), "\(url): \(said)")
        }
        // What libpq really says of a password it misread as a port or a host: the piece is hidden too.
        let port = PostgresURL("postgresql://u:Sec/ret@nohost/db")?.scrub(#"invalid integer value "Sec" for connection option "port""#) ?? ""
        XCTAssertEqual(port, #"invalid integer value "********" for connection option "port""#)
        let host = PostgresURL("postgresql://x:p@ss@localhost:1/db")?.scrub(#"could not translate host name "ss@localhost" to address"#) ?? ""
        XCTAssertEqual(host, #"could not translate host name "********" to address"#)
    }

    func testErrorsMapToWhatTheUserIsTold() {
        let target = "postgresql://heard@db/heard"
        XCTAssertEqual(PostgresError(sqlState: "40001", message: "could not serialize").storeError(target: target), .serverBusy)
        XCTAssertEqual(PostgresError(sqlState: "40P01", message: "deadlock detected").storeError(target: target), .serverBusy)
        XCTAssertEqual(PostgresError(sqlState: "55P03", message: "lock timeout").storeError(target: target), .serverBusy)
        XCTAssertEqual(PostgresError(sqlState: "53100", message: "could not extend file").storeError(target: target), .diskFull(target))
        XCTAssertEqual(PostgresError(sqlState: nil, message: "connection refused").storeError(target: target), .unreadable(target, "connection refused"))
        guard case .refused(let why) = PostgresError(sqlState: "42501", message: "permission denied for table audit").storeError(target: target) else {
            return XCTFail("42501 is a refusal")
        }
        XCTAssertTrue(why.contains("your database role may not"), why)
        XCTAssertTrue(why.contains("permission denied for table audit"), why)
    }
}
