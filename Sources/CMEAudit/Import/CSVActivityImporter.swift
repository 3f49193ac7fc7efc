import Foundation

/// Imports transcript exports and personal logs written as CSV (comma, semicolon or tab separated).
/// Headers are matched by synonyms; one activity spread over several rows (one row per credit type, or
/// continuation rows with a blank date and title) becomes one record with several credit lines.
public struct CSVActivityImporter: SourceImporter {
  public init() {}

  public func importSource(_ source: SourceSpec, ordinal: Int) throws(CMEAuditError) -> ImportResult {
    let (text, encoding) = try FileReading.text(of: source)
    let table = try TabularText.read(text, source: source)
    var builder = RowRecordBuilder(source: source, ordinal: ordinal, header: table.header, rows: table.rows)
    for issue in table.issues { builder.reject(issue) }
    for row in table.rows { builder.add(row) }
    var result = builder.finish()
    result.summary.encoding = encoding
    return result
  }
}

/// A table (delimited text, or a spreadsheet's sheet) split into its header and data rows.
struct TabularText {
  var header: HeaderMap
  var headerLine: Int
  var rows: [CSVRow]
  var issues: [ImportIssue]

  /// Splits delimited text and finds its header.
  static func read(_ text: String, source: SourceSpec, required: (HeaderMap) -> Bool = \.isUsable)
    throws(CMEAuditError) -> TabularText
  {
    let output = CSVReader(delimiter: CSVReader.sniffDelimiter(text)).read(text)
    var issues: [ImportIssue] = []
    if let line = output.unterminatedQuoteLine {
      issues.append(
        ImportIssue(
          location: Provenance(path: source.displayPath, line: line),
          reason: "a quoted field opened here is never closed; the rest of the file was read as one field"))
    }
    let rows = output.rows.filter { $0.line != output.unterminatedQuoteLine }
    guard let table = find(in: rows, issues: issues, required: required) else {
      throw .unreadable(path: source.displayPath, reason: noHeader(rows))
    }
    return table
  }

  /// Finds the header (the first of the first ten non-blank rows that names enough known columns) and
  /// keeps the non-blank rows below it; nil when there is none.
  static func find(in rows: [CSVRow], issues: [ImportIssue] = [], required: (HeaderMap) -> Bool = \.isUsable)
    -> TabularText?
  {
    let candidates = rows.lazy.filter { !$0.isBlank }.prefix(10)
    guard let headerRow = candidates.first(where: { required(HeaderMap(headers: $0.fields)) }) else {
      return nil
    }
    return TabularText(
      header: HeaderMap(headers: headerRow.fields), headerLine: headerRow.line,
      rows: rows.filter { $0.line > headerRow.line && !$0.isBlank }, issues: issues)
  }

  /// The message for a table with no recognisable header, naming what the first row held.
  static func noHeader(_ rows: [CSVRow]) -> String {
    let seen =
      rows.first { !$0.isBlank }?.fields.filter { !$0.isEmpty }.prefix(8).joined(separator: ", ") ?? ""
    return "no recognisable header row (found: \(seen.isEmpty ? "nothing" : seen)); expected columns such as "
      + "Date, Activity Title, Provider, Credit Type, Credits"
  }
}
