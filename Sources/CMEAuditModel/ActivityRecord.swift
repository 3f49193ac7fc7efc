import Foundation

/// Where an imported value came from.
public struct Provenance: Sendable, Hashable, Codable {
  /// The path as the user gave it (or relative to the folder argument).
  public var path: String
  /// 1-based line of the row (or of the XML element); nil for a certificate file.
  public var line: Int?

  public init(path: String, line: Int?) {
    self.path = path
    self.line = line
  }

  private enum CodingKeys: String, CodingKey { case path, line }

  /// Writes `line` as null for a certificate file rather than leaving it out.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(path, forKey: .path)
    try c.encode(line, forKey: .line)
  }

  /// `path:line`, like a compiler diagnostic.
  public var display: String { line.map { "\(path):\($0)" } ?? path }
}

/// Which kind of source a record came from.
public enum RecordKind: String, Sendable, Hashable, Codable, CaseIterable {
  case transcript
  case log
  case certificate

  /// Transcript records and certificates are evidence; log entries are claims.
  public var isEvidence: Bool { self != .log }
}

/// Who the record is about.
public struct Learner: Sendable, Hashable, Codable {
  // Constants: a `String?` variable starts as nil, so the initialiser would assign over it and copy the
  // learner whole, and a learner is made for every row imported (docs/performance.md).
  public let name, npi, institutionID, email: String?

  public init(name: String? = nil, npi: String? = nil, institutionID: String? = nil, email: String? = nil) {
    self.name = name
    self.npi = npi
    self.institutionID = institutionID
    self.email = email
  }

  public var isEmpty: Bool { name == nil && npi == nil && institutionID == nil && email == nil }
}

/// One credit line of an activity: `1.0 AMA PRA Category 1 Credit™`.
public struct CreditLine: Sendable, Hashable, Codable {
  /// The normalised type; nil when the source named none.
  public var type: CreditType?
  /// Exact amount.
  public var amount: Decimal
  public var unit: CreditUnit
  /// The text the source gave for amount and type, as written.
  public var raw: String

  public init(type: CreditType?, amount: Decimal, unit: CreditUnit = .credit, raw: String) {
    self.type = type
    self.amount = amount
    self.unit = unit
    self.raw = raw
  }

  private enum CodingKeys: String, CodingKey { case type, amount, unit, raw }

  /// Writes `type` as null when the source named none.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(type, forKey: .type)
    try c.encode(amount, forKey: .amount)
    try c.encode(unit, forKey: .unit)
    try c.encode(raw, forKey: .raw)
  }
}

/// Whether the evaluation that releases a certificate has been done.
public enum EvaluationStatus: String, Sendable, Hashable, Codable {
  case completed
  case pending
  case unknown
}

/// One activity as one source describes it: the common model every importer produces.
public struct ActivityRecord: Sendable, Hashable, Codable, Identifiable {
  /// Stable across runs on the same input: derived from the source's position and the row's line.
  public var id: String
  public var kind: RecordKind
  public var source: Provenance
  public var learner: Learner?
  public var date: CalendarDay?
  public var endDate: CalendarDay?
  /// The date as the source wrote it.
  public var rawDate: String?
  /// The first day of the activity when `date` is a later completion date (a MedBiquitous module started
  /// on the day of the session and completed after the evaluation); the matcher looks from here.
  public var startedOn: CalendarDay?
  public var title: String
  public var provider: String?
  /// The source says the provider is accredited (an "Accredited Provider" column, hx:accreditedProvider).
  public var providerAccredited: Bool
  public var credits: [CreditLine]
  public var accreditationStatement: String?
  /// A certificate file name (log) or certificate id (certificate, transcript CreditID).
  public var certificateReference: String?
  public var evaluation: EvaluationStatus
  /// The source marks the hours as estimated or self-reported.
  public var selfReported: Bool
  /// An activity id the source carries (ACCME Activity ID, MedBiquitous activityID).
  public var activityID: String?
  public var topics: [String]
  public var notes: String?
  /// SHA-256 of the certificate file, hex; certificates only.
  public var fileSHA256: String?
  /// The certificate file path, as reports show it; certificates only.
  public var file: String?
  /// Where the certificate file is on disk; certificates only.
  public var fileURL: URL?

  /// The first day the activity could have been attended on.
  public var firstDay: CalendarDay? {
    guard let date, let startedOn else { return date ?? startedOn }
    return min(date, startedOn)
  }

  /// The last day of the activity (the end date of a multi-day meeting, else its date).
  public var lastDay: CalendarDay? { endDate ?? date }

  /// Total credits across all lines.
  public var totalCredits: Decimal { Self.total(of: credits) }

  /// The sum of the lines' amounts.
  public static func total(of credits: [CreditLine]) -> Decimal { credits.reduce(0) { $0 + $1.amount } }

  /// The record shows accreditation: an accredited provider, an accreditation statement or an
  /// accredited credit type.
  public var showsAccreditation: Bool {
    providerAccredited || Self.isAccreditationStatement(accreditationStatement)
      || credits.contains { $0.type?.isAccredited == true }
  }

  /// Text that says the provider is accredited or the activity designated or approved for credit ("accredited
  /// by the ACCME", "designates this live activity for a maximum of…", "approved for AMA PRA Category 1"). "Eligible
  /// for up to 3 hours of CME credit" alone names no accreditation and no designation.
  public static func isAccreditationStatement(_ text: String?) -> Bool {
    guard let text = text?.lowercased(), !text.isEmpty else { return false }
    return [
      "accredit", "designat", "approved for", "certified for", "acceptable for", "ama pra", "category 1",
    ]
    .contains { text.contains($0) }
  }
}

extension ActivityRecord {
  /// Delegates to the memberwise initialiser: an initialiser that assigns the stored properties one by one
  /// (the `T?` ones start as nil, so each of those is an assignment over a value) makes Swift build the
  /// record, copy it whole (retaining every string) and destroy the first, for every row imported. `Learner`'s
  /// fields are constants for the same reason (docs/performance.md).
  public init(
    id: String, kind: RecordKind, source: Provenance, learner: Learner? = nil, date: CalendarDay?,
    endDate: CalendarDay? = nil, rawDate: String? = nil, title: String, provider: String? = nil,
    providerAccredited: Bool = false, credits: [CreditLine] = [], accreditationStatement: String? = nil,
    certificateReference: String? = nil, evaluation: EvaluationStatus = .unknown, selfReported: Bool = false,
    activityID: String? = nil, topics: [String] = [], notes: String? = nil, fileSHA256: String? = nil,
    file: String? = nil
  ) {
    self.init(
      id: id, kind: kind, source: source, learner: learner, date: date, endDate: endDate, rawDate: rawDate,
      startedOn: nil, title: title, provider: provider, providerAccredited: providerAccredited,
      credits: credits, accreditationStatement: accreditationStatement,
      certificateReference: certificateReference, evaluation: evaluation, selfReported: selfReported,
      activityID: activityID, topics: topics, notes: notes, fileSHA256: fileSHA256, file: file, fileURL: nil)
  }
}
