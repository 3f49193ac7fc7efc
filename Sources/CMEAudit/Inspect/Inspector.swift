import CMEAuditDocuments
import CMEAuditImport
import CMEAuditModel
import CMEAuditReport
import Foundation

/// Explains how a file is read: format, encoding, delimiter, sheet, header row, the mapping of each
/// column, the first records, every rejected row, and a suggested profile when the file is not recognised.
public enum Inspector {
  /// How many normalised records the inspection shows.
  public static let sampleSize = 5

  public static func inspect(_ given: SourceSpec) -> Inspection {
    var inspection = Inspection(path: given.displayPath, kind: given.kind, format: "unknown")
    var source = given
    do {
      source = try given.heldIfPipe()
    } catch {
      inspection.problem = error.errorDescription
      return inspection
    }
    let importer = ImporterRegistry.importer(for: source)
    do {
      let result = try importer.importSource(source)
      inspection.format = result.summary.format
      inspection.encoding = result.summary.encoding
      inspection.sheet = result.summary.sheet
      inspection.dateOrder = result.summary.dateOrder
      inspection.records = result.records.count
      inspection.totalRows = result.summary.totalRows
      inspection.skipped = result.summary.skipped
      inspection.sample = result.records.prefix(sampleSize).map {
        ReportRecord($0, activity: nil, duplicateOf: nil)
      }
      inspection.rejected = result.issues
    } catch {
      inspection.problem = error.errorDescription?.replacingOccurrences(of: TabularText.inspectHint, with: "")
    }
    describeTable(source, importer: importer, into: &inspection)
    return inspection
  }

  /// What is read from a certificate file, or from each certificate of a folder (with the folder's import:
  /// its metadata, records and problems): every certificate's own text, field by field, with the page and
  /// words each field came from.
  public static func inspectCertificates(_ source: SourceSpec) -> Inspection {
    let reader = DocumentReader()
    var isFolder: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: source.url.path, isDirectory: &isFolder)
    guard !isFolder.boolValue else {
      var folder = source
      folder.kind = .certificate
      var inspection = inspect(folder)
      let files = (try? CertificateFolderImporter.certificateFiles(in: folder)) ?? []
      inspection.certificates = files.map { relative in
        CertificateText.read(
          folder.url.appendingPathComponent(relative),
          displayPath: folder.displayPath.hasSuffix("/")
            ? folder.displayPath + relative : folder.displayPath + "/" + relative,
          order: source.dateOrder, with: reader)
      }
      return inspection
    }
    var inspection = Inspection(path: source.displayPath, kind: .certificate, format: "certificate")
    let reading = CertificateText.read(
      source.url, displayPath: source.displayPath, order: source.dateOrder, with: reader)
    inspection.certificates = [reading]
    inspection.format = reading.method == "ocr" ? "certificate (OCR)" : "certificate (PDF text)"
    if reading.method == "none" {
      inspection.problem = reading.notes.first
      return inspection
    }
    switch CertificateText.record(reading, order: source.dateOrder) {
    case .success(let record):
      inspection.records = 1
      inspection.sample = [ReportRecord(record, activity: nil, duplicateOf: nil)]
    case .failure(let problem):
      inspection.rejected = [
        ImportIssue(location: Provenance(path: source.displayPath, line: nil), reason: problem.reason)
      ]
    }
    return inspection
  }

  /// Fills in the delimiter, header row and column mapping of a table, and suggests a profile when no
  /// header could be found.
  private static func describeTable(
    _ source: SourceSpec, importer: any SourceImporter, into inspection: inout Inspection
  ) {
    var rows: [CSVRow] = []
    var table: TabularText?
    switch importer {
    case is CSVActivityImporter:
      guard let (text, encoding) = try? FileReading.text(of: source) else { return }
      // The delimiter the import reads the file with (a UTF-16 text with tabs is tab-separated).
      let delimiter = (try? DelimitedFile(source))?.delimiter ?? CSVReader.sniffDelimiter(text)
      inspection.format = "csv"
      inspection.encoding = encoding
      inspection.delimiter = delimiter == "\t" ? "tab" : String(delimiter)
      rows = CSVReader(delimiter: delimiter).read(text).rows
      table = try? TabularText.locate(in: rows, source: source)
    case is XLSXActivityImporter:
      inspection.format = "xlsx"
      if let (sheet, found, _) = try? TabularText.workbook(source) {
        inspection.sheet = sheet.name
        table = found
      } else if let workbook = try? XLSXWorkbook(source: source),
        let first = workbook.sheets.first, let (sheetRows, _) = try? workbook.rows(of: first)
      {
        inspection.sheet = first.name
        rows = sheetRows
      }
    default:
      return
    }
    if let table {
      inspection.headerLine = table.headerCells.isEmpty ? nil : table.headerLine
      inspection.columnNotes = table.contentNotes
      let width = max(table.headerCells.count, (table.header.columns.values.max() ?? -1) + 1)
      inspection.columns = (0..<width).map { index in
        // The first field in `Field`'s order that reads the column (provider before accredited provider):
        // a column two fields read is named the same on every run.
        let field = Field.allCases.first { table.header.columns[$0] == index }
        return Inspection.Column(
          number: index + 1, header: index < table.headerCells.count ? table.headerCells[index] : "",
          field: field.map(ImportProfile.name(of:)))
      }
    } else if inspection.problem != nil, !rows.isEmpty {
      inspection.suggestedProfile = ProfileSuggester.suggest(rows)
    }
  }
}
