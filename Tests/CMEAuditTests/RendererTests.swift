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

  func hostileReport() -> Report {
    let records = [record("l", .log, "2026-03-04", "<script>alert(1)</script> [x](http://evil) | **bold**")]
    let context = AuditContext(
      hasLogs: true, hasCertificates: false, certificateFileNames: [], today: day("2026-07-15"), period: nil)
    let findings = FindingRules(context: context).findings(for: Matcher().reconcile(records), issues: [])
    return Report(
      period: nil, sources: [], records: [], findings: findings,
      totals: Totals.compute(activities: [records], logRecords: records), links: [])
  }

  @Test func markdownEscapesWhatTheInputsSay() {
    let markdown = MarkdownRenderer().render(hostileReport())
    #expect(markdown.contains("## Errors"))
    #expect(markdown.contains("\\<script\\>"))
    #expect(!markdown.contains("[x](http://evil)"))
    #expect(markdown.contains("| AMA PRA Category 1 | 1.0 | 0.0 |"))
  }
}
