import HeardCore

/// Reads the cases of a bulk change (or of its undo) a chunk at a time, in the order they are
/// worked on: one read of `chunk` cases instead of one read each (100,000 reads were most of a
/// bulk change's time). A case is handed out once only: asked for again (an id listed twice), it
/// is nil, and the caller reads it as its transaction now holds it.
struct BulkReadAhead {
    /// How many cases one read fetches: small enough for the statement's text, large enough that
    /// the read's own cost is spread thin.
    static let chunk = 500

    private let ids: [Int64?]
    private var loaded: [Int64: Contact] = [:]
    private var loadedUpTo = 0
    private var handedOut = Set<Int64>()

    /// A read-ahead over `ids`, in work order (nil: a row that needs no case).
    init(ids: [Int64?]) { self.ids = ids }

    /// A read-ahead over the cases of a bulk change.
    init(ids: [Int64]) { self.ids = ids.map { $0 } }

    /// The case of position `n` as read at the start of its chunk, or nil when it is not on file,
    /// was handed out before, or the position names none. `load` reads the contacts matching a
    /// WHERE clause (the ids are integers written into it, never text from the user).
    mutating func contact(at n: Int, _ load: (String) throws -> [Contact]) throws -> Contact? {
        guard n < ids.count, let id = ids[n] else { return nil }
        if n >= loadedUpTo {
            let end = min(ids.count, n + BulkReadAhead.chunk)
            var wanted = Set<Int64>()
            for k in n..<end { if let i = ids[k], !handedOut.contains(i) { wanted.insert(i) } }
            loaded = [:]
            if !wanted.isEmpty {
                let list = wanted.sorted().map(String.init).joined(separator: ",")
                for c in try load("id IN (\(list))") { if let i = c.id { loaded[i] = c } }
            }
            loadedUpTo = end
        }
        guard handedOut.insert(id).inserted else { return nil }
        return loaded.removeValue(forKey: id)
    }
}
