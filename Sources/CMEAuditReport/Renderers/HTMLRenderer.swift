import CMEAuditAnalysis
import CMEAuditModel
import Foundation

/// One self-contained HTML page (inline CSS and SVG; no scripts, fonts or images from anywhere), printable:
/// summary cards, verified credit by type per month as a chart, progress toward each requirement, findings
/// by severity with what to do, and every record with its source. Everything the inputs say is escaped.
public struct HTMLRenderer: ReportRenderer {
  public init() {}

  public func render(_ report: Report) -> String {
    var body = "<h1>CME reconciliation</h1>\n"
    body +=
      "<p class=\"period\">\(report.period.map { "Period \($0.from) to \($0.to)" } ?? "All dates")</p>\n"
    body += cards(report)
    body += chart(report)
    body += years(report)
    if let audit = report.audit, !audit.isEmpty { body += requirements(audit) }
    body += findings(report.findings) { $0.locations.map(\.display).joined(separator: ", ") }
    body += records(report)
    return Self.page(title: "CME reconciliation", body: body)
  }

  /// The page around `body`, with the style inline (the attendance report's page too).
  public static func page(title: String, body: String) -> String {
    """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(title)</title>
    <style>\(style)</style>
    </head>
    <body>
    \(body)</body>
    </html>

    """
  }

  static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:70rem;\
    color:#1d2733;line-height:1.4;padding:0 1rem}
    h1{margin-bottom:0}h2{margin-top:2rem;border-bottom:1px solid #d5dbe3}.period{color:#5b6b7f;margin-top:.2rem}
    .cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #d5dbe3;border-radius:8px;padding:.8rem 1rem;\
    min-width:9rem}.card b{display:block;font-size:1.6rem}.card.error b{color:#b42318}.card.warning b{color:#b54708}
    table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.3rem .5rem;\
    border-bottom:1px solid #e6eaf0;vertical-align:top}td.n{text-align:right;white-space:nowrap}
    .finding{border-left:4px solid #d5dbe3;padding:.3rem .8rem;margin:.6rem 0}.finding.error{border-color:#b42318}\
    .finding.warning{border-color:#b54708}.finding .code{font-weight:600}.finding .where{color:#5b6b7f;font-size:.85rem}
    .action{margin:.2rem 0 0}.bar{background:#e6eaf0;border-radius:4px;height:.8rem;width:14rem;display:inline-block;\
    vertical-align:middle}.bar span{display:block;height:100%;border-radius:4px;background:#2e7d32}\
    .bar span.short{background:#b54708}svg text{font-size:10px;fill:#5b6b7f}
    @media print{body{margin:0;max-width:none}h2{page-break-before:always}h2:first-of-type{page-break-before:auto}\
    .finding,.card,tr{page-break-inside:avoid}}
    """

  private func cards(_ report: Report) -> String {
    let claimed = report.totals.byType.reduce(Decimal(0)) { $0 + $1.claimed }
    let verified = report.totals.byType.reduce(Decimal(0)) { $0 + $1.verified }
    let count = { (severity: Severity) in report.findings.filter { $0.severity == severity }.count }
    let f = FindingRules.format
    return """
      <div class="cards">
      <div class="card">Claimed<b>\(f(claimed))</b>credits in the log</div>
      <div class="card">Verified<b>\(f(verified))</b>credits with a record</div>
      <div class="card error">Errors<b>\(count(.error))</b>to fix</div>
      <div class="card warning">Warnings<b>\(count(.warning))</b>to review</div>
      </div>

      """
  }

  /// Verified credit per month, stacked by credit type.
  private func chart(_ report: Report) -> String {
    let months = report.totals.byMonth
    guard !months.isEmpty else { return "" }
    let types = CreditType.allCases.map(\.rawValue).filter { type in
      months.contains { $0.byType.contains { $0.type == type && $0.verified > 0 } }
    }
    let colours = ["#2e7d32", "#1565c0", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#5d4037", "#827717"]
    let totals = months.map { month in
      month.byType.reduce(0.0) { $0 + NSDecimalNumber(decimal: $1.verified).doubleValue }
    }
    let top = max(totals.max() ?? 1, 1)
    let width = 40 + months.count * 34
    let height = 180.0
    var svg = "<svg role=\"img\" aria-label=\"Verified credit by month\" width=\"\(width)\" height=\"220\" "
    svg += "viewBox=\"0 0 \(width) 220\" xmlns=\"http://www.w3.org/2000/svg\">"
    svg += "<text x=\"0\" y=\"12\">\(FindingRules.format(Decimal(top)))</text>"
    for (index, month) in months.enumerated() {
      var y = height + 10
      let x = 40 + index * 34
      for (typeIndex, type) in types.enumerated() {
        let amount = NSDecimalNumber(decimal: month.byType.first { $0.type == type }?.verified ?? 0)
          .doubleValue
        guard amount > 0 else { continue }
        let h = amount / top * height
        y -= h
        svg += "<rect x=\"\(x)\" y=\(attribute(String(format: "%.1f", y))) width=\"26\" "
        svg +=
          "height=\(attribute(String(format: "%.1f", h))) fill=\"\(colours[typeIndex % colours.count])\">"
        svg +=
          "<title>\(escape(month.label)): \(escape(FindingRules.format(Decimal(amount)))) \(escape(type))</title></rect>"
      }
      svg += "<text x=\"\(x)\" y=\"205\">\(escape(String(month.label.suffix(5))))</text>"
    }
    svg += "</svg>"
    let legend = types.enumerated().map { index, type in
      "<span style=\"color:\(colours[index % colours.count])\">■</span> \(escape(CreditType(rawValue: type)?.label ?? type))"
    }.joined(separator: " &nbsp; ")
    return "<h2>Verified credit by month</h2>\n\(svg)\n<p>\(legend)</p>\n"
  }

  /// Claimed and verified hours for each academic (PGY) year, each year's bar scaled to the largest; MOC points
  /// (never added to hours) show among the types.
  private func years(_ report: Report) -> String {
    let years = report.totals.byAcademicYear
    guard !years.isEmpty else { return "" }
    let f = FindingRules.format
    let totals = years.map(\.hours.verified)
    let top = max(totals.max() ?? 1, 1)
    var out =
      "<h2>By academic year</h2>\n<table><tr><th>Year</th><th>Verified hours</th><th class=\"n\">Verified</th>"
    out += "<th class=\"n\">Claimed</th><th>By type (verified)</th></tr>\n"
    for (year, total) in zip(years, totals) {
      let claimed = year.hours.claimed
      let share = NSDecimalNumber(decimal: total / top).doubleValue
      let types = year.byType.filter { $0.verified > 0 }
        .map { "\(f($0.verified)) \(CreditType(rawValue: $0.type)?.label ?? $0.type)" }.joined(
          separator: ", ")
      out +=
        "<tr><td>\(escape(year.label))</td><td><span class=\"bar\"><span style=\"width:\(Int(share * 100))%\">"
      out += "</span></span></td><td class=\"n\">\(f(total))</td><td class=\"n\">\(f(claimed))</td>"
      out += "<td>\(escape(types))</td></tr>\n"
    }
    return out + "</table>\n"
  }

  private func requirements(_ results: [RequirementResult]) -> String {
    var out = "<h2>Requirements</h2>\n<table><tr><th>Rules</th><th>Requirement</th><th>Progress</th>"
    out += "<th class=\"n\">Verified</th><th class=\"n\">Required</th><th class=\"n\">Short</th></tr>\n"
    let f = FindingRules.format
    for result in results {
      let required = result.required ?? result.cap ?? 0
      let share = required > 0 ? min(1, NSDecimalNumber(decimal: result.verified / required).doubleValue) : 1
      out += "<tr><td>\(escape(result.rules))</td><td>\(escape(result.id))</td><td><span class=\"bar\">"
      out +=
        "<span class=\"\(result.met ? "" : "short")\" style=\"width:\(Int(share * 100))%\"></span></span></td>"
      let attested =
        (result.attested > 0 ? " + \(f(result.attested)) attested" : "")
        + (result.carriedForward > 0 ? " + \(f(result.carriedForward)) carried forward" : "")
      out +=
        "<td class=\"n\">\(f(result.verified))\(attested)</td><td class=\"n\">\(result.required.map(f) ?? "cap \(f(required))")</td>"
      out += "<td class=\"n\">\(result.applies ? (result.met ? "" : f(result.shortfall)) : "n/a")</td></tr>\n"
    }
    return out + "</table>\n"
  }

  /// The findings by severity, each with what to do; `place` says where it is (escaped here).
  public func findings(_ findings: [Finding], place: (Finding) -> String) -> String {
    var out = "<h2>Findings</h2>\n"
    if findings.isEmpty { return out + "<p>None.</p>\n" }
    for (severity, group) in Finding.bySeverity(findings) {
      out += "<h3>\(escape(severity.rawValue.capitalized))s (\(group.count))</h3>\n"
      for finding in group {
        let label = finding.label
        out += "<div class=\"finding \(severity.rawValue)\"><span class=\"code\">\(escape(label))</span> "
        out += "\(escape(finding.message))<div class=\"where\">\(escape(place(finding)))</div>"
        out += "<p class=\"action\">What to do: \(escape(finding.action))</p></div>\n"
      }
    }
    return out
  }

  private func records(_ report: Report) -> String {
    var out = "<h2>Records</h2>\n<table><tr><th>Date</th><th>Title</th><th>Provider</th><th>Credits</th>"
    out += "<th>Source</th></tr>\n"
    for record in report.records {
      let date = record.date.map { d in record.endDate.map { "\(d) to \($0)" } ?? "\(d)" } ?? ""
      let credits = record.credits.map { "\(FindingRules.format($0.amount)) \($0.type?.label ?? "")" }
        .joined(separator: ", ")
      out +=
        "<tr><td>\(escape(date))</td><td>\(escape(record.title))</td><td>\(escape(record.provider ?? ""))</td>"
      out +=
        "<td>\(escape(credits))</td><td>\(escape(record.kind.rawValue)): \(escape(record.source.display))</td></tr>\n"
    }
    return out + "</table>\n"
  }

  /// Text for HTML: & < > " ' escaped.
  public func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(c)
      }
    }
    return out
  }

  private func attribute(_ text: String) -> String { "\"\(escape(text))\"" }
}
