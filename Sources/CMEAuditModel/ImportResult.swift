/// A row or element that could not be imported, with where and why. Becomes an `unreadable-row` finding.
public struct ImportIssue: Sendable, Hashable, Codable {
  public var location: Provenance
  public var reason: String

  public init(location: Provenance, reason: String) {
    self.location = location
    self.reason = reason
  }
}

/// What one source contributed.
public struct SourceSummary: Sendable, Hashable, Codable {
  public var path: String
  public var kind: RecordKind
  /// `csv`, `medbiq-xml`, `certificates-folder`.
  public var format: String
  public var records: Int
  public var rejected: Int
  /// Entries read but deliberately not records (MedBiquitous modules only Registered or Expired).
  public var skipped: Int
  /// The text encoding used, for text files.
  public var encoding: TextEncodingName?
  /// The sheet read, for a workbook.
  public var sheet: String?
  /// The day/month order numeric dates were read in (nil: none was needed or none could be decided).
  public var dateOrder: DateOrder?
  /// When the file's own dates did not settle `dateOrder`: the file of the run whose dates did.
  public var dateOrderSettledBy: String?
  /// Records of this source dated outside the period, left out of the report.
  public var outsidePeriod: Int = 0
  /// Rows that total the credit above them (a log's "Total" row): read, not activities.
  public var totalRows: Int = 0
  /// Records of learners other than the one `--learner` names, left out.
  public var otherLearners: Int = 0
  /// For a notes log: lines that name sections or the report's title block, not activities.
  public var headingLines: Int?
  /// For a certificates folder: certificates whose fields were read from their own text, and of those how
  /// many by OCR (a scan or a photo); nil for other sources.
  public var readFromText: Int?
  public var readByOCR: Int?

  public init(
    path: String, kind: RecordKind, format: String, records: Int = 0, rejected: Int = 0, skipped: Int = 0,
    encoding: TextEncodingName? = nil, dateOrder: DateOrder? = nil
  ) {
    self.dateOrder = dateOrder
    self.path = path
    self.kind = kind
    self.format = format
    self.records = records
    self.rejected = rejected
    self.skipped = skipped
    self.encoding = encoding
  }
}

/// The output of one importer on one source.
public struct ImportResult: Sendable {
  public var records: [ActivityRecord]
  public var issues: [ImportIssue]
  public var summary: SourceSummary
  /// For a certificates folder: every certificate file found, with or without metadata.
  public var certificateFiles: [String]
  /// For a certificates folder: what was read from certificates' own text (those without complete metadata).
  public var certificateReadings: [CertificateReading] = []

  public init(
    records: [ActivityRecord], issues: [ImportIssue], summary: SourceSummary, certificateFiles: [String] = []
  ) {
    self.records = records
    self.issues = issues
    self.summary = summary
    self.certificateFiles = certificateFiles
  }
}
