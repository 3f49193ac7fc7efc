import CMEAuditModel
import CMEAuditSupport
import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// One worksheet's cells as text rows. Dates (numbers in a date style) become `YYYY-MM-DD`; numbers keep
/// their exact decimal text; booleans become TRUE/FALSE. A row holding a cell that cannot be read (a
/// shared string past the table, a phantom 29 February 1900) is reported and left out.
final class SheetParser: XLSXPartParser {
  private let sharedStrings: [String]?
  private let dateStyles: Set<Int>
  private let date1904: Bool
  private let displayPath: String

  private(set) var rows: [CSVRow] = []
  private(set) var problems: [ImportIssue] = []

  private var rowNumber = 0
  /// The first cell of the row past `maxColumns`, if any.
  private var farCell: String?
  static let maxRows = InputLimits.worksheetRows
  static let maxColumns = InputLimits.columns
  private var cells: [Int: String] = [:]
  private var rowProblem: String?
  private var column = -1
  private var cellType: String?
  private var cellStyle = 0
  private var cellReference = ""
  private var text = ""
  private var collecting = false
  private var inlineText = ""
  /// The cell has a formula (`<f>`); with no saved result (`<v>` empty or missing), it cannot be read.
  private var formulaWithoutValue = false
  /// The row's only problem is formulas without saved results (a "Total" row's `=SUM(…)`, say).
  private var onlyUnsavedFormulas = false

  init(sharedStrings: [String]?, dateStyles: Set<Int>, date1904: Bool, displayPath: String) {
    self.sharedStrings = sharedStrings
    self.dateStyles = dateStyles
    self.date1904 = date1904
    self.displayPath = displayPath
  }

  static func parse(
    _ data: Data, sharedStrings: [String]?, dateStyles: Set<Int>, date1904: Bool, displayPath: String
  ) throws(CMEAuditError) -> (rows: [CSVRow], problems: [ImportIssue]) {
    let parser = SheetParser(
      sharedStrings: sharedStrings, dateStyles: dateStyles, date1904: date1904, displayPath: displayPath)
    try parser.run(data, part: "worksheet", displayPath: displayPath)
    return (parser.rows, parser.problems)
  }

  override func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?,
    attributes: [String: String] = [:]
  ) {
    switch elementName {
    case "row":
      // A row number Excel could not write (past 1,048,576, zero or negative) or out of order (the header's
      // number again, or one before it: Excel writes rows in order) is the row after the last: it cannot
      // overflow, and the row is still read (one numbered like the header was taken for it and dropped).
      let numbered = attributes["r"].flatMap(Int.init).flatMap {
        (1...Self.maxRows).contains($0) && $0 > rowNumber ? $0 : nil
      }
      rowNumber = numbered ?? min(rowNumber, Self.maxRows) + 1
      cells = [:]
      rowProblem = nil
      onlyUnsavedFormulas = false
      column = -1
    case "c":
      cellReference = attributes["r"] ?? ""
      column = Self.columnIndex(cellReference) ?? min(column, Self.maxColumns) + 1
      cellType = attributes["t"]
      cellStyle = attributes["s"].flatMap(Int.init) ?? 0
      inlineText = ""
      text = ""
      formulaWithoutValue = false
    case "f":
      formulaWithoutValue = true
    case "v":
      text = ""
      collecting = true
    case "t":
      // Inline strings (`<is><t>`), possibly as several rich-text runs.
      text = ""
      collecting = true
    default: break
    }
  }

  override func parser(_ parser: XMLParser, foundCharacters string: String) {
    if collecting { text += string }
  }

  override func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    switch elementName {
    case "v": collecting = false
    case "t":
      collecting = false
      inlineText += text
    case "c":
      if formulaWithoutValue, (cellType == "inlineStr" ? inlineText : text).isEmpty {
        let cell = cellReference.isEmpty ? "a cell" : "cell \(cellReference)"
        if rowProblem == nil { onlyUnsavedFormulas = true }
        rowProblem =
          rowProblem
          ?? "\(cell) holds a formula whose result was never saved; open and save the workbook in Excel or LibreOffice"
        return
      }
      let raw = cellType == "inlineStr" ? inlineText : text
      // A cell past the columns a table is read to (a stray cell at ZZZZ would pad every row to 475,254
      // fields) is left out, and the row says so.
      if column >= Self.maxColumns {
        farCell = farCell ?? (cellReference.isEmpty ? "a cell" : "cell \(cellReference)")
        return
      }
      switch value(raw) {
      case .success(let value) where value.utf8.count > InputLimits.fieldBytes:
        rowProblem =
          rowProblem
          ?? "a cell holds more than \(InputLimits.fieldBytes >> 20) MiB of text (the most one field may hold): the row was left out"
      case .success(let value): if !value.isEmpty { cells[column] = value }
      case .failure(let problem):
        if rowProblem == nil { rowProblem = problem.reason } else { onlyUnsavedFormulas = false }
      }
    case "row":
      let reference = Provenance(path: displayPath, line: rowNumber)
      if let far = farCell {
        problems.append(
          ImportIssue(
            location: reference,
            reason:
              "\(far) is past the \(Self.maxColumns) columns a table is read to: left out, the rest of the row read"
          ))
        farCell = nil
      }
      let fields = cells.keys.max().map { last in (0...last).map { cells[$0] ?? "" } } ?? []
      // A "Total" row's sum that was never computed (a workbook written by a script) is still a total row:
      // read without it, it is counted as one, not reported as a row to fix.
      if rowProblem != nil, onlyUnsavedFormulas,
        RowPreparer.isTotalRow(CSVRow(line: rowNumber, fields: fields), dateText: nil)
      {
        rows.append(CSVRow(line: rowNumber, fields: fields))
      } else if let rowProblem {
        problems.append(ImportIssue(location: reference, reason: rowProblem))
      } else if !fields.isEmpty {
        rows.append(CSVRow(line: rowNumber, fields: fields))
      }
    default: break
    }
  }

  private func value(_ raw: String) -> Result<String, RowRejection> {
    let cell = cellReference.isEmpty ? "a cell" : "cell \(cellReference)"
    switch cellType {
    case "s":
      guard let table = sharedStrings else {
        return .failure(RowRejection("\(cell) refers to the shared string table, which the workbook lacks"))
      }
      guard let index = Int(raw.trimmed()), table.indices.contains(index) else {
        return .failure(
          RowRejection("\(cell) refers to shared string \(raw), past the table's \(table.count) strings"))
      }
      return .success(table[index])
    case "inlineStr", "str", "e": return .success(raw)
    case "b": return .success(raw == "1" || raw.lowercased() == "true" ? "TRUE" : "FALSE")
    case "d": return .success(raw.count >= 10 ? String(raw.prefix(10)) : raw)
    default:
      let trimmed = raw.trimmed()
      guard !trimmed.isEmpty else { return .success("") }
      guard dateStyles.contains(cellStyle) else { return .success(Self.numberText(trimmed)) }
      guard let serial = Double(trimmed) else { return .success(trimmed) }
      guard let day = ExcelDate.day(serial: serial, date1904: date1904) else {
        return .failure(RowRejection("\(cell) holds date serial \(trimmed), which is not a real day"))
      }
      return .success(day.description)
    }
  }

  /// Excel stores binary doubles: "1.1000000000000001" is shown as 1.1. Round to 10 decimals and drop
  /// trailing zeros; integers and short decimals pass through unchanged.
  static func numberText(_ raw: String) -> String {
    guard raw.contains("."), raw.count > 12, !raw.lowercased().contains("e"), let value = Double(raw) else {
      return raw
    }
    var text = String(format: "%.10f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  /// `B3` → 1 (0-based column); nil when the reference has no letters.
  static func columnIndex(_ reference: String) -> Int? {
    var index = 0
    var letters = 0
    for byte in reference.utf8 {
      let upper = byte & 0xDF
      guard (65...90).contains(upper), letters < 4 else { break }
      index = index * 26 + Int(upper - 64)
      letters += 1
    }
    return letters > 0 ? index - 1 : nil
  }
}
