import Foundation
import Testing

@testable import CMEAudit

@Suite struct RendererTests {
  @Test(arguments: [
    ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""), ("+1", "'+1"), ("-2", "'-2"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"), ("\rcmd", "\"'\rcmd\""), ("plain, text", "\"plain, text\""), ("ok", "ok"),
  ])
  func csvCellsCannotRunAsFormulas(cell: String, expected: String) {
    #expect(CSVRenderer.escape(cell) == expected)
  }

  @Test func csvStartsWithAByteOrderMarkForExcel() {
    let report = Report(
      period: nil, sources: [], records: [], findings: [], totals: Totals(byType: []), links: [])
    #expect(CSVRenderer().render(report).hasPrefix("\u{FEFF}severity,code"))
  }
}
