import Foundation

/// Imports transcript exports and personal logs written as CSV (comma, semicolon or tab separated).
/// Headers are matched by synonyms; one activity spread over several rows (one row per credit type, or
/// continuation rows with a blank date and title) becomes one record with several credit lines.
public struct CSVActivityImporter: SourceImporter {
  /// The least length of a part of a large file read on its own core (nil: as `TableReader` chooses).
  let partSize: Int?

  public init() { partSize = nil }

  /// Reads a file of more than 64 KiB in parts of at least `partSize` bytes (`.max`: whole); for tests and the
  /// fuzzer, which compare the two.
  @_spi(Testing) public init(partSize: Int?) { self.partSize = partSize }

  public func importSource(_ source: SourceSpec) throws(CMEAuditError) -> ImportResult {
    var result: ImportResult
    let reader: TableReader
    let file = TableReader.isWorkbook(source) ? nil : try DelimitedFile(source)
    if let file, let estimate = TableReader.estimatedRows(file, partSize: partSize) {
      (reader, result) = try Self.importLarge(source, file, partSize: partSize, estimate: estimate)
    } else {
      reader = try TableReader(source, partSize: partSize, file: file)
      result =
        try reader.parts.count > 1 ? Self.importParts(source, reader) : Self.importWhole(source, reader)
    }
    result.issues.insert(contentsOf: reader.table.issues, at: 0)
    result.summary.rejected = result.issues.count
    result.summary.encoding = reader.encoding
    return result
  }

  /// A file read as one part, its rows prepared and joined one by one.
  static func importWhole(_ source: SourceSpec, _ reader: TableReader) throws(CMEAuditError) -> ImportResult {
    var builder = RowRecordBuilder(source: source, header: reader.table.header, fileOrder: reader.order)
    try reader.forEachRow { builder.add($0) }
    return builder.finish()
  }

  /// A large file whose rows `estimate` foresees: its parts are prepared on the other cores while the first
  /// pass reads on (`PartPipeline`), and the memory of its records (a few hundred bytes a row) is faulted in
  /// first by one of them, instead of page by page as the parts fill it (on a VM, a fresh page costs
  /// microseconds: 35,000 pages for 400k rows were a fifth of the parts' time). When the first pass finds
  /// more rows than foreseen, or one part, the file is imported as usual from that pass.
  static func importLarge(_ source: SourceSpec, _ file: DelimitedFile, partSize: Int?, estimate: Int)
    throws(CMEAuditError) -> (
      TableReader, ImportResult
    )
  {
    var outcome: Result<(TableReader, RowRecordBuilder<JoinedRecords>)?, CMEAuditError> = .success(nil)
    var pass: TableReader?
    do {
      let records = [ActivityRecord](unsafeUninitializedCapacity: estimate + estimate / 8) {
        buffer, initialized in
        initialized = 0
        let pipeline = PartPipeline(source: source, file: file, buffer: buffer, helpers: Parallel.width - 1)
        let group = DispatchGroup()
        let warm = MemoryWarming.span(buffer, count: estimate)
        for helper in 0..<pipeline.helpers {
          DispatchQueue.global().async(group: group) {
            if helper == 0, let warm { MemoryWarming.warm(address: warm.address, bytes: warm.bytes) }
            pipeline.work()
          }
        }
        pipeline.end(
          Result { () throws(CMEAuditError) in
            try TableReader(source, partSize: partSize, file: file, closed: pipeline.hand)
          })
        pipeline.work()
        group.wait()
        pass = pipeline.reader
        outcome = Result { () throws(CMEAuditError) in try pipeline.finish(&initialized) }
      }
      if case .success(let (reader, builder)?) = outcome { return (reader, builder.finish(records)) }
    }
    // Not as foreseen: the memory made ready is released before the records are read into their own.
    if case .failure(let error) = outcome { throw error }
    guard let reader = pass else { preconditionFailure("the first pass neither read the file nor failed") }
    return (reader, try reader.parts.count > 1 ? importParts(source, reader) : importWhole(source, reader))
  }

  /// A large file: its parts prepared on all cores, each into its own region of the array of records (a
  /// part has room for as many records as the first pass counted rows in it), then joined in file order.
  static func importParts(_ source: SourceSpec, _ reader: TableReader) throws(CMEAuditError)
    -> ImportResult
  {
    let rows = reader.parts.reduce(0) { $0 + $1.rows }
    var outcome: Result<RowRecordBuilder<JoinedRecords>, CMEAuditError>?
    let records = [ActivityRecord](unsafeUninitializedCapacity: max(1, rows)) { buffer, initialized in
      initialized = 0
      do throws(CMEAuditError) {
        outcome = .success(try fill(buffer, &initialized, source, reader))
      } catch {
        outcome = .failure(error)
      }
    }
    return try outcome!.get().finish(records)
  }

  /// Prepares the parts of `reader` on all cores into their regions of `buffer` and joins them in file order;
  /// `initialized` is set to the records kept. On an error no record is left in `buffer`.
  private static func fill(
    _ buffer: UnsafeMutableBufferPointer<ActivityRecord>, _ initialized: inout Int, _ source: SourceSpec,
    _ reader: TableReader
  ) throws(CMEAuditError) -> RowRecordBuilder<JoinedRecords> {
    let starts = reader.parts.reduce(into: [0]) { $0.append($0.last! + $1.rows) }
    guard let base = buffer.baseAddress, starts.last! <= buffer.count else {
      preconditionFailure("no room for the rows the first pass counted")
    }
    let joining = RowRecordBuilder(
      source: source, header: reader.table.header, fileOrder: reader.order, records: JoinedRecords(base))
    let regions = reader.parts.indices.map {
      RecordBuffer(region: base + starts[$0], capacity: reader.parts[$0].rows)
    }
    let (header, order) = (reader.table.header, reader.order)
    // Parts are prepared on all cores and joined in order as they come, beside the parts still being
    // prepared (joining after all were prepared left a core idle for a sixth of the import).
    var state: (joining: RowRecordBuilder<JoinedRecords>, failure: CMEAuditError?) = (joining, nil)
    Parallel.inOrder(Array(reader.parts.indices), state: &state) {
      index -> Result<[PreparedRow], CMEAuditError> in
      // A preparer of its own (not a copy): its records hold its own copy of the path.
      var preparer = RowPreparer(source: source, header: header, fileOrder: order)
      let part = reader.parts[index]
      return preparer.prepare(part.rows, into: regions[index]) { body throws(CMEAuditError) in
        try reader.forEachRow(in: part, body)
      }
    } consume: { state, index, prepared in
      guard state.failure == nil else { return }
      switch prepared {
      case .failure(let error):
        state.failure = error
      case .success(let rows):
        // The look-up tables' memory is faulted in here, beside the other parts, not after them.
        if index == 0 { state.joining.reserveCapacity(starts.last!) }
        state.joining.accept(rows, records: regions[index])
      }
    }
    if let error = state.failure {
      state.joining.discardRecords()  // the records joined before the failure
      regions.forEach { $0.discard() }  // and those prepared and not joined
      throw error
    }
    initialized = state.joining.records.count
    return state.joining
  }
}

/// The data rows of a table file: a CSV read in two streamed passes (holding neither the file nor its rows),
/// or an .xlsx sheet (by the extension, as `TabularText.load` tells them apart). The first pass finds the
/// header (as `TabularText.locate` does), the day/month order the file's own dates settle, and a quote left
/// open (reported in the table's issues, its row left out); `forEachRow` then passes each non-blank data row.
struct TableReader: Sendable {
  /// The header and the issues found reading it; its `rows` are empty for a CSV (they are streamed).
  let table: TabularText
  /// What the file's own dates say, if anything.
  let order: DateOrder?
  let encoding: TextEncodingName?
  /// The stretches of a large CSV that can be read at once on different cores (`forEachRow(in:)`), in order;
  /// one part (the whole file) otherwise.
  let parts: [DelimitedFile.Part]
  private let file: DelimitedFile?
  /// The line of a row whose quote was never closed (left out).
  let unterminated: Int?
  /// The rows of the first part down to the header's (never records).
  let leading: Int

  /// `partSize`: the least length of a part (nil: 2 MiB on a machine with more than one core, else none); a
  /// file is read in parts only if it is read in chunks (not small, not UTF-16). `closed` is given each part
  /// but the last as soon as the first pass has read past it, with what the file's dates said so far (the
  /// parts can be prepared while the pass goes on).
  init(
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
    // the core given the last part is not left working alone for long: with 4 a core, that was a tenth of
    // the import).
    let least = partSize ?? (Parallel.width > 1 ? 2 << 20 : Int.max)
    var step = Int.max
    if file.isDivisible, least < Int.max {
      step = max(least, file.size / (16 * Parallel.width))
    }
    var parts = [DelimitedFile.Part(start: 0, end: nil, line: 1)]
    var nextPart = step
    // First pass: once the header is found only the date columns are decoded.
    let skip = source.profile?.skipRows ?? 0
    var head: [CSVRow] = []
    var found: TabularText?
    var evidence = DateOrder.Evidence()
    let mask = ColumnMask()
    var filled = 0  // non-blank rows in `head` after the profile's skipped rows
    var dateColumns: [Int] = []
    var headerLine = Int.max
    var leading = 0  // rows down to the header's
    let (unterminated, encoding) = try file.forEachRow(mask: mask) { row in
      if found == nil {
        // The header is among the first ten non-blank rows: past them (no header found), nothing is kept.
        guard filled < 10 else { return }
        head.append(row)
        if row.line > skip, !row.isBlank { filled += 1 }
        if filled == 10 {
          found = try? TabularText.locate(in: head, source: source, required: required)
          if let found {
            dateColumns = [found.header[.date], found.header[.endDate]].compactMap { $0 }
            headerLine = found.headerLine
            mask.wanted = (0..<((dateColumns.max() ?? 0) + 1)).map(dateColumns.contains)
            for cell in head.filter({ $0.line > headerLine }).flatMap(found.dateCells) { evidence.add(cell) }
            leading = head.count { $0.line <= headerLine }
          }
        }
        parts[parts.count - 1].rows += 1  // every row: a part's room for records
      } else {
        for column in dateColumns where column < row.fields.count { evidence.add(row.fields[column]) }
        if let offset = row.offset, offset >= nextPart, row.line > headerLine {
          parts[parts.count - 1].end = offset
          if let closed, let found {
            closed(
              ClosedPart(
                part: parts[parts.count - 1], index: parts.count - 1, header: found.header,
                headerLine: headerLine, leading: parts.count == 1 ? leading : 0, unterminated: nil,
                order: evidence.order))
          }
          parts.append(DelimitedFile.Part(start: offset, end: nil, line: row.line))
          nextPart = offset + step
        }
        parts[parts.count - 1].rows += 1
      }
    }
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
  struct ClosedPart: Sendable {
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
    return file.size / head * file.headLines + file.size % head * file.headLines / head
  }

  /// The same for the file `source` names (nil for a workbook, or a file that cannot be read).
  static func estimatedRows(_ source: SourceSpec, partSize: Int?) -> Int? {
    guard !isWorkbook(source), let file = try? DelimitedFile(source) else { return nil }
    return estimatedRows(file, partSize: partSize)
  }

  /// An .xlsx file, by its extension, read as a workbook (anything else is delimited text).
  static func isWorkbook(_ source: SourceSpec) -> Bool { source.fileExtension == "xlsx" }

  /// Each non-blank data row, in order (a CSV's second pass).
  func forEachRow(_ body: (CSVRow) -> Void) throws(CMEAuditError) {
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

/// A table (delimited text, or a spreadsheet's sheet) split into its header and data rows.
struct TabularText: Sendable {
  var header: HeaderMap
  var headerLine: Int
  var rows: [CSVRow]
  var issues: [ImportIssue]
  /// The header row's cells as written (empty when a profile numbers the columns).
  var headerCells: [String] = []

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
    return try locate(in: rows, issues: issues, source: source, required: required)
  }

  /// The table in `rows`, as the source's profile maps it, or else as the header's synonyms say.
  static func locate(
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
    return TabularText(
      header: HeaderMap.of(headerRow.fields), headerLine: headerRow.line,
      rows: rows.filter { $0.line > headerRow.line && !$0.isBlank }, issues: issues,
      headerCells: headerRow.fields)
  }

  /// The table of a CSV or .xlsx file (by its extension) whose header satisfies `required`; a file without
  /// one is an error naming it.
  static func load(_ source: SourceSpec, required: (HeaderMap) -> Bool) throws(CMEAuditError) -> TabularText {
    if source.fileExtension == "xlsx" {
      return try XLSXActivityImporter.table(source, required: required).1
    }
    let (text, _) = try FileReading.text(of: source)
    return try read(text, source: source, required: required)
  }

  /// The trimmed text of `row` in the column `field` maps to; nil when empty or absent.
  func cell(_ field: Field, in row: CSVRow) -> String? {
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
  static let inspectHint = " (`cmeaudit inspect` on the file suggests a profile that maps its own columns)"

  /// The message for a table with no recognisable header, naming what the first row held.
  static func noHeader(_ rows: [CSVRow]) -> String {
    let seen =
      rows.first { !$0.isBlank }?.fields.filter { !$0.isEmpty }.prefix(8).joined(separator: ", ") ?? ""
    return "no recognisable header row (found: \(seen.isEmpty ? "nothing" : seen)); expected columns such as "
      + "Date, Activity Title, Provider, Credit Type, Credits" + inspectHint
  }
}
