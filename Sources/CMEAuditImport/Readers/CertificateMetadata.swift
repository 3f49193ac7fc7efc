import CMEAuditModel
import CMEAuditSupport
import Foundation

/// What a sidecar or a manifest row says about one certificate.
struct CertificateMetadata {
  var learner: Learner?
  var title: String
  var provider: String?
  var date: DateParser.Result
  var rawDate: String
  var credits: [CreditLine]
  var accreditationStatement: String?
  var certificateID: String?
  var file: String?
  var origin: Provenance?
  /// Topics the certificate names (pain management, ethics, ...), for rule files.
  var topics: [String] = []

  /// Field values as text; credits may also come as a list of (type, amount).
  struct Fields {
    var values: [Field: String] = [:]
    var creditList: [(type: String, amount: String)]? = nil
    var learnerName: String? = nil
  }

  static func fields(from row: CSVRow, header: HeaderMap) -> Fields {
    var fields = Fields()
    for field in Field.allCases {
      guard let index = header[field], index < row.fields.count else { continue }
      let text = row.fields[index].trimmed(newlines: true)
      if !text.isEmpty { fields.values[field] = text }
    }
    if fields.values[.learner] == nil {
      let parts = [fields.values[.firstName], fields.values[.lastName]].compactMap { $0 }
      if !parts.isEmpty { fields.values[.learner] = parts.joined(separator: " ") }
    }
    return fields
  }

  static func fields(fromJSON object: [String: Any]) -> Fields {
    var fields = Fields()
    for (key, value) in object {
      let field: Field? =
        switch key {
        case "certificateId", "certificateID", "certificate_id": .certificateID
        case "endDate", "end_date": .endDate
        case "creditType", "credit_type": .creditType
        case "accreditationStatement", "accreditation_statement": .accreditationStatement
        default: Field.recognise(key)
        }
      guard let field else { continue }
      if field == .credits, let list = value as? [[String: Any]] {
        fields.creditList = list.map { entry in
          (text(entry["type"]) ?? "", text(entry["amount"]) ?? "")
        }
        continue
      }
      if field == .topics, let list = value as? [Any] {
        fields.values[.topics] = list.compactMap { text($0) }.joined(separator: ";")
        continue
      }
      if field == .learner, let learner = value as? [String: Any] {
        fields.values[.learner] = text(learner["name"])
        fields.values[.npi] = text(learner["npi"])
        fields.values[.email] = text(learner["email"])
        continue
      }
      if let t = text(value) { fields.values[field] = t }
    }
    return fields
  }

  private static func text(_ value: Any?) -> String? {
    switch value {
    case let s as String:
      let t = s.trimmed(newlines: true)
      return t.isEmpty ? nil : t
    case let n as NSNumber: return n.stringValue
    default: return nil
    }
  }

  /// `order` reads numeric dates such as 3/4/2026 (nil: only unambiguous ones are read).
  static func parse(_ fields: Fields, order: DateOrder?) -> Result<CertificateMetadata, RowRejection> {
    let v = fields.values
    guard let title = v[.title] else { return .failure(RowRejection("certificate metadata has no title")) }
    guard let rawDate = v[.date] else { return .failure(RowRejection("certificate metadata has no date")) }
    guard var date = DateParser.parse(rawDate, order: order) else {
      let why =
        DateParser.isAmbiguous(rawDate)
        ? "could be either day/month order; give --date-order" : "is not a date"
      return .failure(RowRejection("certificate date '\(rawDate)' \(why)"))
    }
    if let endText = v[.endDate] {
      guard let end = DateParser.parseDay(endText, order: order), end >= date.start else {
        return .failure(
          RowRejection("certificate end date '\(endText)' is not a date on or after \(date.start)"))
      }
      if end > date.start { date.end = end }
    }
    var credits: [CreditLine] = []
    if let list = fields.creditList {
      for entry in list {
        switch CreditParser.parse(entry.amount, typeText: entry.type) {
        case .success(let lines): credits += lines
        case .failure(let failure): return .failure(RowRejection(failure.description))
        }
      }
    } else if let amount = v[.credits] {
      switch CreditParser.parse(amount, typeText: v[.creditType]) {
      case .success(let lines): credits = lines
      case .failure(let failure): return .failure(RowRejection(failure.description))
      }
    }
    let learner = Learner(name: v[.learner], npi: v[.npi], institutionID: v[.learnerID], email: v[.email])
    return .success(
      CertificateMetadata(
        learner: learner.isEmpty ? nil : learner, title: title,
        provider: v[.provider] ?? v[.accreditedProvider],
        date: date, rawDate: rawDate, credits: credits, accreditationStatement: v[.accreditationStatement],
        certificateID: v[.certificateID], file: v[.file] ?? v[.certificate],
        topics: v[.topics].map {
          $0.split(whereSeparator: { $0 == ";" || $0 == "," }).map {
            $0.trimmed()
          }.filter { !$0.isEmpty }
        } ?? []))
  }

  func record(id: String, path: String, sha256: String) -> ActivityRecord {
    ActivityRecord(
      id: id, kind: .certificate, source: Provenance(path: path, line: nil), learner: learner,
      date: date.start,
      endDate: date.end, rawDate: rawDate, title: title, provider: provider, credits: credits,
      accreditationStatement: accreditationStatement, certificateReference: certificateID,
      evaluation: .completed, topics: topics, fileSHA256: sha256, file: path)
  }
}
