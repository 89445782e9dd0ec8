import Foundation
@testable import HeardLetters
import HeardTestSupport
import XCTest

/// A council's template nested deeper than a letter needs is refused with a message naming its
/// file, before the Mustache parser (which recurses once per level) can overflow the stack.
final class TemplateDepthTests: XCTestCase {
    func testNestingIsCountedThroughEverySectionKindAndSetDelimiters() {
        XCTAssertEqual(TemplateDepth.deepest("{{#a}}{{^b}}{{$c}}x{{/c}}{{/b}}{{/a}}{{#d}}{{/d}}"), 3)
        XCTAssertEqual(TemplateDepth.deepest("{{! #a }}{{{x}}}{{name}}"), 0)
        XCTAssertEqual(TemplateDepth.deepest("{{=<% %>=}}<%#a%><%#b%><%/b%><%/a%>{{#c}}"), 2, "{{ is plain text after the change")
        XCTAssertNil(TemplateDepth.problem(String(repeating: "{{#a}}", count: 50) + String(repeating: "{{/a}}", count: 50)))
        XCTAssertNotNil(TemplateDepth.problem(String(repeating: "{{#a}}", count: 51)))
    }

    func testAThousandLevelsAreAProblemNamingTheFileNotACrash() throws {
        let dir = TemporaryDirectory()
        let deep = String(repeating: "{{#a}}", count: 1_000) + "x" + String(repeating: "{{/a}}", count: 1_000)
        try deep.write(toFile: dir.file("stage1-response.mustache"), atomically: true, encoding: .utf8)
        try ("{{=<% %>=}}" + String(repeating: "<%#a%>", count: 1_000)).write(toFile: dir.file("hidden-deep.mustache"), atomically: true, encoding: .utf8)
        let book = LetterBook.load(directory: dir.path)
        XCTAssertEqual(book.problems.count, 2, book.problems.joined(separator: "\n"))
        XCTAssertTrue(book.problems.contains { $0.hasPrefix(dir.file("stage1-response.mustache") + ": sections are nested more than 50 deep")
            && $0.hasSuffix("using Heard's own stage1-response letter") }, book.problems.joined(separator: "\n"))
        XCTAssertTrue(book.problems.contains { $0.hasPrefix(dir.file("hidden-deep.mustache")) }, book.problems.joined(separator: "\n"))
        XCTAssertTrue(book.names.contains("stage1-response"))
        XCTAssertFalse(book.names.contains("hidden-deep"))
    }

    /// A council's part that includes itself, directly, through another, or behind other
    /// delimiters, overflowed the renderer's stack: every letter and the screens' L crashed.
    /// It gives way to Heard's own part, named with the way round; a letter still renders.
    func testPartsThatIncludeOneAnotherGiveWayToHeardsOwnAndTheLetterRenders() throws {
        XCTAssertEqual(TemplateDepth.partials("{{> _a}} {{<_b}}{{/_b}} {{=<% %>=}}<%> _c %> {{> _d}}"), ["_a", "_b", "_c"])
        XCTAssertNil(TemplateDepth.loopingPart(ShippedParts.text, among: ShippedParts.text.keys.sorted()), "Heard's own parts include none of one another")
        XCTAssertEqual(TemplateDepth.loopingPart(["_a": "{{> _b}}", "_b": "{{> _a}}"], among: ["_a"])?.way, "_a → _b → _a")
        let chain = ["_a": "{{> _b}}", "_b": "{{> _c}}", "_c": "{{> _d}}", "_d": "{{> _e}}", "_e": "x"]
        XCTAssertEqual(TemplateDepth.loopingPart(chain, among: ["_a"])?.name, "_a", "five parts deep is past the limit")
        XCTAssertNil(TemplateDepth.loopingPart(chain, among: ["_b"]))

        for (files, named) in [(["_letterhead": "{{> _letterhead}}"], "_letterhead → _letterhead"),
                               (["_letterhead": "top {{> _signoff}}", "_signoff": "{{> _letterhead}} bottom"], "_letterhead → _signoff → _letterhead"),
                               (["_letterhead": "{{=<% %>=}}<%> _letterhead %>"], "_letterhead → _letterhead")] {
            let dir = TemporaryDirectory()
            for (name, text) in files { try text.write(toFile: dir.file(name + ".mustache"), atomically: true, encoding: .utf8) }
            let book = LetterBook.load(directory: dir.path)
            XCTAssertEqual(book.problems, [dir.file("_letterhead.mustache") + ": its parts include one another without end (\(named)); using Heard's own _letterhead part"])
            let letter = try book.render(name: "acknowledgement", record: LetterCases.new(), settings: LetterCases.settings, today: day("2022-01-11"))
            XCTAssertTrue(letter.contains("CS-2022-0007"), letter)
        }
    }

    /// Parts that each name the next a thousand times grew a letter to gigabytes and hung the
    /// screens; a part named by a field's value included itself unseen and crashed. Each gives
    /// way to Heard's own, named, and the letter renders.
    func testAPartThatGrowsPastAnyLetterOrIsNamedByAFieldGivesWay() throws {
        let dir = TemporaryDirectory()
        try String(repeating: "{{> _a}}", count: 1000).write(toFile: dir.file("_letterhead.mustache"), atomically: true, encoding: .utf8)
        try String(repeating: "{{> _b}}", count: 1000).write(toFile: dir.file("_a.mustache"), atomically: true, encoding: .utf8)
        try String(repeating: "x", count: 100).write(toFile: dir.file("_b.mustache"), atomically: true, encoding: .utf8)
        try "{{>*council_name}}".write(toFile: dir.file("_signoff.mustache"), atomically: true, encoding: .utf8)
        try "Dear {{> _a}}".write(toFile: dir.file("big-letter.mustache"), atomically: true, encoding: .utf8)
        XCTAssertGreaterThan(TemplateDepth.expandedSize("{{> _a}}", parts: ["_a": "{{> _b}}{{> _b}}", "_b": "xy"]), 3)
        XCTAssertEqual(TemplateDepth.expandedSize("{{> _a}}{{> _a}}", parts: ["_a": "{{> _b}}{{> _b}}", "_b": "xy"]), 2 * 2 * 2, "the tags go, their parts come")
        // A section may be a list: what is inside it counts twenty times, and a part inside it too.
        XCTAssertEqual(TemplateDepth.expandedSize("a{{#issues}}xy{{> _b}}{{/issues}}b", parts: ["_b": "z"]), 2 + 20 * 3)
        XCTAssertEqual(TemplateDepth.expandedSize("{{^issues}}xy{{/issues}}", parts: [:]), 2, "an inverted section once")
        XCTAssertEqual(TemplateDepth.expandedSize("{{#has_detail}}xy{{/has_detail}}", parts: [:]), 2, "a has_ section once")
        let book = LetterBook.load(directory: dir.path)
        let said = book.problems.joined(separator: "\n")
        XCTAssertTrue(said.contains(dir.file("_signoff.mustache") + ": names a part by a field"), said)
        XCTAssertTrue(said.contains(dir.file("_letterhead.mustache") + ": with the parts it includes it grows past 2 MB; using Heard's own _letterhead part"), said)
        XCTAssertFalse(said.contains(dir.file("_a.mustache")), "a hundred KB with its parts is a part like any other: \(said)")
        // Parts that each name the next a thousand times, three deep: every one past the limit
        // gives way, found before any is put back (else the letterhead was left out of the letters).
        let deep = TemporaryDirectory()
        try String(repeating: "{{> _a}}", count: 1000).write(toFile: deep.file("_letterhead.mustache"), atomically: true, encoding: .utf8)
        try String(repeating: "{{> _b}}", count: 1000).write(toFile: deep.file("_a.mustache"), atomically: true, encoding: .utf8)
        try String(repeating: "{{> _c}}", count: 1000).write(toFile: deep.file("_b.mustache"), atomically: true, encoding: .utf8)
        try String(repeating: "x", count: 100).write(toFile: deep.file("_c.mustache"), atomically: true, encoding: .utf8)
        let deepBook = LetterBook.load(directory: deep.path)
        let deepSaid = deepBook.problems.joined(separator: "\n")
        XCTAssertTrue(deepSaid.contains(deep.file("_letterhead.mustache") + ": with the parts it includes it grows past 2 MB; using Heard's own _letterhead part"), deepSaid)
        let withLetterhead = try deepBook.render(name: "acknowledgement", record: LetterCases.new(), settings: LetterCases.settings, today: day("2022-01-11"))
        XCTAssertTrue(withLetterhead.hasPrefix("**"), "Heard's own letterhead, the council's name first: \(withLetterhead.prefix(80))")
        XCTAssertTrue(book.names.contains("big-letter"))
        let letter = try book.render(name: "acknowledgement", record: LetterCases.new(), settings: LetterCases.settings, today: day("2022-01-11"))
        XCTAssertLessThan(letter.utf8.count, 100_000)
        XCTAssertTrue(letter.contains("CS-2022-0007"), letter)
    }

    /// Sections of a list inside one another repeat their inside for every item at every level:
    /// twenty of them in a 1.4 KB letterhead hung the screens past a gigabyte on a case of two
    /// issues (found by an attack). Heard's own letters pass.
    func testSectionsInsideOneAnotherPastAnyLetterGiveWay() throws {
        let dir = TemporaryDirectory()
        let nested = String(repeating: "{{#issues}}", count: 20) + String(repeating: "x", count: 1000) + String(repeating: "{{/issues}}", count: 20)
        try nested.write(toFile: dir.file("_letterhead.mustache"), atomically: true, encoding: .utf8)
        try ("Dear {{complainant_name}}\n" + nested).write(toFile: dir.file("stage2-acknowledgement.mustache"), atomically: true, encoding: .utf8)
        let book = LetterBook.load(directory: dir.path)
        let said = book.problems.joined(separator: "\n")
        XCTAssertTrue(said.contains(dir.file("_letterhead.mustache") + ": with the parts it includes it grows past 2 MB; using Heard's own _letterhead part"), said)
        XCTAssertTrue(said.contains(dir.file("stage2-acknowledgement.mustache") + ": with the parts it includes it grows past 2 MB; using Heard's own stage2-acknowledgement letter"), said)
        XCTAssertEqual(LetterBook.load(directory: nil).problems, [], "Heard's own letters and parts pass")
        let letter = try book.render(name: "acknowledgement", record: LetterCases.new(), settings: LetterCases.settings, today: day("2022-01-11"))
        XCTAssertLessThan(letter.utf8.count, 100_000)
    }
}
