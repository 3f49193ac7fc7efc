import CMEAuditAnalysis
import CMEAuditModel
import Foundation

/// The report a person reads in a terminal: sources, totals by credit type, then findings, errors first,
/// each with where it is and what to do. Colour only when asked (the command asks on a terminal).
public struct TextRenderer: ReportRenderer {
  public var colour: Bool
  /// List every link with its evidence after the findings.
  public var explain: Bool

  public init(colour: Bool, explain: Bool = false) {
    self.colour = colour
    self.explain = explain
  }

  public func render(_ report: Report) -> String {
    // Control characters from the inputs shown as escapes: the terminal obeys only the report's own colours.
    let report = TerminalText.safe(report)
    let periodText = report.period.map { "\($0.from) to \($0.to)" } ?? "all dates"
    var out = bold("CME reconciliation, \(periodText)") + "\n\n"
    out += sources(report) + creditsByType(report) + yearByYear(report)
    if let audit = report.audit { out += requirements(audit) }
    out += findings(report) + decisions(report)
    if explain { out += links(report) }
    return out
  }

  /// Each source: what it is, its format and what it contributed.
  private func sources(_ report: Report) -> String {
    var out = ""
    out += bold("Sources") + "\n"
    let pathWidth = min(report.sources.map(\.path.count).max() ?? 0, 60)
    for source in report.sources {
      var detail = "\(source.records) records"
      if source.rejected > 0 { detail += ", \(source.rejected) unreadable" }
      if source.skipped > 0 { detail += ", \(source.skipped) not completed (no credit)" }
      if source.outsidePeriod > 0 { detail += ", \(source.outsidePeriod) outside the period" }
      if source.otherLearners > 0 { detail += ", \(source.otherLearners) of other learners left out" }
      if source.totalRows > 0 {
        detail += ", \(source.totalRows) total row\(source.totalRows == 1 ? "" : "s") left out"
      }
      if let headings = source.headingLines {
        detail += ", \(headings) heading line\(headings == 1 ? "" : "s") passed over"
      }
      if let settledBy = source.dateOrderSettledBy, let order = source.dateOrder {
        detail += ", dates read \(order == .mdy ? "month" : "day") first as \(settledBy) settles"
      }
      if let read = source.readFromText, read > 0 {
        let ocr = source.readByOCR ?? 0
        detail += " (\(read) read from their own text\(ocr > 0 ? ", \(ocr) of them by OCR" : ""))"
      }
      let format = source.encoding.map { "\(source.format), \($0.rawValue)" } ?? source.format
      out += "  \(pad(source.kind.rawValue, 11)) \(pad(source.path, pathWidth))  \(format): \(detail)\n"
    }
    return out
  }

  /// Claimed and verified credit by type.
  private func creditsByType(_ report: Report) -> String {
    var out = ""
    out += "\n" + bold("Credits by type") + "\n"
    if report.totals.byType.isEmpty {
      out += "  (none)\n"
    } else {
      out += "  \(pad("type", 22)) \(lpad("claimed", 9)) \(lpad("verified", 9))\n"
      for total in report.totals.byType {
        let label = CreditType(rawValue: total.type)?.label ?? "No type given"
        out +=
          "  \(pad(label, 22)) \(lpad(FindingRules.format(total.claimed), 9)) \(lpad(FindingRules.format(total.verified), 9))\n"
      }
    }
    return out
  }

  /// Each academic and calendar year's totals, when there is more than one year to show.
  private func yearByYear(_ report: Report) -> String {
    var out = ""
    let years =
      report.totals.byAcademicYear.map { ("academic \($0.label)", $0) }
      + report.totals.byCalendarYear.map { ("calendar \($0.label)", $0) }
    if years.count > 2 || report.totals.byAcademicYear.count > 1 {
      // Hours, and MOC points apart: points never add to hours.
      out += "\n" + bold("Year by year") + " (hours; each board's MOC points apart)\n"
      out += "  \(pad("year", 22)) \(lpad("claimed", 9)) \(lpad("verified", 9))\n"
      for (label, year) in years {
        out += row(label, year.hours)
        for board in year.pointsByBoard ?? [] {
          out += row("  MOC points, \(board.board)", (board.claimed, board.verified))
        }
      }
    }
    return out
  }

  /// The findings, counted by severity and by code, then each with where, what and what to do.
  private func findings(_ report: Report) -> String {
    var out = ""
    let counts = Severity.allCases.reversed().compactMap { severity -> String? in
      let n = report.findings.filter { $0.severity == severity }.count
      return n == 0 ? nil : "\(n) \(severity.rawValue)\(n == 1 ? "" : "s")"
    }
    out +=
      "\n" + bold("Findings") + (counts.isEmpty ? ": none" : ": " + counts.joined(separator: ", ")) + "\n"
    let byCode = FindingCode.allCases.compactMap { code -> String? in
      let n = report.findings.filter { $0.code == code }.count
      return n == 0 ? nil : "\(code.rawValue) \(n)"
    }
    if !byCode.isEmpty { out += "  " + byCode.joined(separator: " · ") + "\n" }
    for finding in report.findings {
      let label = finding.label
      out +=
        "\n" + paint(pad(finding.severity.rawValue.uppercased(), 8), finding.severity) + bold(label) + "\n"
      for location in finding.locations { out += "        at \(location.display)\n" }
      out += "        \(finding.message)\n"
      out += "        → \(finding.action)\n"
    }
    return out
  }

  /// What a decisions file settled, and its decisions that matched nothing.
  private func decisions(_ report: Report) -> String {
    var out = ""
    if let decisions = report.decisions, !(decisions.accepted.isEmpty && decisions.stale.isEmpty) {
      out += "\n" + bold("Decisions") + "\n"
      for accepted in decisions.accepted {
        let name = accepted.code + (accepted.reason.map { " (\($0))" } ?? "")
        out += "  accepted \(name) for \(accepted.records.first ?? "")"
        out += (accepted.note.map { ": \($0)" } ?? "") + " [\(accepted.decision)]\n"
      }
      for stale in decisions.stale {
        out += "  stale: \(stale.kind.rawValue) \(stale.records.joined(separator: " ")) at \(stale.location) "
        out += "matches nothing in this run; remove it or update the ids\n"
      }
    }
    return out
  }

  /// Each requirement: met or short, what counted, and what would close a shortfall.
  private func requirements(_ results: [RequirementResult]) -> String {
    var out = ""
    var currentRules: String?
    for result in results {
      if result.rules != currentRules {
        currentRules = result.rules
        out +=
          "\n" + bold("Requirements: \(result.rules)")
          + " (cycle \(result.from.map(\.description) ?? "any date") to \(result.to))\n"
      }
      let f = FindingRules.format
      if let cap = result.cap, result.required == nil {
        out +=
          "  \(pad("CAP", 6)) \(pad(result.id, 22)) counts up to \(f(cap)); \(f(result.verified)) verified\n"
        continue
      }
      if !result.applies {
        out += "  \(pad("N/A", 6)) \(pad(result.id, 26)) \(result.condition ?? "does not apply")\n"
        continue
      }
      let status = result.met ? paint(pad("MET", 6), .info) : paint(pad("SHORT", 6), .error)
      var line = "\(f(result.required ?? 0)) required, \(f(result.verified)) verified"
      if result.attested > 0 { line += " + \(f(result.attested)) attested (self-reported, on your word)" }
      if result.carriedForward > 0 {
        line += " + \(f(result.carriedForward)) carried forward from the previous cycle"
      }
      if result.unverified > 0 { line += ", \(f(result.unverified)) claimed but not verified" }
      if !result.met { line += ": short \(f(result.shortfall))" }
      if result.from == nil { line += " (one-time: any date to \(result.to))" }
      out += "  \(status) \(pad(result.id, 26)) \(line)\n"
      if let condition = result.condition { out += "         \(condition)\n" }
      for guess in result.inferredTopics {
        out +=
          "         topic inferred from '\(guess.keyword)': '\(guess.title)' counted as \(guess.topic) (not so? reject-topic in --decisions)\n"
      }
      for claim in result.toClose {
        out +=
          "         → if documented: \(claim.date.map(\.description) ?? "undated") '\(claim.title)' \(f(claim.amount)) (\(claim.why))\n"
      }
    }
    return out
  }

  /// Every link, with the evidence that made it.
  private func links(_ report: Report) -> String {
    let places = Dictionary(
      report.records.map { ($0.id, $0.source.display) }, uniquingKeysWith: { a, _ in a })
    var out =
      "\n" + bold("Links")
      + " (\(report.links.count); a link needs a score of \(report.links.first.map { String(format: "%.2f", $0.evidence.threshold) } ?? "-"))\n"
    for link in report.links {
      let e = link.evidence
      let pair = link.records.map { places[$0] ?? $0 }.joined(separator: " ~ ")
      var why = [
        String(format: "title %.2f", e.titleSimilarity),
        e.dateDistance == 0 ? "same dates" : "\(e.dateDistance) day\(e.dateDistance == 1 ? "" : "s") apart",
        "provider \(e.provider)", e.creditsEqual ? "credits equal" : "credits differ",
      ]
      if e.sameActivityID { why.append("same activity id") }
      if e.namesCertificate { why.append("the log names the certificate") }
      if e.partOfSum { why.append("part of a sum") }
      if e.dayMonthSwapped { why.append("day and month swapped") }
      if e.confirmed { why.append("confirmed in the decisions file") }
      if e.onlyActivityID { why.append("known only by its activity id: the one line of its day and credit") }
      if e.seriesOnly {
        why.append("named by its series alone: the one line of its day with the series' words")
      }
      out += "  \(pair)\n    score \(String(format: "%.2f", e.score)): \(why.joined(separator: ", "))\n"
    }
    return out
  }

  private func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

  private func paint(_ text: String, _ severity: Severity) -> String {
    guard colour else { return text }
    let code =
      switch severity {
      case .error: "31"
      case .warning: "33"
      case .info: "36"
      }
    return "\u{1B}[\(code);1m\(text)\u{1B}[0m"
  }

  /// A line of the year-by-year table: its label, claimed and verified.
  private func row(_ label: String, _ amounts: (claimed: Decimal, verified: Decimal)) -> String {
    let (claimed, verified) = (FindingRules.format(amounts.claimed), FindingRules.format(amounts.verified))
    return "  \(pad(label, 22)) \(lpad(claimed, 9)) \(lpad(verified, 9))\n"
  }

  private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  private func lpad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }
}
