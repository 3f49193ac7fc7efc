import CMEAuditModel
import CMEAuditSupport
import Foundation

/// A table (delimited text, or a spreadsheet's sheet) split into its header and data rows.
public struct TabularText: Sendable {
  public var header: HeaderMap
  public var headerLine: Int
  var rows: [CSVRow]
  public var issues: [ImportIssue]
  /// The header row's cells as written (empty when a profile numbers the columns).
  public var headerCells: [String] = []
  /// Columns whose cells contradicted their header, and what they were read as (`ColumnContent`).
  public var contentNotes: [String] = []

  /// Splits delimited text and finds its header.
  static func read(_ text: String, source: SourceSpec, required: (HeaderMap) -> Bool = \.isUsable)
    throws(CMEAuditError) -> TabularText
  {
    let output = CSVReader(delimiter: CSVReader.sniffDelimiter(text)).read(text)
    var issues = output.tooLongLines.map { tooLongIssue(line: $0, source: source) }
    if let line = output.unterminatedQuoteLine {
      issues.append(
        ImportIssue(
          location: Provenance(path: source.displayPath, line: line),
          reason: "a quoted field opened here is never closed; the rest of the file was read as one field"))
    }
    let rows = output.rows.filter { $0.line != output.unterminatedQuoteLine }
    return try locate(in: rows, issues: issues, source: source, required: required)
  }

  /// A row left out for a field longer than `InputLimits.fieldBytes`.
  static func tooLongIssue(line: Int, source: SourceSpec) -> ImportIssue {
    ImportIssue(
      location: Provenance(path: source.displayPath, line: line),
      reason:
        "a field of this row is longer than \(InputLimits.fieldBytes >> 20) MiB (the most one field may hold): "
        + "the row was left out")
  }

  /// The table in `rows`, as the source's profile maps it, or else as the header's synonyms say.
  public static func locate(
    in rows: [CSVRow], issues: [ImportIssue] = [], source: SourceSpec,
    required: (HeaderMap) -> Bool = \.isUsable
  ) throws(CMEAuditError) -> TabularText {
    guard let profile = source.profile else {
      guard let table = find(in: rows, issues: issues, required: required) else {
        throw .unreadable(path: source.displayPath, reason: noHeader(rows))
      }
      return table
    }
    return try profiled(rows, profile: profile, issues: issues, source: source)
  }

  /// Applies a profile: skips its rows, then either takes numbered columns with no header row, or finds
  /// the header row holding the columns it names. A named column the file lacks is an error naming both.
  static func profiled(_ rows: [CSVRow], profile: ImportProfile, issues: [ImportIssue], source: SourceSpec)
    throws(CMEAuditError) -> TabularText
  {
    let kept = rows.filter { $0.line > profile.skipRows }
    if profile.isHeaderless {
      var header = HeaderMap(headers: [])
      header.acceptAnyWidth()
      for case let (field, .number(number)) in profile.columns { header.assign(field, to: number - 1) }
      return TabularText(
        header: header, headerLine: profile.skipRows, rows: kept.filter { !$0.isBlank }, issues: issues,
        headerCells: [])
    }
    let named = profile.columns.compactMap { field, reference -> (Field, String)? in
      if case .header(let name) = reference { return (field, name) }
      return nil
    }
    let candidates = kept.lazy.filter { !$0.isBlank }.prefix(10)
    let headerRow =
      named.isEmpty
      ? candidates.first { HeaderMap(headers: $0.fields).isUsable }
      : candidates.first { row in
        let cells = Set(row.fields.map(Field.normaliseHeader))
        return named.allSatisfy { cells.contains(Field.normaliseHeader($0.1)) }
      }
    guard let headerRow else {
      let missing = named.filter { name in
        !(candidates.first?.fields.map(Field.normaliseHeader).contains(Field.normaliseHeader(name.1)) ?? false)
      }
      let what = missing.map { "'\($0.1)' (\(ImportProfile.name(of: $0.0)))" }.joined(separator: ", ")
      let seen = candidates.first?.fields.filter { !$0.isEmpty }.joined(separator: ", ") ?? "nothing"
      throw .unreadable(
        path: source.displayPath,
        reason: named.isEmpty
          ? noHeader(kept)
          : "profile \(profile.path) names column \(what), which this file lacks (its header row has: \(seen))"
      )
    }
    var header = HeaderMap(headers: headerRow.fields)
    let cells = headerRow.fields.map(Field.normaliseHeader)
    for (field, reference) in profile.columns {
      switch reference {
      case .number(let number): header.assign(field, to: number - 1)
      case .header(let name):
        if let index = cells.firstIndex(of: Field.normaliseHeader(name)) { header.assign(field, to: index) }
      }
    }
    return TabularText(
      header: header, headerLine: headerRow.line,
      rows: kept.filter { $0.line > headerRow.line && !$0.isBlank }, issues: issues,
      headerCells: headerRow.fields)
  }

  /// Finds the header (the first of the first ten non-blank rows that names enough known columns) and
  /// keeps the non-blank rows below it; nil when there is none.
  static func find(in rows: [CSVRow], issues: [ImportIssue] = [], required: (HeaderMap) -> Bool = \.isUsable)
    -> TabularText?
  {
    let candidates = rows.lazy.filter { !$0.isBlank }.prefix(10)
    guard let headerRow = candidates.first(where: { required(HeaderMap.of($0.fields)) }) else {
      return nil
    }
    let body = rows.filter { $0.line > headerRow.line && !$0.isBlank }
    let (header, notes) = ColumnContent.resolve(
      HeaderMap.of(headerRow.fields), headerCells: headerRow.fields, rows: body)
    var table = TabularText(
      header: header, headerLine: headerRow.line, rows: body, issues: issues, headerCells: headerRow.fields)
    table.contentNotes = notes
    return table
  }

  /// The table of a CSV or .xlsx file (by its extension) whose header satisfies `required`; a file without
  /// one is an error naming it.
  static func load(_ source: SourceSpec, required: (HeaderMap) -> Bool) throws(CMEAuditError) -> TabularText {
    if source.fileExtension == "xlsx" {
      return try TabularText.workbook(source, required: required).1
    }
    let (text, _) = try FileReading.text(of: source)
    return try read(text, source: source, required: required)
  }

  /// The trimmed text of `row` in the column `field` maps to; nil when empty or absent.
  public func cell(_ field: Field, in row: CSVRow) -> String? {
    guard let index = header[field], index < row.fields.count else { return nil }
    let text = row.fields[index].trimmed()
    return text.isEmpty ? nil : text
  }

  /// The cells of `row` in the date and end-date columns.
  func dateCells(of row: CSVRow) -> [String] {
    [header[.date], header[.endDate]].compactMap { $0 }.compactMap {
      $0 < row.fields.count ? row.fields[$0] : nil
    }
  }

  /// Where to turn next, at the end of that message (`inspect` itself leaves it out: it shows the profile).
  public static let inspectHint =
    " (`cmeaudit inspect` on the file suggests a profile that maps its own columns)"

  /// The message for a table with no recognisable header, naming what the first row held.
  static func noHeader(_ rows: [CSVRow]) -> String {
    let seen =
      rows.first { !$0.isBlank }?.fields.filter { !$0.isEmpty }.prefix(8).joined(separator: ", ") ?? ""
    return "no recognisable header row (found: \(seen.isEmpty ? "nothing" : seen)); expected columns such as "
      + transcriptColumns + inspectHint
  }

  static let transcriptColumns = "Date, Activity Title, Provider, Credit Type, Credits"

  /// The error of a file read for `option` (`--roster`, `--activities`, `--schedule`) whose header was not
  /// found, naming the columns that option reads and the profile it takes, not a transcript's.
  public static func expecting(_ columns: String, for option: String, _ error: CMEAuditError) -> CMEAuditError
  {
    guard case .unreadable(let path, let reason) = error, reason.contains(transcriptColumns) else {
      return error
    }
    let own = reason.replacingOccurrences(of: transcriptColumns + inspectHint, with: columns)
      .replacingOccurrences(of: transcriptColumns, with: columns)
    return .unreadable(
      path: path,
      reason: own + " (or give --profile FILE right after \(option) \(path) to map its own columns)")
  }
}
