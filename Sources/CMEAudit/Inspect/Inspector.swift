import CMEAuditImport
import CMEAuditReport
import Foundation

/// Explains how a file is read: format, encoding, delimiter, sheet, header row, the mapping of each
/// column, the first records, every rejected row, and a suggested profile when the file is not recognised.
public enum Inspector {
  /// How many normalised records the inspection shows.
  public static let sampleSize = 5

  public static func inspect(_ source: SourceSpec) -> Inspection {
    let importer = ImporterRegistry.importer(for: source)
    var inspection = Inspection(path: source.displayPath, kind: source.kind, format: "unknown")
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
      } else if let workbook = try? XLSXWorkbook(url: source.url, displayPath: source.displayPath),
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
