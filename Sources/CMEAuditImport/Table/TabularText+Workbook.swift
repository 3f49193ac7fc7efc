import CMEAuditModel
import Foundation

extension TabularText {
  /// The sheet to read and its table. `required` says what a header must name.
  public static func workbook(_ source: SourceSpec, required: (HeaderMap) -> Bool = \.isUsable)
    throws(CMEAuditError) -> (XLSXWorkbook.Sheet, TabularText, [ImportIssue])
  {
    try FileReading.checkFile(source)
    let workbook = try XLSXWorkbook(source: source)
    var candidates = workbook.sheets
    if let wanted = source.profile?.sheet ?? source.sheet {
      candidates = candidates.filter { $0.name.lowercased() == wanted.lowercased() }
      guard !candidates.isEmpty else {
        let names = workbook.sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        throw .unreadable(
          path: source.displayPath, reason: "has no sheet named '\(wanted)' (sheets: \(names))")
      }
    }
    guard !candidates.isEmpty else {
      throw .unreadable(path: source.displayPath, reason: "the workbook has no sheets")
    }
    var firstRows: [CSVRow] = []
    var firstProblem: (sheet: String, issue: ImportIssue)?
    for sheet in candidates {
      let (rows, problems) = try workbook.rows(of: sheet)
      if firstRows.isEmpty { firstRows = rows }
      if source.profile != nil {
        let table = try TabularText.locate(in: rows, source: source, required: required)
        return (sheet, table, problems.filter { ($0.location.line ?? 0) > table.headerLine })
      }
      if let table = TabularText.find(in: rows, required: required) {
        let below = problems.filter { ($0.location.line ?? 0) > table.headerLine }
        return (sheet, table, below)
      }
      if firstProblem == nil, let problem = problems.first { firstProblem = (sheet.name, problem) }
    }
    // A header whose cells cannot be read says why, not just that no header was found.
    if let (sheet, problem) = firstProblem {
      throw .unreadable(
        path: source.displayPath,
        reason: "sheet '\(sheet)' row \(problem.location.line ?? 0) cannot be read: \(problem.reason)")
    }
    let which =
      candidates.count == 1 ? "sheet '\(candidates[0].name)'" : "any of the \(candidates.count) sheets"
    throw .unreadable(path: source.displayPath, reason: "\(which): " + TabularText.noHeader(firstRows))
  }
}
