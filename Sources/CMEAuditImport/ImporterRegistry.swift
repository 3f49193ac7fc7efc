import CMEAuditModel
import Foundation

/// Every input format the tool reads, and which one a file is: the first format, in order, that claims it.
/// Adding an importer is one entry here and the importer's own file.
public enum ImporterRegistry {
  /// One input format, or a family told apart by a file's first bytes: its importer for a source it reads.
  public struct Format: Sendable {
    /// A short name for the format (for a reader of this list; the report names formats itself).
    public var name: String
    /// The importer for a source (given with its lowercased extension) this format reads, else nil; asked in
    /// the registry's order.
    public var importer: @Sendable (SourceSpec, _ extension: String) -> (any SourceImporter)?
  }

  /// A format claimed by `claims` and read by `importer`.
  static func format(
    _ name: String, claims: @escaping @Sendable (SourceSpec, String) -> Bool,
    _ importer: @escaping @Sendable () -> any SourceImporter
  ) -> Format {
    Format(name: name) { source, ext in claims(source, ext) ? importer() : nil }
  }

  /// The formats, in the order they are asked. A file's extension decides, and for a file without a
  /// known one, its first bytes; an unclaimed file is read as CSV (the importer says why it cannot be).
  public static let formats: [Format] = [
    format("certificates folder", claims: { source, _ in source.kind == .certificate }) {
      CertificateFolderImporter()
    },
    format("XML mapped by a profile", claims: { source, _ in source.profile?.record != nil }) {
      XMLRecordImporter()
    },
    format("CE Broker roster XML", claims: { $1 == "xml" && CEBrokerRosterImporter.recognises($0) }) {
      CEBrokerRosterImporter()
    },
    format("MedBiquitous XML", claims: { $1 == "xml" }) { MedBiqXMLImporter() },
    format("Excel workbook", claims: { ["xlsx", "xlsm"].contains($1) }) { XLSXActivityImporter() },
    format("notes list", claims: { ["md", "markdown"].contains($1) }) { NotesLogImporter() },
    format("notes list (.txt)", claims: { $1 == "txt" && !looksDelimited($0) }) { NotesLogImporter() },
    // One look at the first bytes of a file whose extension names no format: a zip is a workbook, markup XML.
    Format(name: "workbook or XML by content") { source, ext in
      guard isUnknown(ext), let head = head(source) else { return nil }
      if head.isZip { return XLSXActivityImporter() }
      return head.isMarkup ? MedBiqXMLImporter() : nil
    },
  ]

  /// The importer for a file: the first format that reads it, else CSV.
  public static func importer(for source: SourceSpec) -> any SourceImporter {
    let ext = source.fileExtension
    for format in formats {
      if let importer = format.importer(source, ext) { return importer }
    }
    return CSVActivityImporter()
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
    guard let bytes = try? FileReading.head(of: source, upTo: 64).data else { return nil }
    let text = String(decoding: bytes, as: UTF8.self).drop { $0 == "\u{FEFF}" || $0.isWhitespace }
    return Head(isZip: bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), isMarkup: text.hasPrefix("<"))
  }
}
