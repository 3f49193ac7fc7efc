import CMEAuditModel
import Foundation

/// Every input format the tool reads, and which one a file is: the first format, in order, that claims it.
/// Adding an importer is one entry here and the importer's own file.
public enum ImporterRegistry {
  /// One input format: whether it claims a source, and its importer.
  public struct Format: Sendable {
    /// A short name for the format (for a reader of this list; the report names formats itself).
    public var name: String
    /// Whether this format reads a source (given with its lowercased extension); asked in the registry's order.
    public var claims: @Sendable (SourceSpec, _ extension: String) -> Bool
    public var importer: @Sendable () -> any SourceImporter
  }

  /// The formats, in the order they are asked. A file's extension decides, and for a file without a
  /// known one, its first bytes; an unclaimed file is read as CSV (the importer says why it cannot be).
  public static let formats: [Format] = [
    Format(name: "certificates folder", claims: { source, _ in source.kind == .certificate }) {
      CertificateFolderImporter()
    },
    Format(name: "XML mapped by a profile", claims: { source, _ in source.profile?.record != nil }) {
      XMLRecordImporter()
    },
    Format(
      name: "CE Broker roster XML",
      claims: { $1 == "xml" && CEBrokerRosterImporter.recognises($0) }
    ) {
      CEBrokerRosterImporter()
    },
    Format(name: "MedBiquitous XML", claims: { $1 == "xml" }) { MedBiqXMLImporter() },
    Format(name: "Excel workbook", claims: { ["xlsx", "xlsm"].contains($1) }) {
      XLSXActivityImporter()
    },
    Format(name: "notes list", claims: { ["md", "markdown"].contains($1) }) {
      NotesLogImporter()
    },
    Format(name: "notes list (.txt)", claims: { $1 == "txt" && !looksDelimited($0) }) {
      NotesLogImporter()
    },
    Format(name: "Excel workbook by content", claims: { isUnknown($1) && head($0)?.isZip == true }) {
      XLSXActivityImporter()
    },
    Format(name: "XML by content", claims: { isUnknown($1) && head($0)?.isMarkup == true }) {
      MedBiqXMLImporter()
    },
  ]

  /// The importer for a file: the first format that claims it, else CSV.
  public static func importer(for source: SourceSpec) -> any SourceImporter {
    let ext = source.fileExtension
    return formats.first { $0.claims(source, ext) }?.importer() ?? CSVActivityImporter()
  }

  /// A .txt file is a delimited table (Excel's "Unicode Text" is tab-separated) when splitting it on
  /// commas, semicolons or tabs gives a recognisable header; otherwise it is a notes-app list.
  static func looksDelimited(_ source: SourceSpec) -> Bool {
    guard let (text, _) = try? FileReading.text(of: source) else { return true }  // let the importer say why
    let head = String(text.prefix(16_384))
    // The delimiter the import would read it with (a UTF-16 text with tabs is tab-separated).
    let delimiter = (try? DelimitedFile(source))?.delimiter ?? CSVReader.sniffDelimiter(head)
    guard delimiter != "|" else { return false }
    return TabularText.find(in: CSVReader(delimiter: delimiter).read(head).rows) != nil
  }

  /// No extension, or one that names no format read by its extension: the content decides.
  private static func isUnknown(_ ext: String) -> Bool {
    ext.isEmpty || !["csv", "tsv", "txt"].contains(ext)
  }

  /// What a file's first bytes say it is.
  private struct Head {
    var isZip: Bool
    var isMarkup: Bool
  }

  private static func head(_ source: SourceSpec) -> Head? {
    guard let handle = try? FileHandle(forReadingFrom: source.url),
      let bytes = try? handle.read(upToCount: 64)
    else { return nil }
    try? handle.close()
    let text = String(decoding: bytes, as: UTF8.self).drop { $0 == "\u{FEFF}" || $0.isWhitespace }
    return Head(isZip: bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), isMarkup: text.hasPrefix("<"))
  }
}
