import XCTest
@testable import HeardCore

/// `Tally` finds a key it met before by the String's two words before hashing it. These hold it
/// to what a tally by value alone gives: one position per distinct text, whatever storage each
/// copy of it has, and never one text's position for another's.
final class TallyTests: XCTestCase {
    /// A copy of `s` in storage of its own (a large string: not the same two words as `s`).
    private func fresh(_ s: String) -> String { String(decoding: Array(s.utf8), as: UTF8.self) }

    /// The counts a tally by value gives, in first-seen order.
    private func byValue(_ keys: [String]) -> [(String, Int)] {
        var order: [String] = [], counts: [String: Int] = [:]
        for k in keys {
            if counts[k] == nil { order.append(k) }
            counts[k, default: 0] += 1
        }
        return order.map { ($0, counts[$0]!) }
    }

    private func counted(_ t: Tally) -> [(String, Int)] { t.keys.map { ($0, t.count($0)) } }

    func testTheSameTextInOtherStorageIsTheSameKey() {
        let area = "Family Support and Child Protection"  // large: kept in storage, not in the words
        let copies = (0..<50).map { _ in fresh(area) }
        XCTAssertNotEqual(unsafeBitCast(copies[0], to: (UInt64, UInt64).self).1,
                          unsafeBitCast(copies[1], to: (UInt64, UInt64).self).1, "each copy has storage of its own")
        var t = Tally(references: true)
        for (n, c) in copies.enumerated() { t.add(c, "CS-\(n)") }
        XCTAssertEqual(t.keys, [area])
        XCTAssertEqual(t.count(area), 50)
        XCTAssertEqual(t.refs(area), (0..<50).map { "CS-\($0)" })
    }

    func testManyTextsSmallAndLargeCountAsByValue() {
        // More distinct texts than the tally remembers, small and large, each met in several
        // storages and in a shuffled order: every remembered slot is overwritten many times.
        var generator = SeededRandom(seed: 14)
        let texts = (0..<90).map { n in n % 3 == 0 ? "t\(n)" : "A service area with a long name, number \(n)" }
        var keys: [String] = []
        for _ in 0..<4_000 {
            let text = texts[Int(generator.next() % UInt64(texts.count))]
            keys.append(generator.next() % 2 == 0 ? text : fresh(text))
        }
        var t = Tally(references: false)
        for k in keys { t.add(k, "") }
        let want = byValue(keys)
        XCTAssertEqual(counted(t).map(\.0), want.map(\.0))
        XCTAssertEqual(counted(t).map(\.1), want.map(\.1))
        XCTAssertEqual(t.keys.count, Set(keys).count)
    }

    func testKeysGivenAtTheStartKeepTheirPositionsAndEqualFormsMeetTheFirst() {
        var t = Tally(keys: ["upheld", "not upheld"], references: false)
        XCTAssertEqual(t.ensure(fresh("not upheld")), 1)
        XCTAssertEqual(t.ensure("upheld"), 0)
        // Canonically equivalent texts are one key, as a dictionary of Strings has them: the
        // composed form first, the decomposed one counted with it.
        let composed = "Caf\u{E9} and a long enough name", decomposed = "Cafe\u{301} and a long enough name"
        t.add(composed, "")
        t.add(decomposed, "")
        t.add(decomposed, "")
        XCTAssertEqual(t.keys, ["upheld", "not upheld", composed])
        XCTAssertEqual(t.count(composed), 3)
    }

    func testTalliesAppendedAsIfOne() {
        var generator = SeededRandom(seed: 15)
        let texts = (0..<40).map { "Category number \($0) of the record" }
        let keys = (0..<2_000).map { _ in fresh(texts[Int(generator.next() % 40)]) }
        var whole = Tally(references: true), first = Tally(references: true), second = Tally(references: true)
        for (n, k) in keys.enumerated() {
            whole.add(k, "\(n)")
            if n < 777 { first.add(k, "\(n)") } else { second.add(k, "\(n)") }
        }
        first.append(second)
        XCTAssertEqual(first.keys, whole.keys)
        for k in whole.keys {
            XCTAssertEqual(first.count(k), whole.count(k))
            XCTAssertEqual(first.refs(k), whole.refs(k))
        }
    }
}
