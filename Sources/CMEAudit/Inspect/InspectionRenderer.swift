import CMEAuditAnalysis
import CMEAuditModel
import CMEAuditSupport
import Foundation

/// Renders an inspection as text for a person, or as JSON.
public enum InspectionRenderer {
  public static func json(_ inspection: Inspection) -> String {
    PrettyJSON.text(inspection) ?? "{}\n"
  }

  public static func text(_ inspection: Inspection) -> String {
    var out = "\(inspection.path) (as \(inspection.kind.rawValue))\n"
    var format = inspection.format
    let details = [
      inspection.encoding?.rawValue, inspection.delimiter.map { "delimiter '\($0)'" },
      inspection.sheet.map { "sheet '\($0)'" }, inspection.dateOrder.map { "dates \($0.rawValue)" },
    ].compactMap { $0 }
    if !details.isEmpty { format += " (" + details.joined(separator: ", ") + ")" }
    out += "  format    \(format)\n"
    if let line = inspection.headerLine { out += "  header    line \(line)\n" }
    if !inspection.columns.isEmpty {
      out += "  columns\n"
      for column in inspection.columns {
        let header = column.header.isEmpty ? "(no header)" : "'\(column.header)'"
        out += "    \(column.number). \(header) → \(column.field ?? "not used")\n"
      }
      for note in inspection.columnNotes { out += "    (\(note))\n" }
    }
    if let problem = inspection.problem {
      out += "  cannot be read: \(problem)\n"
    } else {
      var totals =
        inspection.totalRows == 0
        ? "" : ", \(inspection.totalRows) total row\(inspection.totalRows == 1 ? "" : "s") left out"
      if inspection.skipped > 0 { totals += ", \(inspection.skipped) not completed (no credit)" }
      out += "  records   \(inspection.records) read, \(inspection.rejected.count) rejected\(totals)\n"
    }
    if !inspection.sample.isEmpty {
      out += "  first records\n"
      for record in inspection.sample {
        let line = record.source.line.map { "line \($0)" } ?? record.source.path
        let date = record.date.map { d in record.endDate.map { "\(d)..\($0)" } ?? "\(d)" } ?? "no date"
        let credits = record.credits.map {
          "\(FindingRules.format($0.amount)) \($0.type?.rawValue ?? "(no type)")"
        }
        .joined(separator: " + ")
        out += "    \(line): \(date) '\(record.title)' \(record.provider ?? "(no provider)") \(credits)\n"
      }
    }
    if !inspection.rejected.isEmpty {
      out += "  rejected\n"
      for issue in inspection.rejected {
        let line = issue.location.line.map { "line \($0)" } ?? issue.location.path
        out += "    \(line): \(issue.reason)\n"
      }
    }
    for reading in inspection.certificates { out += certificate(reading) }
    if let profile = inspection.suggestedProfile {
      out += "  suggested profile (save it, edit it, then pass it with --profile):\n"
      out +=
        profile.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }
        .joined(separator: "\n") + "\n"
    }
    return out
  }

  /// What was read from one certificate: each field with the page and the words it came from.
  static func certificate(_ reading: CertificateReading) -> String {
    let how =
      switch reading.method {
      case "ocr": "read by OCR, \(reading.ocrConfidence ?? 0)% word confidence"
      case "text": "read from its text layer"
      default: "not read"
      }
    var out = "  certificate \(reading.file) (\(how); \(reading.confidence)% of its fields found)\n"
    func field(_ name: String, _ found: CertificateReading.Found?) {
      guard let found else { return }
      out += "    \(pad(name)) \(found.value)\n"
      if found.text != found.value { out += "    \(pad("")) page \(found.page): \"\(found.text)\"\n" }
    }
    field("learner", reading.learner)
    field("title", reading.title)
    field("date", reading.date)
    field("provider", reading.provider)
    for credit in reading.credits {
      let kind = credit.kind == "designation" ? "designation: the most it offers" : "awarded"
      let counts =
        credit.used
        ? "counts"
        : credit.wording == "hours" ? "not credit (hours)" : "not counted: an award of this type wins"
      out += "    \(pad("credit")) \(credit.amount) \(credit.type) (\(kind)); \(counts)\n"
      out += "    \(pad("")) page \(credit.found.page): \"\(credit.found.text)\"\n"
    }
    field("participation", reading.participationOnly)
    if let statement = reading.accreditationStatement {
      out += "    \(pad("accreditation")) page \(statement.page): \"\(statement.value)\"\n"
    }
    field("certificate id", reading.certificateID)
    if !reading.missing.isEmpty {
      out +=
        "    \(pad("not found")) \(reading.missing.joined(separator: ", ")): add a sidecar that gives it\n"
    }
    for note in reading.notes { out += "    \(pad("note")) \(note)\n" }
    return out
  }

  private static func pad(_ text: String) -> String {
    text.count >= 14 ? text : text + String(repeating: " ", count: 14 - text.count)
  }
}
