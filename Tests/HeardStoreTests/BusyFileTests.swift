import Foundation
import GRDB
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Another process holding the file: a write waits, tries again, and when the file stays busy
/// is refused whole with a message that says so; once it is free the same write succeeds.
final class BusyFileTests: XCTestCase {
    func testAWriteRefusedAsBusyChangesNothingAndSucceedsOnceTheFileIsFree() throws {
        let dir = TemporaryDirectory("heard-busy-store")
        var options = StoreOptions(actor: "Test Officer")
        options.busyTimeout = 0.05
        options.busyRetries = 2
        let store = try Store(path: dir.file("heard.sqlite"), options: options)
        let before = try auditCount(dir.file("heard.sqlite"))
        let other = try DatabaseQueue(path: dir.file("heard.sqlite"))
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? other.inTransaction(.immediate) { _ in
                holding.signal()
                release.wait()
                return .commit
            }
            finished.signal()
        }
        holding.wait()
        let started = Date()
        let e = storeError { try store.addAction(ActionItem(title: "Write to the carer", created: fixedToday)) }
        // Three attempts of 50 ms each, and the pauses between them.
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.15, "it waited and tried again")
        XCTAssertEqual(e, .database("the file is locked by another process; try again"))
        release.signal()
        finished.wait()
        XCTAssertEqual(try store.actions(today: fixedToday).count, 0)
        XCTAssertEqual(try auditCount(dir.file("heard.sqlite")), before)
        let saved = try store.addAction(ActionItem(title: "Write to the carer", created: fixedToday))
        XCTAssertEqual(saved.title, "Write to the carer")
    }

    /// The screens' store gives up on a busy file after about two seconds (it froze the screen
    /// for fifteen), and says beforehand, without waiting, that the file is busy.
    func testTheScreensWaitAboutTwoSecondsAndCanAskWithoutWaiting() throws {
        let dir = TemporaryDirectory("heard-busy-brief")
        var options = StoreOptions(actor: "Test Officer")
        options.waitBriefly()
        let store = try Store(path: dir.file("heard.sqlite"), options: options)
        XCTAssertFalse(store.fileIsBusy())
        let other = try DatabaseQueue(path: dir.file("heard.sqlite"))
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? other.inTransaction(.immediate) { _ in
                holding.signal()
                release.wait()
                return .commit
            }
            finished.signal()
        }
        holding.wait()
        var started = Date()
        XCTAssertTrue(store.fileIsBusy())
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.5, "asked without waiting")
        started = Date()
        let e = storeError { try store.addAction(ActionItem(title: "Write to the carer", created: fixedToday)) }
        let waited = Date().timeIntervalSince(started)
        XCTAssertEqual(e?.isBusy, true)
        XCTAssertGreaterThanOrEqual(waited, 1.5)
        XCTAssertLessThanOrEqual(waited, 3.5)
        release.signal()
        finished.wait()
        XCTAssertFalse(store.fileIsBusy())
        XCTAssertEqual(try store.addAction(ActionItem(title: "Write to the carer", created: fixedToday)).title, "Write to the carer")
    }
}
