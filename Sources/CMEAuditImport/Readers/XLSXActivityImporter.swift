import CMEAuditModel
import Foundation

/// Imports transcripts and logs kept as Excel workbooks (.xlsx). The sheet is the one the source names
/// (`--sheet`), else the first whose header is recognisable; rows are read like CSV rows, with the
/// sheet's row numbers as lines.
public struct XLSXActivityImporter: SourceImporter {
  public init() {}

  public func importSource(_ source: SourceSpec) throws(CMEAuditError) -> ImportResult {
    let (sheet, table, problems) = try TabularText.workbook(source)
    var builder = RowRecordBuilder(source: source, header: table.header, rows: table.rows)
    // Rows with unreadable cells are reported at their place among the others.
    var pending = problems.sorted { ($0.location.line ?? 0) < ($1.location.line ?? 0) }[...]
    for row in table.rows {
      while let problem = pending.first, (problem.location.line ?? 0) < row.line {
        builder.reject(problem)
        pending = pending.dropFirst()
      }
      builder.add(row)
    }
    for problem in pending { builder.reject(problem) }
    var result = builder.finish()
    result.summary.format = "xlsx"
    result.summary.sheet = sheet.name
    return result
  }
}
