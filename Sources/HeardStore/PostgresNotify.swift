import CLibPQ
import Foundation

/// Live changes on PostgreSQL: every statement that adds to the audit (every committed change)
/// says so on the channel `heard_changes`; each store keeps one connection listening, and its
/// change counter asks the server for `max(id)` only when something was said.
enum PostgresNotify {
    static let channel = "heard_changes"

    /// The statement-level trigger that announces a change (delivered at COMMIT, once per
    /// transaction and channel, never for one rolled back). Idempotent.
    static func install(_ conn: any SQLConnection) throws {
        try conn.execute("""
            CREATE OR REPLACE FUNCTION heard_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_catalog.pg_notify('\(channel)', '');
                RETURN NULL;
            END $$;
            DROP TRIGGER IF EXISTS audit_notify ON audit;
            CREATE TRIGGER audit_notify AFTER INSERT ON audit FOR EACH STATEMENT EXECUTE FUNCTION heard_notify_change();
            """)
    }

    /// Whether the schema announces its changes (one made before this trigger existed does not).
    static func isInstalled(_ conn: any SQLConnection) throws -> Bool {
        try conn.int("SELECT count(*) FROM pg_catalog.pg_trigger WHERE tgname = 'audit_notify' AND tgrelid = to_regclass('audit')") ?? 0 > 0
    }
}

/// One connection that only LISTENs. Asked without blocking whether anything was announced since
/// it was last asked (PQconsumeInput reads what the socket holds; PQnotifies takes it).
/// `@unchecked Sendable`: used only under the backend's lock.
final class PostgresListener: @unchecked Sendable {
    private let handle: OpaquePointer

    /// Connects to `url` and listens on `PostgresNotify.channel`; nil when it cannot (the
    /// counter then asks the server every time, as before).
    init?(_ url: PostgresURL) {
        guard let h = try? PostgresConnection.connect(url, applicationName: "heard-listen") else { return nil }
        let r = PQexec(h, "LISTEN \(PostgresNotify.channel)")
        let ok = PQresultStatus(r) == PGRES_COMMAND_OK
        PQclear(r)
        guard ok else { PQfinish(h); return nil }
        handle = h
    }

    deinit { PQfinish(handle) }

    /// Whether a change was announced since the last call; nil when the connection is lost
    /// (the caller opens another and reads the counter, since changes may have been missed).
    func changed() -> Bool? {
        guard PQstatus(handle) == CONNECTION_OK, PQconsumeInput(handle) == 1 else { return nil }
        var any = false
        while let n = PQnotifies(handle) {
            any = true
            PQfreemem(n)
        }
        return any
    }
}

/// What a store's change counter knows between polls: the listening connection, whether the
/// schema announces changes at all, and the counter last read.
struct ChangeWatch {
    var listener: PostgresListener?
    var notifying: Bool?
    var counter: Int?
}

extension PostgresBackend {
    /// The change counter, read from the server (`count`) on the first call, after a change was
    /// announced, and every time when the schema does not announce changes; otherwise the one
    /// last read, without a round trip. The listener is made before the first read, so that a
    /// change committed between the two is announced rather than missed.
    func changeCounter(_ count: () throws -> Int) throws -> Int {
        try watch.withLock { w throws -> Int in
            if w.listener == nil {
                w.listener = PostgresListener(url)
                w.counter = nil
            }
            let notifying = try w.notifying ?? read { try PostgresNotify.isInstalled($0) }
            w.notifying = notifying
            guard notifying, let listener = w.listener else { return try count() }
            switch listener.changed() {
            case nil:
                // Lost: another listener next time; changes meanwhile are read now.
                w.listener = nil
                w.counter = nil
            case true?:
                w.counter = nil
            case false?:
                break
            }
            if let known = w.counter { return known }
            let fresh = try count()
            w.counter = fresh
            return fresh
        }
    }
}
