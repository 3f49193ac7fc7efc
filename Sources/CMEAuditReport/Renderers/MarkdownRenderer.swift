import CMEAuditAnalysis
import CMEAuditModel
import Foundation

/// The report in Markdown, for pasting into an email or a notes app: summary, credits, requirements and
/// findings grouped by severity with what to do.
public struct MarkdownRenderer: ReportRenderer {
  public init() {}

  public func render(_ report: Report) -> String {
    let f = FindingRules.format
    var out = "# CME reconciliation\n\n"
    out += report.period.map { "Period: \($0.from) to \($0.to).\n\n" } ?? "Period: all dates.\n\n"
    let errors = report.findings.filter { $0.severity == .error }.count
    let warnings = report.findings.filter { $0.severity == .warning }.count
    out += "**\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s").**\n\n"

    out += "## Credits by type\n\n| Type | Claimed | Verified |\n| --- | ---: | ---: |\n"
    for total in report.totals.byType {
      let label = CreditType(rawValue: total.type)?.label ?? "No type given"
      out += "| \(label) | \(f(total.claimed)) | \(f(total.verified)) |\n"
    }
    if report.totals.byAcademicYear.count + report.totals.byCalendarYear.count > 2 {
      // Hours, and MOC points apart: points never add to hours.
      out +=
        "\n## Year by year\n\nHours; each board's MOC points apart.\n\n| Year | Claimed | Verified |\n| --- | ---: | ---: |\n"
      for (label, year) in report.totals.byAcademicYear.map({ ("Academic \($0.label)", $0) })
        + report.totals.byCalendarYear.map({ ("Calendar \($0.label)", $0) })
      {
        out += "| \(label) | \(f(year.hours.claimed)) | \(f(year.hours.verified)) |\n"
        for board in year.pointsByBoard ?? [] {
          out +=
            "| \(label), \(cell(board.board)) MOC points | \(f(board.claimed)) | \(f(board.verified)) |\n"
        }
      }
    }
    if let audit = report.audit, !audit.isEmpty {
      out += "\n## Requirements\n\n| Rules | Requirement | Required | Verified | Short | Met |\n"
      out += "| --- | --- | ---: | ---: | ---: | --- |\n"
      for result in audit {
        let required = result.required.map(f) ?? "cap \(result.cap.map(f) ?? "")"
        let attested =
          (result.attested > 0 ? " + \(f(result.attested)) attested" : "")
          + (result.carriedForward > 0 ? " + \(f(result.carriedForward)) carried forward" : "")
        let met = result.applies ? (result.met ? "yes" : "**no**") : "does not apply"
        out +=
          "| \(cell(result.rules)) | \(cell(result.id)) | \(required) | \(f(result.verified))\(attested) | "
        out += "\(f(result.shortfall)) | \(met) |\n"
      }
    }
    for (severity, findings) in report.findingsBySeverity {
      out += "\n## \(severity.rawValue.capitalized)s\n\n"
      for finding in findings {
        let label = finding.label
        let places = finding.locations.map { MarkdownText.code($0.display) }.joined(separator: ", ")
        out +=
          "- **\(escape(label))** \(escape(finding.message)) *\(places)*\n  - What to do: \(escape(finding.action))\n"
      }
    }
    return out
  }

  /// Text for a table cell: its pipes escaped (a pipe escaped twice, `\\|`, ended the cell), its line breaks
  /// shown as escapes.
  private func cell(_ text: String) -> String { escape(text) }

  private func escape(_ text: String) -> String { MarkdownText.escape(text) }
}

/// Text from the inputs in Markdown, such that a CommonMark renderer makes no input text into HTML, a link,
/// an image or a line of its own.
public enum MarkdownText {
  /// Markdown's own characters escaped, control characters (line breaks among them: a CR or LF starts a new
  /// block) shown as visible escapes.
  public static func escape(_ text: String) -> String {
    var out = ""
    for c in TerminalText.safe(text) {
      if "\\`*_[]<>#!|".contains(c) { out.append("\\") }
      out.append(c)
    }
    return out
  }

  /// A code span (a file's path): its fence is longer than any run of backticks in the text (a name holding a
  /// backtick closed the span, and what followed it, `<img onerror=…>`, was HTML); control characters shown.
  public static func code(_ text: String) -> String {
    let safe = TerminalText.safe(text)
    let fence = String(repeating: "`", count: longestBacktickRun(in: safe) + 1)
    // A space each side keeps a backtick at either end from joining the fence (CommonMark strips one).
    let padded = safe.hasPrefix("`") || safe.hasSuffix("`") ? " \(safe) " : safe
    return fence + padded + fence
  }

  /// A fenced block of `text` (the attendance report's aligned columns): its fence is longer than any run of
  /// backticks in it, so no line of it closes the block.
  public static func fenced(_ text: String, info: String = "text") -> String {
    let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: text) + 1))
    return fence + info + "\n" + text + (text.hasSuffix("\n") ? "" : "\n") + fence + "\n"
  }

  static func longestBacktickRun(in text: String) -> Int {
    var (longest, run) = (0, 0)
    for c in text.utf8 {
      run = c == UInt8(ascii: "`") ? run + 1 : 0
      longest = max(longest, run)
    }
    return longest
  }
}
