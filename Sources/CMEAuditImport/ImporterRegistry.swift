import CMEAuditModel
import Foundation

/// Every input format the tool reads, and which one a file is: the first format, in order, that claims it.
/// Adding an importer is one entry here and the importer's own file.
public enum ImporterRegistry {
  /// One input format: whether it claims a source, and its importer.
  public struct Format: Sendable {
    /// A short name for the format (for a reader of this list; the report names formats itself).
    public var name: String
    /// Whether this format reads `source`; asked in the registry's order.
    public var claims: @Sendable (SourceSpec) -> Bool
    public var importer: @Sendable () -> any SourceImporter
  }

  /// The formats, in the order they are asked. A file's extension decides, and for a file without a
  /// known one, its first bytes; an unclaimed file is read as CSV (the importer says why it cannot be).
  public static let formats: [Format] = [
    Format(name: "certificates folder", claims: { $0.kind == .certificate }) { CertificateFolderImporter() },
    Format(name: "XML mapped by a profile", claims: { $0.profile?.record != nil }) { XMLRecordImporter() },
    Format(
      name: "CE Broker roster XML",
      claims: { $0.fileExtension == "xml" && CEBrokerRosterImporter.recognises($0) }
    ) {
      CEBrokerRosterImporter()
    },
    Format(name: "MedBiquitous XML", claims: { $0.fileExtension == "xml" }) { MedBiqXMLImporter() },
    Format(name: "Excel workbook", claims: { ["xlsx", "xlsm"].contains($0.fileExtension) }) {
      XLSXActivityImporter()
    },
    Format(name: "notes list", claims: { ["md", "markdown"].contains($0.fileExtension) }) {
      NotesLogImporter()
    },
    Format(name: "notes list (.txt)", claims: { $0.fileExtension == "txt" && !looksDelimited($0) }) {
      NotesLogImporter()
    },
    Format(name: "Excel workbook by content", claims: { hasUnknownExtension($0) && head($0)?.isZip == true })
    {
      XLSXActivityImporter()
    },
    Format(name: "XML by content", claims: { hasUnknownExtension($0) && head($0)?.isMarkup == true }) {
      MedBiqXMLImporter()
    },
  ]

  /// The importer for a file: the first format that claims it, else CSV.
  public static func importer(for source: SourceSpec) -> any SourceImporter {
    formats.first { $0.claims(source) }?.importer() ?? CSVActivityImporter()
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
  private static func hasUnknownExtension(_ source: SourceSpec) -> Bool {
    let ext = source.fileExtension
    return ext.isEmpty || !["csv", "tsv", "txt"].contains(ext)
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
