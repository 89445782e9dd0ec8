import Foundation
import GRDB
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// The access log (`reads`, v12): a read is recorded with who, when and through which door, and
/// changes nothing else: no version, no audit row, no undo step, no change another process sees.
final class AccessLogTests: XCTestCase {
    func testAReadIsRecordedAndChangesNothingElse() throws {
        let dir = TemporaryDirectory("heard-reads")
        let path = try storePath(in: dir)
        let store = try makeStore(in: dir, actor: "Officer One")
        let c = try store.add(sampleComplaint(), today: fixedToday)
        let id = try XCTUnwrap(c.id)
        let other = try makeStore(in: dir, actor: "Officer Two")
        let counter = try store.changeCounter()
        let undo = try store.undoableCount()
        let before = try everyOtherTable(path)

        XCTAssertEqual(store.recordRead(contactID: id, via: .screen), .written)
        XCTAssertEqual(other.recordRead(contactID: id, via: "sar"), .written)

        let reads = try store.reads(contactID: id)
        XCTAssertEqual(reads.map(\.who), ["Officer One", "Officer Two"])
        XCTAssertEqual(reads.map(\.via), [.screen, .sar])
        XCTAssertEqual(reads.map(\.reference), [c.reference, c.reference])
        XCTAssertEqual(reads.first?.at.count, 20, "a UTC timestamp as the audit's: \(reads.first?.at ?? "")")
        XCTAssertEqual(try store.contact(id: id).version, c.version, "a read never bumps a version")
        XCTAssertEqual(try store.changeCounter(), counter, "nor the change counter")
        XCTAssertEqual(try store.undoableCount(), undo, "nor becomes an undo step")
        let seen = try store.contactsChanged(afterAudit: counter)
        XCTAssertEqual(seen.contacts, [], "another process's read is no change to reload")
        XCTAssertFalse(seen.othersWrote)
        XCTAssertEqual(try everyOtherTable(path), before, "no other table changed")
        // Undo still reverses the last change, not a read.
        let undone = try XCTUnwrap(try store.undoLast(today: fixedToday))
        XCTAssertEqual(undone.contactIDs, [id])
        XCTAssertEqual(try store.readCount(), 2, "the log keeps the reads of a case whose creation was undone")
    }

    /// An export, a copy or a backup of the whole record is one row of the access log with no
    /// case, saying how many; no case's own log shows it, and it changes nothing else.
    func testAReadOfTheWholeRecordIsOneRowWithNoCase() throws {
        let dir = TemporaryDirectory("heard-reads-whole")
        let store = try makeStore(in: dir, actor: "Manager One")
        let c = try store.add(sampleComplaint(), today: fixedToday)
        let id = try XCTUnwrap(c.id)
        let counter = try store.changeCounter()
        XCTAssertEqual(store.recordWholeRead(via: "export", cases: 1), .written)
        XCTAssertEqual(store.recordWholeRead(via: "export", cases: 40, whole: false), .written)
        var rows: [ReadEntry] = []
        try store.eachAuditItem { if case .read(let r) = $0 { rows.append(r) } }
        XCTAssertEqual(rows.map(\.contactID), [nil, nil])
        XCTAssertEqual(rows.map(\.reference), ["every case (1)", "40 cases"])
        XCTAssertEqual(rows.map(\.who), ["Manager One", "Manager One"])
        XCTAssertEqual(rows.map(\.via.stored), ["export", "export"])
        XCTAssertTrue(AuditLogFormat.tableRow(.read(rows[0])).contains(" read      record "), AuditLogFormat.tableRow(.read(rows[0])))
        XCTAssertEqual(try store.reads(contactID: id), [], "no case's own log")
        XCTAssertEqual(try store.changeCounter(), counter, "no change")
    }

    func testAReadOnlyStoreRecordsTheReadAndChangesNothingElse() throws {
        let dir = TemporaryDirectory("heard-reads-ro")
        let path = try storePath(in: dir)
        let id = try XCTUnwrap(try makeStore(in: dir).add(sampleComplaint(), today: fixedToday).id)
        let before = try everyOtherTable(path)
        let ro = try Store(path: path, options: StoreOptions(readOnly: true, create: false, actor: "Manager"))
        XCTAssertEqual(ro.recordRead(contactID: id, via: .show), .written)
        XCTAssertEqual(ro.recordRead(contactID: id, via: .show), .written)
        XCTAssertEqual(try ro.reads(contactID: id).map(\.who), ["Manager", "Manager"])
        XCTAssertEqual(try everyOtherTable(path), before)
        XCTAssertEqual(storeError { try ro.addAction(ActionItem(title: "Write", created: fixedToday)) }, .readOnly, "the record itself stays closed")
    }

    func testABusyFileKeepsTheReadWithoutWaitingAndTheNextWriteTakesIt() throws {
        let dir = TemporaryDirectory("heard-reads-busy")
        let path = try storePath(in: dir)
        let store = try makeStore(in: dir)
        let id = try XCTUnwrap(try store.add(sampleComplaint(), today: fixedToday).id)
        let lock = try HeldWriteLock(path: path)
        let started = Date()
        if TestDatabase.isPostgres {
            // No file to lock: the access log takes no writers' lock, so the read goes in at once.
            XCTAssertEqual(store.recordRead(contactID: id, via: .screen), .written)
            XCTAssertLessThan(Date().timeIntervalSince(started), 1, "no wait (the store's own wait is 5 s)")
            lock.release()
            XCTAssertEqual(try store.reads(contactID: id).map(\.via), [.screen])
            return
        }
        XCTAssertEqual(store.recordRead(contactID: id, via: .screen), .kept)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1, "no wait (the store's own wait is 5 s)")
        XCTAssertEqual(store.readsWaiting, 1)
        lock.release()
        XCTAssertEqual(try store.readCount(), 0)
        _ = try store.addAction(ActionItem(title: "Write to the carer", created: fixedToday))
        XCTAssertEqual(store.readsWaiting, 0)
        XCTAssertEqual(try store.reads(contactID: id).map(\.via), [.screen], "written with the next change")
    }

    /// A screen that ends with reads kept (the file was busy when the cases were opened) has no
    /// next write to take them: its last flush waits for the file as a save would, and writes them
    /// once the other process lets go (they were lost at quit without a word).
    func testTheLastFlushWaitsForABusyFile() throws {
        if TestDatabase.isPostgres { throw XCTSkip("no file to wait for: a server's reads go in at once (above)") }
        let dir = TemporaryDirectory("heard-reads-last")
        let path = try storePath(in: dir)
        let store = try makeStore(in: dir)
        let id = try XCTUnwrap(try store.add(sampleComplaint(), today: fixedToday).id)
        let lock = try HeldWriteLock(path: path)
        XCTAssertEqual(store.recordRead(contactID: id, via: .screen), .kept)
        XCTAssertEqual(store.flushReads(), .kept, "without waiting, still busy")
        let released = expectation(description: "released")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { lock.release(); released.fulfill() }
        XCTAssertEqual(store.flushReads(waitingForTheFile: true), .written)
        wait(for: [released], timeout: 5)
        XCTAssertEqual(store.readsWaiting, 0)
        XCTAssertEqual(try store.reads(contactID: id).map(\.via), [.screen])
    }

    /// Under --read-only too, the last flush waits for the file as a save would.
    func testTheLastFlushUnderReadOnlyWaitsForABusyFile() throws {
        if TestDatabase.isPostgres { throw XCTSkip("no file to wait for") }
        let dir = TemporaryDirectory("heard-reads-last-ro")
        let path = try storePath(in: dir)
        let id = try XCTUnwrap(try makeStore(in: dir).add(sampleComplaint(), today: fixedToday).id)
        let ro = try Store(path: path, options: StoreOptions(readOnly: true, create: false, actor: "Manager"))
        let lock = try HeldWriteLock(path: path)
        XCTAssertEqual(ro.recordRead(contactID: id, via: .show), .kept)
        let released = expectation(description: "released")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { lock.release(); released.fulfill() }
        XCTAssertEqual(ro.flushReads(waitingForTheFile: true), .written)
        wait(for: [released], timeout: 5)
        XCTAssertEqual(try ro.reads(contactID: id).map(\.via), [.show])
    }

    func testABusyFileUnderReadOnlyKeepsTheReadForTheNextRecord() throws {
        let dir = TemporaryDirectory("heard-reads-busy-ro")
        let path = try storePath(in: dir)
        let id = try XCTUnwrap(try makeStore(in: dir).add(sampleComplaint(), today: fixedToday).id)
        let ro = try Store(path: path, options: StoreOptions(readOnly: true, create: false, actor: "Manager"))
        let lock = try HeldWriteLock(path: path)
        let started = Date()
        if TestDatabase.isPostgres {
            // The writers' lock held: a read-only store's reads still go in at once, unwaiting.
            XCTAssertEqual(ro.recordRead(contactID: id, via: .show), .written)
            XCTAssertLessThan(Date().timeIntervalSince(started), 1)
            lock.release()
            XCTAssertEqual(ro.recordRead(contactID: id, via: .letter), .written)
            XCTAssertEqual(try ro.reads(contactID: id).map(\.via), [.show, .letter])
            return
        }
        XCTAssertEqual(ro.recordRead(contactID: id, via: .show), .kept)
        XCTAssertEqual(ro.flushReads(), .kept)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
        lock.release()
        XCTAssertEqual(ro.recordRead(contactID: id, via: .letter), .written)
        XCTAssertEqual(try ro.reads(contactID: id).map(\.via), [.show, .letter], "the kept one first")
    }

    /// A SAR reads cases as it records the request: a read recorded inside `write { }` goes in
    /// with that write's commit (the writer is taken: a write of its own would trap).
    func testAReadRecordedInsideAWriteIsWrittenWithItsCommit() throws {
        let dir = TemporaryDirectory("heard-reads-in-write")
        let store = try makeStore(in: dir)
        let id = try XCTUnwrap(try store.add(sampleComplaint(), today: fixedToday).id)
        let counter = try store.changeCounter()
        let during: ReadRecording = try store.write { tx in
            _ = try store.contact(id: id, in: tx)
            return store.recordRead(contactID: id, via: .sar)
        }
        XCTAssertEqual(during, .kept)
        XCTAssertEqual(store.readsWaiting, 0)
        XCTAssertEqual(try store.reads(contactID: id).map(\.via), [.sar])
        XCTAssertEqual(try store.changeCounter(), counter, "a write of nothing but a read leaves no audit row")
        // A write that fails keeps its reads for the next one.
        XCTAssertThrowsError(try store.write { _ in
            store.recordRead(contactID: id, via: .sar)
            throw StoreError.refused("no")
        })
        XCTAssertEqual(store.readsWaiting, 1)
        XCTAssertEqual(store.flushReads(), .written)
        XCTAssertEqual(try store.reads(contactID: id).count, 2)
    }

    func testReadsTurnedOffRecordNothing() throws {
        let dir = TemporaryDirectory("heard-reads-off")
        let store = try makeStore(in: dir)
        let id = try XCTUnwrap(try store.add(sampleComplaint(), today: fixedToday).id)
        var options = StoreOptions(actor: "T")
        options.recordReads = false
        let off = try Store(path: try storePath(in: dir), options: options)
        XCTAssertEqual(off.recordRead(contactID: id, via: .screen), .off)
        XCTAssertEqual(try off.readCount(), 0)
    }

    func testAReadOfNoCaseIsRefusedAndNothingWritten() throws {
        let dir = TemporaryDirectory("heard-reads-none")
        let store = try makeStore(in: dir)
        XCTAssertEqual(store.recordRead(contactID: 999, via: .screen), .failed("no case #999"))
        XCTAssertEqual(try store.readCount(), 0)
    }

    func testTheAccessLogCannotBeChangedOrDeleted() throws {
        let dir = TemporaryDirectory("heard-reads-fixed")
        let store = try makeStore(in: dir)
        let id = try XCTUnwrap(try store.add(sampleComplaint(), today: fixedToday).id)
        store.recordRead(contactID: id, via: .screen)
        XCTAssertThrowsError(try rawExecute(store.path, "UPDATE reads SET who = 'someone else'"))
        XCTAssertThrowsError(try rawExecute(store.path, "DELETE FROM reads"))
        XCTAssertEqual(try store.readCount(), 1)
    }

    /// `heard audit`'s order: a read after the change it saw and before the next, even within one second.
    func testTheMergedHistoryPutsEachReadAfterTheChangesItSaw() throws {
        let dir = TemporaryDirectory("heard-reads-order")
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(), today: fixedToday)
        let id = try XCTUnwrap(c.id)
        store.recordRead(contactID: id, via: .screen)
        var edited = try store.contact(id: id)
        edited.team = "Team B"
        _ = try store.update(edited, today: fixedToday)
        store.recordRead(contactID: id, via: .show)
        let other = try store.add(sampleComplaint(name: "Someone Else"), today: fixedToday)
        var items: [String] = []
        try store.eachAuditItem(contactID: id, reference: c.reference) { item in
            switch item {
            case .change(let e): items.append(e.action.stored)
            case .read(let r): items.append("read " + r.via.stored)
            }
        }
        XCTAssertEqual(items, ["create", "read screen", "update", "read show"])
        var all: [String] = []
        try store.eachAuditItem { item in
            if case .change(let e) = item { all.append(e.reference) } else { all.append("read") }
        }
        XCTAssertEqual(all, [c.reference, "read", c.reference, "read", other.reference])
    }
}

/// Every row of every table but the access log's (`tableRows`), holding the tables a read could touch.
func everyOtherTable(_ path: String) throws -> [String: [String]] {
    let rows = try tableRows(path)
    XCTAssertTrue(rows.keys.contains("audit") && rows.keys.contains("contacts") && !rows.keys.contains("reads"), "\(rows.keys)")
    return rows
}
