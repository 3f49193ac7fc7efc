import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditImport
@testable import CMEAuditModel
@testable import CMEAuditReport

@Suite struct RendererTests {
  @Test(arguments: [
    ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""), ("+1", "'+1"), ("-2", "'-2"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"), ("\rcmd", "\"'\rcmd\""), ("plain, text", "\"plain, text\""), ("ok", "ok"),
    // A quote followed by a combining mark is one `Character` but still a quote to a spreadsheet: doubled.
    ("a\"\u{301}b", "\"a\"\"\u{301}b\""), ("", ""), ("line\nbreak", "\"line\nbreak\""),
  ])
  func csvCellsCannotRunAsFormulas(cell: String, expected: String) {
    #expect(CSVRenderer.escape(cell) == expected)
  }

  /// Every finding's fields come back from the CSV as they went in (the formula guard aside), whatever
  /// quotes, commas, line breaks and marks they hold; `data` is `render`'s bytes.
  @Test func csvReadsBackFieldByField() throws {
    let texts = ["plain", "with, comma", "say \"hi\"", "two\nlines", "q\"\u{301}x", "=SUM(A1)", "é, ü", ""]
    let findings = texts.indices.map { index in
      Finding(
        code: .unverifiable, severity: .warning,
        reason: [FindingReason.unverifiable(.noRecord), .duplicate(.sameFile), .unknownLearner(.ambiguous)][
          index % 3],
        message: texts[(index + 1) % texts.count],
        action: texts[(index + 2) % texts.count], records: ["r\(index)", "s\(index)"],
        locations: [Provenance(path: texts[(index + 3) % texts.count], line: index)])
    }
    let report = Report(
      period: nil, sources: [], records: [], findings: findings, totals: Totals(byType: []), links: [])
    let text = CSVRenderer().render(report)
    #expect(CSVRenderer().data(report) == Data(text.utf8))
    let rows = CSVReader(delimiter: ",").read(String(text.dropFirst())).rows.map { $0.fields }
    #expect(rows.count == findings.count + 1)
    let guarded = { (text: String) in text.first.map { "=+-@".contains($0) } == true ? "'" + text : text }
    for (finding, row) in zip(findings, rows.dropFirst()) {
      #expect(
        row == [
          "warning", "unverifiable", finding.reason!.rawValue, guarded(finding.locations[0].path),
          "\(finding.locations[0].line!)", guarded(finding.message), guarded(finding.action),
          finding.records.joined(separator: " "),
        ])
    }
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

  @Test func htmlIsSelfContainedAndEscapesWhatTheInputsSay() throws {
    try checkHTML(HTMLRenderer().render(hostileReport()))
    let html = HTMLRenderer().render(hostileReport())
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(!html.contains("<script>"))
  }

  @Test func theSampleYearsHTMLIsWellFormedWithAChart() throws {
    let folder = EndToEndTests.samples
    let report = try Reconciler(period: Period.academicYear(2025), today: day("2026-07-15"))
      .run(FolderLayout.read(folder), rules: [RuleSet.parse(AuditTests.rules, displayPath: "r.yaml")])
    let html = HTMLRenderer().render(report)
    try checkHTML(html)
    #expect(html.contains("<svg"))
    #expect(html.contains("<h2>Requirements</h2>"))
    #expect(html.components(separatedBy: "<rect ").count > 10)
  }

  func checkHTML(_ html: String) throws {
    #expect(html.hasPrefix("<!doctype html>"))
    // Nothing is fetched: no src or href attribute anywhere, no @import or url( in the style.
    for needle in ["src=", "href=", "@import", "url("] { #expect(!html.contains(needle), "\(needle)") }
    // Every element opened is closed, in order (the void elements aside).
    var stack: [String] = []
    let voids: Set<String> = ["meta", "br", "hr", "img", "input", "link"]
    let tags = html.matches(of: /<(\/?)([a-zA-Z0-9]+)[^>]*?(\/?)>/)
    for tag in tags {
      let name = String(tag.output.2).lowercased()
      if tag.output.1 == "/" {
        #expect(stack.popLast() == name, "closing \(name)")
      } else if tag.output.3 != "/" && !voids.contains(name) {
        stack.append(name)
      }
    }
    #expect(stack.isEmpty, "left open: \(stack)")
  }
}
