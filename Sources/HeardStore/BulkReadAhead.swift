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
    private var status: [Int64: [SQLValue]] = [:]
    private var checkedCases: [Int64: (contact: Contact, lean: [SQLValue])] = [:]

    /// A read-ahead over `ids`, in work order (nil: a row that needs no case).
    init(ids: [Int64?]) { self.ids = ids }

    /// A read-ahead over the cases of a bulk change.
    init(ids: [Int64]) { self.ids = ids.map { $0 } }

    /// The case of position `n` as read at the start of its chunk, or nil when it is not on file,
    /// was handed out before, or the position names none. `load` reads the contacts matching a
    /// WHERE clause (the ids are integers written into it, never text from the user).
    /// `loadStatus`, when given, reads the stored status columns of the same chunk in one
    /// statement (`takeStatus`), so a case's check of its status needs no read of its own.
    mutating func contact(at n: Int, _ load: (String) throws -> [Contact],
                          loadStatus: ((String) throws -> [Int64: [SQLValue]])? = nil) throws -> Contact? {
        guard n < ids.count, let id = ids[n] else { return nil }
        if let wanted = chunk(startingAt: n) {
            loaded = [:]
            status = [:]
            if !wanted.isEmpty {
                let list = "id IN (\(wanted.map(String.init).joined(separator: ",")))"
                for c in try load(list) { if let i = c.id { loaded[i] = c } }
                if let loadStatus { status = try loadStatus(list) }
            }
            loadedUpTo = n + BulkReadAhead.chunk
        }
        guard handedOut.insert(id).inserted else { return nil }
        return loaded.removeValue(forKey: id)
    }

    /// `contact(at:)` for a reader of a case and its lean row in one (`Store.bulkCases`), given
    /// the chunk's ids (sorted): the case of position `n` with its row, nil as there.
    mutating func checked(at n: Int, _ load: ([Int64]) throws -> [Int64: (contact: Contact, lean: [SQLValue])]) throws -> (contact: Contact, lean: [SQLValue])? {
        guard n < ids.count, let id = ids[n] else { return nil }
        try readChunk(at: n, load)
        guard handedOut.insert(id).inserted else { return nil }
        return checkedCases.removeValue(forKey: id)
    }

    /// `checkedChunk(at:)` for a chunk its feed read (`BulkChunkFeed`): of `fed` (its cases, a
    /// superset), those not handed out before.
    mutating func checkedChunk(at n: Int, fed: [Int64: (contact: Contact, lean: [SQLValue])]) {
        _ = try? checkedChunk(at: n) { wanted in
            let wanted = Set(wanted)
            return fed.filter { wanted.contains($0.key) }
        }
    }

    /// The cases `checked(at:)` hands out from position `n` on, read now when their chunk is
    /// not read yet: for work on a whole chunk before its cases are handed out one by one.
    mutating func checkedChunk(at n: Int, _ load: ([Int64]) throws -> [Int64: (contact: Contact, lean: [SQLValue])]) throws -> [Int64: (contact: Contact, lean: [SQLValue])] {
        guard n < ids.count else { return [:] }
        try readChunk(at: n, load)
        return checkedCases
    }

    private mutating func readChunk(at n: Int, _ load: ([Int64]) throws -> [Int64: (contact: Contact, lean: [SQLValue])]) throws {
        if let wanted = chunk(startingAt: n) {
            checkedCases = [:]
            if !wanted.isEmpty { checkedCases = try load(wanted) }
            loadedUpTo = n + BulkReadAhead.chunk
        }
    }

    /// When position `n` starts a chunk (no case of it read yet), the ids of the chunk's cases to
    /// read, sorted, each once, none handed out before; nil when its chunk is read already.
    private func chunk(startingAt n: Int) -> [Int64]? {
        guard n >= loadedUpTo else { return nil }
        return ids(ofChunkAt: n)
    }

    /// The ids the chunk starting at position `n` would read if it were read now (a chunk to
    /// come, asked for ahead of time: its read matches when no case of it is handed out before).
    func ids(ofChunkAt n: Int) -> [Int64] {
        guard n < ids.count else { return [] }
        var wanted = Set<Int64>()
        for k in n..<min(ids.count, n + BulkReadAhead.chunk) { if let i = ids[k], !handedOut.contains(i) { wanted.insert(i) } }
        return wanted.sorted()
    }

    /// The stored status columns of a case `contact(at:)` just handed out, as read with its
    /// chunk (`Store.statusColumns`); nil when not read. Good only while nothing in this
    /// transaction has written the case's status since: the caller asks only for a case it
    /// has not touched yet.
    mutating func takeStatus(of id: Int64) -> [SQLValue]? { status.removeValue(forKey: id) }
}

