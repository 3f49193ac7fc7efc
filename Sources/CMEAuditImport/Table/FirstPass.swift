import CMEAuditModel
import Foundation

extension TableReader {
  /// The first pass over a delimited file, row by row: it finds the header among the first ten non-blank rows,
  /// weighs what the date columns say of the day/month order, and cuts the file into parts of about `step`
  /// bytes at rows' starts, handing each part it has read past to `closed`. Once the header is found only
  /// the date columns are decoded (`mask`).
  struct FirstPass {
    let source: SourceSpec
    let step: Int
    let closed: ((ClosedPart) -> Void)?
    let mask = ColumnMask()
    /// The rows down to the tenth non-blank one, until the header is found.
    private(set) var head: [CSVRow] = []
    private(set) var found: TabularText?
    private(set) var evidence = DateOrder.Evidence()
    /// Rows down to the header's.
    private(set) var leading = 0
    private(set) var parts = [DelimitedFile.Part(start: 0, end: nil, line: 1)]
    private var nextPart: Int
    /// Non-blank rows in `head` after the profile's skipped rows.
    private var filled = 0
    private var dateColumns: [Int] = []
    private var headerLine = Int.max

    init(source: SourceSpec, step: Int, closed: ((ClosedPart) -> Void)?) {
      self.source = source
      self.step = step
      self.closed = closed
      nextPart = step
    }

    mutating func take(_ row: CSVRow, required: (HeaderMap) -> Bool) {
      if found == nil {
        lookForHeader(row, required: required)
        // Every row but a blank one (no record): a part's room for records.
        if !row.isBlank { parts[parts.count - 1].rows += 1 }
      } else {
        for column in dateColumns where column < row.fields.count { evidence.add(row.fields[column]) }
        if let offset = row.offset, offset >= nextPart, row.line > headerLine {
          cut(at: offset, line: row.line)
        }
        parts[parts.count - 1].rows += 1
      }
    }

    /// The header is among the first ten non-blank rows: past them (no header found), nothing is kept. Blank
    /// rows are not kept either (a file of millions of lines of commas held them all).
    private mutating func lookForHeader(_ row: CSVRow, required: (HeaderMap) -> Bool) {
      guard filled < 10, !row.isBlank else { return }
      head.append(row)
      if row.line > (source.profile?.skipRows ?? 0), !row.isBlank { filled += 1 }
      guard filled == 10 else { return }
      found = try? TabularText.locate(in: head, source: source, required: required)
      if let found {
        dateColumns = [found.header[.date], found.header[.endDate]].compactMap { $0 }
        headerLine = found.headerLine
        mask.wanted = (0..<((dateColumns.max() ?? 0) + 1)).map(dateColumns.contains)
        for cell in head.filter({ $0.line > headerLine }).flatMap(found.dateCells) { evidence.add(cell) }
        leading = head.count { $0.line <= headerLine }
      }
    }

    /// Ends the current part at `offset` (a row's start) and starts the next there.
    private mutating func cut(at offset: Int, line: Int) {
      parts[parts.count - 1].end = offset
      if let closed, let found {
        closed(
          ClosedPart(
            part: parts[parts.count - 1], index: parts.count - 1, header: found.header,
            headerLine: headerLine, leading: parts.count == 1 ? leading : 0, unterminated: nil,
            order: evidence.order))
      }
      parts.append(DelimitedFile.Part(start: offset, end: nil, line: line))
      nextPart = offset + step
    }
  }
}
