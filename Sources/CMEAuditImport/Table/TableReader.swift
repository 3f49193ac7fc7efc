import CMEAuditModel
import CMEAuditSupport
import Foundation

/// The data rows of a table file: a CSV read in two streamed passes (holding neither the file nor its rows),
/// or an .xlsx sheet (by the extension, as `TabularText.load` tells them apart). The first pass finds the
/// header (as `TabularText.locate` does), the day/month order the file's own dates settle, and a quote left
/// open (reported in the table's issues, its row left out); `forEachRow` then passes each non-blank data row.
public struct TableReader: Sendable {
  /// The header and the issues found reading it; its `rows` are empty for a CSV (they are streamed).
  public let table: TabularText
  /// What the file's own dates say, if anything.
  public let order: DateOrder?
  let encoding: TextEncodingName?
  /// The stretches of a large CSV that can be read at once on different cores (`forEachRow(in:)`), in order;
  /// one part (the whole file) otherwise.
  public let parts: [DelimitedFile.Part]
  private let file: DelimitedFile?
  /// The line of a row whose quote was never closed (left out).
  let unterminated: Int?
  /// The rows of the first part down to the header's (never records).
  let leading: Int

  /// `partSize`: the least length of a part (nil: 2 MiB on a machine with more than one core, else none); a
  /// file is read in parts only if it is read in chunks (not small, not UTF-16). `closed` is given each part
  /// but the last as soon as the first pass has read past it, with what the file's dates said so far (the
  /// parts can be prepared while the pass goes on).
  public init(
    _ source: SourceSpec, required: (HeaderMap) -> Bool = \.isUsable, partSize: Int? = nil,
    file opened: DelimitedFile? = nil, closed: ((ClosedPart) -> Void)? = nil
  ) throws(CMEAuditError) {
    if opened == nil, Self.isWorkbook(source) {
      table = try TabularText.load(source, required: required)
      order = DateOrder.evidence(in: table.rows.flatMap(table.dateCells))
      (encoding, file, unterminated, leading) = (nil, nil, nil, 0)
      parts = [DelimitedFile.Part(start: 0, end: nil, line: 1)]
      return
    }
    let file: DelimitedFile
    if let opened { file = opened } else { file = try DelimitedFile(source) }
    // Parts: a data row's start every `step` bytes, up to 16 parts a core (they are handed out in turn, so
    // the core given the last part is not left working alone for long).
    let least = partSize ?? (Parallel.width > 1 ? 2 << 20 : Int.max)
    var step = Int.max
    if file.isDivisible, least < Int.max {
      step = max(least, file.size / (16 * Parallel.width))
    }
    var pass = FirstPass(source: source, step: step, closed: closed)
    let (unterminated, encoding, tooLong) = try file.forEachRow(mask: pass.mask) { row in
      pass.take(row, required: required)
    }
    var (found, head, evidence, leading, parts) = (
      pass.found, pass.head, pass.evidence, pass.leading, pass.parts
    )
    let headerSeen = found != nil  // the head's dates were taken when it was
    if found == nil {
      found = try TabularText.locate(
        in: head.filter { $0.line != unterminated }, source: source, required: required)
    }
    guard var table = found else {
      throw .unreadable(path: source.displayPath, reason: TabularText.noHeader(head))
    }
    if !headerSeen {
      for cell in head.filter({ $0.line > table.headerLine }).flatMap(table.dateCells) { evidence.add(cell) }
      leading = head.count { $0.line <= table.headerLine }
    }
    self.leading = leading
    table.rows = []
    table.issues += tooLong.map { TabularText.tooLongIssue(line: $0, source: source) }
    if let line = unterminated {
      table.issues.append(
        ImportIssue(
          location: Provenance(path: source.displayPath, line: line),
          reason: "a quoted field opened here is never closed; the rest of the file was read as one field"))
    }
    self.table = table
    self.order = evidence.order
    self.encoding = encoding
    self.file = file
    self.unterminated = unterminated
    self.parts = parts
  }

  /// A part the first pass has read past: what preparing it needs before the pass ends.
  public struct ClosedPart: Sendable {
    var part: DelimitedFile.Part
    var index: Int
    var header: HeaderMap
    var headerLine: Int
    /// Rows down to the header's, in the first part: they need no room for records.
    var leading: Int
    /// The line of a row whose quote was never closed: known only when the pass has ended (the row runs to
    /// the end of the file, so it is in the last part, which is not handed over before then).
    var unterminated: Int?
    /// What the file's dates said up to the end of the part (and a little beyond).
    var order: DateOrder?
  }

  /// The rows a CSV that will be read in parts probably has (its size over the length of the lines in its first
  /// 64 KiB); nil for any other file, and for one whose first lines are few or long.
  static func estimatedRows(_ file: DelimitedFile, partSize: Int?) -> Int? {
    let least = partSize ?? (Parallel.width > 1 ? 2 << 20 : Int.max)
    let head = 1 << 16
    guard least < Int.max, file.isDivisible, file.size >= 2 * max(least, head), file.headLines >= 16 else {
      return nil
    }
    // A row that makes a record holds a date, a title, a delimiter and a line end: 8 bytes at the least.
    return min(file.size / 8, file.size / head * file.headLines + file.size % head * file.headLines / head)
  }

  /// The same for the file `source` names (nil for a workbook, or a file that cannot be read).
  static func estimatedRows(_ source: SourceSpec, partSize: Int?) -> Int? {
    guard !isWorkbook(source), let file = try? DelimitedFile(source) else { return nil }
    return estimatedRows(file, partSize: partSize)
  }

  /// An .xlsx file, by its extension, read as a workbook, as is a zip that came through a pipe (anything
  /// else is delimited text).
  static func isWorkbook(_ source: SourceSpec) -> Bool {
    source.fileExtension == "xlsx" || source.contents?.starts(with: [0x50, 0x4B, 0x03, 0x04]) == true
  }

  /// Each non-blank data row, in order (a CSV's second pass).
  public func forEachRow(_ body: (CSVRow) -> Void) throws(CMEAuditError) {
    for part in parts { try forEachRow(in: part, body) }
  }

  /// Each non-blank data row of one of the `parts`, in order.
  func forEachRow(in part: DelimitedFile.Part, _ body: (CSVRow) -> Void) throws(CMEAuditError) {
    guard let file else {
      table.rows.forEach(body)
      return
    }
    try Self.forEachRow(
      of: file, in: parts.count > 1 ? part : nil, headerLine: table.headerLine, unterminated: unterminated,
      body)
  }

  /// Each non-blank data row of `part` of `file` (nil: the whole file), below the header on `headerLine`,
  /// leaving out the row on `unterminated` (whose quote was never closed).
  static func forEachRow(
    of file: DelimitedFile, in part: DelimitedFile.Part?, headerLine: Int, unterminated: Int?,
    _ body: (CSVRow) -> Void
  ) throws(CMEAuditError) {
    _ = try file.forEachRow(part: part) { row in
      guard row.line > headerLine, row.line != unterminated, !row.isBlank else { return }
      body(row)
    }
  }
}
