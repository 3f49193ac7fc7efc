import CMEAuditAnalysis
import CMEAuditModel
import CMEAuditSupport
import Foundation

/// Everything a renderer needs: the report's stable JSON shape (schema version 1).
public struct Report: Sendable, Codable {
  public var schemaVersion = 1
  public var period: Period?
  public var sources: [SourceSummary]
  public var records: [ReportRecord]
  public var findings: [Finding]
  public var totals: Totals
  public var links: [Link]
  /// What a decisions file settled: findings accepted and decisions gone stale (only with `--decisions`).
  public var decisions: DecisionOutcome?
  /// Each requirement of the rule files given (`cmeaudit audit`).
  public var audit: [RequirementResult]?
  /// The certificates behind verified credit in the period (not encoded; for the evidence pack).
  public var evidence: [ActivityRecord] = []
  /// The transcript files behind verified credit in the period, by the path reports show (not encoded; for
  /// the evidence pack).
  public var evidenceFiles: [String: URL] = [:]
  /// The period's activities whose credit counts, as counted (not encoded; for the evidence pack's sheet).
  public var verifiedActivities: [VerifiedActivity] = []
  /// Stage timings of the run that made the report (not encoded).
  public var timings: [StageTiming] = []

  public init(
    period: Period?, sources: [SourceSummary], records: [ReportRecord], findings: [Finding], totals: Totals,
    links: [Link]
  ) {
    self.period = period
    self.sources = sources
    self.records = records
    self.findings = findings
    self.totals = totals
    self.links = links
  }

  private enum CodingKeys: String, CodingKey {
    case schemaVersion, period, sources, records, findings, totals, links, decisions, audit
  }

  /// Writes `period` as null when no period was given. In key order, as the JSON shows them: the report's
  /// writer (`PrettyJSON`) then has nothing to put in order (sorting these nine keys would move the whole
  /// report).
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(audit, forKey: .audit)
    try c.encodeIfPresent(decisions, forKey: .decisions)
    try c.encode(findings, forKey: .findings)
    try c.encode(links, forKey: .links)
    try c.encode(period, forKey: .period)
    try c.encode(records, forKey: .records)
    try c.encode(schemaVersion, forKey: .schemaVersion)
    try c.encode(sources, forKey: .sources)
    try c.encode(totals, forKey: .totals)
  }

  /// The findings grouped by severity, errors first; severities with none left out.
  public var findingsBySeverity: [(severity: Severity, findings: [Finding])] { Finding.bySeverity(findings) }

  /// The highest severity among the findings, if any.
  public var worstSeverity: Severity? { findings.map(\.severity).max() }
}

/// A record as the report shows it.
public struct ReportRecord: Sendable, Codable {
  public var id: String
  public var kind: RecordKind
  public var source: Provenance
  public var date: CalendarDay?
  public var endDate: CalendarDay?
  public var rawDate: String?
  public var title: String
  public var provider: String?
  public var credits: [CreditLine]
  public var learner: Learner?
  public var accreditationStatement: String?
  public var certificateReference: String?
  public var evaluation: EvaluationStatus
  public var activityId: String?
  public var topics: [String]
  public var notes: String?
  public var sha256: String?
  /// The id of the activity this record belongs to (the first record id of its linked group).
  public var activity: String?
  /// For a duplicate: the record it repeats.
  public var duplicateOf: String?
  /// For a certificate read from its own text: how, how sure, and which fields the text gave.
  public var readFrom: ReadFrom?

  /// How a certificate's fields were read from its text.
  public struct ReadFrom: Sendable, Codable {
    /// `text` (the PDF's text layer) or `ocr`.
    public var method: String
    /// 0 to 100 (`CertificateReading.confidence`).
    public var confidence: Int
    public var ocrConfidence: Int?
    /// The fields read from the text and used (not those a sidecar or manifest row gave).
    public var fields: [String]

    public init(_ reading: CertificateReading) {
      method = reading.method
      confidence = reading.confidence
      ocrConfidence = reading.ocrConfidence
      fields =
        [
          ("learner", reading.learner), ("title", reading.title), ("provider", reading.provider),
          ("date", reading.date), ("accreditationStatement", reading.accreditationStatement),
          ("certificateId", reading.certificateID),
        ].compactMap { $0.1 == nil ? nil : $0.0 }
        + (reading.credits.contains(where: \.used) ? ["credits"] : [])
      fields.removeAll(where: reading.fromMetadata.contains)
    }
  }

  public init(_ record: ActivityRecord, activity: String?, duplicateOf: String?) {
    id = record.id
    kind = record.kind
    source = record.source
    date = record.date
    endDate = record.endDate
    rawDate = record.rawDate
    title = record.title
    provider = record.provider
    credits = record.credits
    learner = record.learner
    accreditationStatement = record.accreditationStatement
    certificateReference = record.certificateReference
    evaluation = record.evaluation
    activityId = record.activityID
    topics = record.topics
    notes = record.notes
    sha256 = record.fileSHA256
    self.activity = activity
    self.duplicateOf = duplicateOf
  }

  private enum CodingKeys: String, CodingKey {
    case id, kind, source, date, endDate, rawDate, title, provider, credits, learner, accreditationStatement
    case certificateReference, evaluation, activityId, topics, notes, sha256, activity, duplicateOf, readFrom
  }

  /// Always writes the contract's keys, as null where there is no value. In key order, as for `Report`.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(accreditationStatement, forKey: .accreditationStatement)
    try c.encode(activity, forKey: .activity)
    try c.encodeIfPresent(activityId, forKey: .activityId)
    try c.encodeIfPresent(certificateReference, forKey: .certificateReference)
    try c.encode(credits, forKey: .credits)
    try c.encode(date, forKey: .date)
    try c.encodeIfPresent(duplicateOf, forKey: .duplicateOf)
    try c.encode(endDate, forKey: .endDate)
    try c.encode(evaluation, forKey: .evaluation)
    try c.encode(id, forKey: .id)
    try c.encode(kind, forKey: .kind)
    try c.encodeIfPresent(learner, forKey: .learner)
    try c.encodeIfPresent(notes, forKey: .notes)
    try c.encode(provider, forKey: .provider)
    try c.encode(rawDate, forKey: .rawDate)
    try c.encodeIfPresent(readFrom, forKey: .readFrom)
    try c.encodeIfPresent(sha256, forKey: .sha256)
    try c.encode(source, forKey: .source)
    try c.encode(title, forKey: .title)
    if !topics.isEmpty { try c.encode(topics, forKey: .topics) }
  }
}
