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
}
