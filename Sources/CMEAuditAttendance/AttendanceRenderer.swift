import CMEAuditModel
import CMEAuditReport
import CMEAuditSupport
import Foundation

/// The attendance report as text (sessions, learners, findings), JSON, or CSV (one row per finding, for the
/// office to sort and work through).
public enum AttendanceRenderer {
  public static func render(_ report: AttendanceReport, format: ReportFormat) -> String {
    switch format {
    case .json: return PrettyJSON.text(report) ?? "{}\n"
    case .csv: return csv(report)
    case .html: return html(report)
    // The text's aligned columns, kept as they are in a fenced block (an email or a notes app shows it so).
    case .markdown: return "# Attendance check\n\n" + MarkdownText.fenced(text(report))
    default: return text(report)
    }
  }

  /// The report's bytes: JSON and CSV straight from their writers' buffers, the text from `render`.
  public static func data(_ report: AttendanceReport, format: ReportFormat) -> Data {
    switch format {
    case .json: return PrettyJSON.data(report) ?? Data("{}\n".utf8)
    case .csv: return csvRows(report).data()
    default: return Data(render(report, format: format).utf8)
    }
  }

  /// The report as text; what the inputs say (names, titles, paths, messages quoting them) has its control
  /// characters shown as escapes (`TerminalText`), so that it can neither drive the terminal nor forge a line.
  static func text(_ report: AttendanceReport) -> String {
    let pad = { (text: String, width: Int) in
      text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
    let s = TerminalText.safe
    var out = "Attendance check, \(report.period.map { "\($0.from) to \($0.to)" } ?? "all dates")"
    if let learner = report.learner {
      out += ", for \(s(report.learners.first?.name ?? learner)) (\(s(learner)))"
    }
    out += "\n\n"
    if !report.sources.isEmpty {
      out += "Sources\n"
      for source in report.sources {
        out += "  \(pad(source.kind + "s", 12)) \(sourceDetail(source))\n"
      }
      out += "\n"
    }
    out += "Sessions (\(report.sessions.count))\n"
    out += "  \(pad("date", 11)) \(pad("session", 40)) signed in  credited  problems\n"
    for session in report.sessions {
      let (signedIn, credited) = counts(session, in: report)
      out += "  \(pad(session.date.description, 11)) \(pad(String(s(session.title).prefix(40)), 40)) "
      out += "\(pad(signedIn, 10)) \(pad(credited, 9)) \(session.problems)\n"
    }
    out += "\nLearners (\(report.learners.count))\n"
    out += "  \(pad("learner", 30)) attended  credited  problems\n"
    for learner in report.learners {
      out +=
        "  \(pad(String(s(learner.name).prefix(30)), 30)) \(pad("\(learner.attended)", 9)) \(pad("\(learner.credited)", 9)) \(learner.problems)\n"
    }
    let counts = Dictionary(grouping: report.findings, by: \.code).map {
      "\($0.key.rawValue) \($0.value.count)"
    }.sorted()
    out +=
      "\nFindings: \(report.findings.count)\(counts.isEmpty ? "" : " (" + counts.joined(separator: " · ") + ")")\n"
    for finding in report.findings {
      out += "\n\(pad(finding.severity.rawValue.uppercased(), 8))\(finding.label)\n"
      for location in finding.locations { out += "        at \(s(location.display))\n" }
      out += "        \(s(finding.message))\n        → \(s(finding.action))\n"
    }
    return out
  }

  /// One self-contained page, as the reconcile report's (inline CSS, no scripts, everything the inputs say
  /// escaped; printable): cards, what was read, each session, the findings by severity with what to do, and
  /// each learner.
  static func html(_ report: AttendanceReport) -> String {
    let h = HTMLRenderer()
    let e = h.escape
    let count = { (severity: Severity) in report.findings.filter { $0.severity == severity }.count }
    var body = "<h1>Attendance check</h1>\n"
    if let learner = report.learner {
      body += "<p class=\"period\">For \(e(report.learners.first?.name ?? learner)) (\(e(learner)))</p>\n"
    }
    body +=
      "<p class=\"period\">\(report.period.map { "Period \($0.from) to \($0.to)" } ?? "All dates")</p>\n"
    body += """
      <div class="cards">
      <div class="card">Sessions<b>\(report.sessions.count)</b>scheduled</div>
      <div class="card">Learners<b>\(report.learners.count)</b>named</div>
      <div class="card error">Errors<b>\(count(.error))</b>to fix</div>
      <div class="card warning">Warnings<b>\(count(.warning))</b>to review</div>
      </div>

      """
    if !report.sources.isEmpty {
      body += "<h2>Sources</h2>\n<table>\n"
      for source in report.sources {
        body += "<tr><td>\(e(source.kind))s</td><td>\(e(sourceDetail(source)))</td></tr>\n"
      }
      body += "</table>\n"
    }
    body += "<h2>Sessions</h2>\n<table><tr><th>Date</th><th>Session</th><th>Signed in</th><th>Credited</th>"
    body += "<th>Problems</th></tr>\n"
    for session in report.sessions {
      let (signedIn, credited) = counts(session, in: report)
      body += "<tr><td>\(session.date)</td><td>\(e(session.title))</td><td class=\"n\">\(signedIn)</td>"
      body += "<td class=\"n\">\(credited)</td><td class=\"n\">\(session.problems)</td></tr>\n"
    }
    body += "</table>\n"
    let names = Dictionary(report.learners.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    body += h.findings(report.findings) { finding in
      (finding.learner.flatMap { names[$0] }.map { "\($0) · " } ?? "")
        + finding.locations.map(\.display).joined(separator: ", ")
    }
    body +=
      "<h2>Learners</h2>\n<table><tr><th>Learner</th><th>Attended</th><th>Credited</th><th>Problems</th></tr>\n"
    for learner in report.learners {
      body += "<tr><td>\(e(learner.name))</td><td class=\"n\">\(learner.attended)</td>"
      body += "<td class=\"n\">\(learner.credited)</td><td class=\"n\">\(learner.problems)</td></tr>\n"
    }
    body += "</table>\n"
    return HTMLRenderer.page(title: "Attendance check", body: body)
  }

  /// "2 files: 61 records, 1 unreadable, 1 total row left out".
  static func sourceDetail(_ source: AttendanceReport.SourceTally) -> String {
    let plural = { (count: Int, word: String) in "\(count) \(word)\(count == 1 ? "" : "s")" }
    var detail =
      plural(source.files, "file") + ": "
      + plural(source.records, source.kind == "roster" ? "sign-in" : "record")
    if source.rejected > 0 { detail += ", \(source.rejected) unreadable" }
    if source.skipped > 0 { detail += ", \(source.skipped) not completed (no credit)" }
    if source.totalRows > 0 { detail += ", " + plural(source.totalRows, "total row") + " left out" }
    if source.headerRows > 0 { detail += ", " + plural(source.headerRows, "heading row") + " left out" }
    return detail
  }

  /// A session's signed-in ("12 of 15" with a registration list) and credited counts as the text and the page
  /// show them: a dash for a kind of input not given, whose count of 0 would say nothing.
  static func counts(_ session: AttendanceReport.SessionSummary, in report: AttendanceReport) -> (
    String, String
  ) {
    let given = { (kind: String) in report.sources.isEmpty || report.sources.contains { $0.kind == kind } }
    let registered = session.registered.map { " of \($0)" } ?? ""
    return (
      given("roster") ? "\(session.signedIn)\(registered)" : "-",
      given("transcript") ? "\(session.credited)" : "-"
    )
  }

  static func csv(_ report: AttendanceReport) -> String { csvRows(report).text }

  static func csvRows(_ report: AttendanceReport) -> CSVWriter {
    let dates = Dictionary(
      report.sessions.map { ($0.id, $0.date.description) }, uniquingKeysWith: { a, _ in a })
    let names = Dictionary(report.learners.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let csv = CSVWriter(
      header: "\u{FEFF}learner,learner id,session,date,severity,code,reason,message,action,path,line")
    for finding in report.findings {
      let location = finding.locations.first
      csv.row(
        finding.learner.flatMap { names[$0] } ?? "", finding.learner ?? "", finding.session ?? "",
        finding.session.flatMap { dates[$0] } ?? "", finding.severity.rawValue, finding.code.rawValue,
        finding.reason?.rawValue ?? "", finding.message, finding.action, location?.path ?? "",
        location?.line.map(String.init) ?? "")
    }
    return csv
  }
}
