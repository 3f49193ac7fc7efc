import CMEAuditModel
import CMEAuditReport

/// How cmeaudit understands one input file: what `cmeaudit inspect` shows.
public struct Inspection: Sendable, Encodable {
  /// One column of a table and the field it was mapped to.
  public struct Column: Sendable, Encodable {
    /// 1-based.
    public var number: Int
    public var header: String
    /// The profile name of the field (`title`, `date`, ...), nil when the column is not used.
    public var field: String?
  }

  public var path: String
  public var kind: RecordKind
  public var format: String
  public var encoding: TextEncodingName?
  public var delimiter: String?
  public var sheet: String?
  public var dateOrder: DateOrder?
  public var headerLine: Int?
  public var columns: [Column] = []
  /// Columns whose cells contradicted their header, and what they were read as.
  public var columnNotes: [String] = []
  public var records = 0
  /// Rows that total the credit above them, read and left out (`SourceSummary.totalRows`).
  public var totalRows = 0
  /// Rows for activities not completed (or withdrawn), left out (`SourceSummary.skipped`).
  public var skipped = 0
  /// The first records, normalised.
  public var sample: [ReportRecord] = []
  /// Every row that could not be imported, with its reason.
  public var rejected: [ImportIssue] = []
  /// Why the file could not be read at all, if it could not.
  public var problem: String?
  /// A profile to save and edit, when the file was not recognised.
  public var suggestedProfile: String?
  /// For a certificate or a certificates folder: what was read from each certificate's own text.
  public var certificates: [CertificateReading] = []

  /// Columns that no field was mapped to.
  public var unmapped: [Column] { columns.filter { $0.field == nil && !$0.header.isEmpty } }
}
