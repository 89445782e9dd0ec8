import HeardCore
import HeardTestSupport
import XCTest

/// A finding's change reapplied on someone else's newer version keeps theirs where it was left
/// as it was seen, and puts back what was changed.
final class FindingChangeRebaseTests: XCTestCase {
    private func theirs(_ finding: Finding?, _ text: String) -> Contact {
        var c = sampleComplaint(received: "2022-01-10", categories: ["communication and information", "placement"])
        c.issues[0].id = 11
        c.issues[1].id = 12
        c.issues[1].findings[1] = finding
        c.issues[1].findingTexts[1] = text.isEmpty ? nil : text
        return c
    }

    func testWhatWasLeftAsSeenTakesTheirsAndWhatWasChangedStays() {
        let seen = FindingChange.Before(finding: .upheld, text: "First words")
        let wordsOnly = FindingChange(issueID: 12, stage: 1, finding: .upheld, text: "New words", before: seen)
        let r = wordsOnly.rebased(on: theirs(.notUpheld, "First words"))
        XCTAssertEqual(r.finding, .notUpheld, "their verdict, ours being untouched")
        XCTAssertEqual(r.text, "New words")
        XCTAssertEqual(r.before, FindingChange.Before(finding: .notUpheld, text: "First words"), "seen now as they left it")

        let verdictOnly = FindingChange(issueID: 12, stage: 1, finding: .partiallyUpheld, text: "First words", before: seen)
        let v = verdictOnly.rebased(on: theirs(.upheld, "Their words"))
        XCTAssertEqual(v.finding, .partiallyUpheld)
        XCTAssertNil(v.text, "their words left as they are")

        // Cleared here: the clearing is ours, words emptied too.
        let cleared = FindingChange(issueID: 12, stage: 1, finding: nil, text: "", before: seen)
        let c = cleared.rebased(on: theirs(.notUpheld, "Their words"))
        XCTAssertNil(c.finding)
        XCTAssertEqual(c.text, "")
        // Their clearing stands when ours left the verdict as seen.
        XCTAssertNil(wordsOnly.rebased(on: theirs(nil, "")).finding)
    }

    func testAChangeNotKnownToBeFromAFormIsReappliedWhole() {
        let typed = FindingChange(issueID: 12, stage: 1, finding: .upheld, text: "Words")
        XCTAssertEqual(typed.rebased(on: theirs(.notUpheld, "Other")), typed)
        XCTAssertEqual(typed.rebased(on: theirs(.notUpheld, "Other")).finding, .upheld)
        // An issue the case no longer has: as it was (the store refuses it, saying which).
        let gone = FindingChange(issueID: 99, stage: 1, finding: .upheld, text: "W", before: .init(finding: nil, text: ""))
        XCTAssertEqual(gone.rebased(on: theirs(nil, "")).finding, .upheld)
    }

    func testEqualityIsWhatIsRecordedNotWhereItCameFrom() {
        XCTAssertEqual(FindingChange(issueID: 1, stage: 1, finding: .upheld, text: "W", before: .init(finding: nil, text: "")),
                       FindingChange(issueID: 1, stage: 1, finding: .upheld, text: "W"))
        XCTAssertNotEqual(FindingChange(issueID: 1, stage: 1, finding: .upheld, text: "W"), FindingChange(issueID: 1, stage: 1, finding: .upheld, text: nil))
    }
}
