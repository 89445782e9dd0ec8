import XCTest
import TerminalUI

final class BarChartTests: XCTestCase {
    func testBarScalesInEighths() {
        XCTAssertEqual(BarChart.bar(value: 10, maximum: 10, width: 4, glyphs: .fancy), "████")
        XCTAssertEqual(BarChart.bar(value: 5, maximum: 10, width: 4, glyphs: .fancy), "██")
        XCTAssertEqual(BarChart.bar(value: 1, maximum: 10, width: 4, glyphs: .fancy), "▍") // 3.2 eighths -> 3
        XCTAssertEqual(BarChart.bar(value: 0.01, maximum: 10, width: 4, glyphs: .fancy), "▏", "tiny values stay visible")
        XCTAssertEqual(BarChart.bar(value: 0, maximum: 10, width: 4, glyphs: .fancy), "")
        XCTAssertEqual(BarChart.bar(value: 7, maximum: 10, width: 10, glyphs: .ascii), "#######")
        XCTAssertEqual(BarChart.bar(value: 20, maximum: 10, width: 3, glyphs: .ascii), "###")
    }

    func testRenderWithPreviousPeriod() {
        let chart = BarChart([
            BarChartItem("Communication", value: 12, previous: 8),
            BarChartItem("Delay", value: 6),
            BarChartItem("李小龍", value: 3, previous: 0),
        ])
        var f = Frame(width: 30, height: 6)
        chart.render(into: &f, rect: f.bounds)
        assertFrame(f, [
            "Communica… ███████████████ 12 ",
            "           ▒▒▒▒▒▒▒▒▒▒ 8       ",
            "Delay      ███████▌ 6         ",
            "李小龍     ███▊ 3             ",
            "            0                 ",
            "                              ",
        ])
        XCTAssertEqual(f[11, 0]?.role, .chartBar)
        XCTAssertEqual(f[11, 1]?.role, .chartBarPrevious)
        XCTAssertEqual(chart.rowCount, 5)
    }

    func testAsciiAndTinyArea() {
        let chart = BarChart([BarChartItem("A", value: 2), BarChartItem("B", value: 4)], glyphs: .ascii)
        var f = Frame(width: 12, height: 2)
        chart.render(into: &f, rect: f.bounds)
        assertFrame(f, ["A #### 2    ", "B ####### 4 "])
        var tiny = Frame(width: 3, height: 1)
        chart.render(into: &tiny, rect: tiny.bounds)
        XCTAssertEqual(tiny.rows().count, 1)
    }
}
