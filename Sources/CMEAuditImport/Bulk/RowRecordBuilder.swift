import CMEAuditModel
import CMEAuditSupport
import Foundation

/// Turns rows (from CSV, spreadsheets, XML and notes) into records: validates each row, merges continuation
/// rows and rows that repeat an activity for another credit type, and reports rows it cannot read.
///
/// Two steps: `RowPreparer.prepare` works out what a row says on its own (any row, on any core), and `accept`
/// joins the prepared rows in file order (continuation rows, an activity split by credit type, the ids of
/// identical rows) into `records` (an array, or the buffer a large file's parts are joined in). `add` does
/// both.
struct RowRecordBuilder<Store: RecordStore> {
  private(set) var preparer: RowPreparer
  var source: SourceSpec { preparer.source }
  private(set) var records: Store
  private(set) var issues: [ImportIssue] = []
  /// Index in `records` of the record the previous row produced, for continuation rows.
  private var lastRecordIndex: Int?
  /// The record each (title, date, provider, learner) first produced, for rows split by credit type.
  /// Keyed by a 64-bit digest of the activity (not the strings, which a dictionary would hash for every
  /// row); a hit is checked against the record itself.
  private var recordByActivity = DigestTable()
  private var identities = RecordIdentity.Counter()
  /// What `touch` read, kept so the reads are made.
  private var touched: UInt64 = 0
  /// Rows for activities not completed.
  private(set) var skipped = 0
  /// "Total" rows.
  private(set) var totalRows = 0
  /// Where the records since the last total row (or the start) begin, and how many of them have been summed
  /// and to what: a row with nothing but an amount, no type, that equals their credit is the sum under the
  /// column (an =SUM with no label), not more credit for the last activity. Summed only when such a row
  /// comes (not every row's credit as it comes: such rows are rare), each record once.
  private var totalFrom = 0
  private var summed = (upTo: 0, sum: Decimal(0))
  /// The record `add` has prepared and not yet accepted.
  private let pending = RecordBuffer(capacity: 1)

  /// Day/month order for numeric dates: what the file's own unambiguous dates say, else the user's
  /// choice, else none (ambiguous dates are then reported, not guessed).
  var dateOrder: DateOrder? { preparer.dateOrder }

  /// `fileOrder` is what the file's own dates say.
  init(source: SourceSpec, header: HeaderMap, fileOrder: DateOrder?, records: Store) {
    preparer = RowPreparer(source: source, header: header, fileOrder: fileOrder)
    self.records = records
  }

  mutating func reject(_ issue: ImportIssue) {
    issues.append(issue)
    lastRecordIndex = nil
  }

  mutating func add(_ row: CSVRow) {
    let prepared = preparer.prepare(row, into: pending)
    accept(prepared, records: pending)
  }

  /// Room for `rows` more rows.
  mutating func reserveCapacity(_ rows: Int) {
    records.reserveCapacity(records.count + rows)
    recordByActivity.reserveCapacity(rows)
    identities.reserveCapacity(rows)
  }

  /// Takes a part's rows, prepared into `records`, in file order: sixteen at a time, the look-up tables'
  /// slots for them read first (`touch`).
  mutating func accept(_ rows: [PreparedRow], records: RecordBuffer) {
    for start in stride(from: 0, to: rows.count, by: 16) {
      let batch = rows[start..<min(start + 16, rows.count)]
      touch(batch)
      for row in batch { accept(row, records: records) }
    }
  }

  /// Reads the look-up tables' slots for the record rows in `rows`, all at once, before they are accepted:
  /// the tables of a large file are tens of megabytes, and a look-up missing the cache for each row, one
  /// after another, was most of the join's time.
  private mutating func touch(_ rows: ArraySlice<PreparedRow>) {
    var held: UInt64 = 0
    for row in rows {
      if case .record(let activity, let identity, _) = row {
        held ^= recordByActivity.touch(activity) ^ identities.touch(identity)
      }
    }
    touched ^= held
  }

  /// Takes the next row, prepared (by this builder's preparer or a copy of it), in file order; a record
  /// row's record is the next one in `prepared`.
  mutating func accept(_ row: PreparedRow, records prepared: RecordBuffer? = nil) {
    switch row {
    case .skipped:
      skipped += 1
      lastRecordIndex = nil
    case .total:
      countTotal()
    case .rejected(let issue):
      reject(issue)
    case .continuation(let line, let credits):
      let amount = ActivityRecord.total(of: credits)
      if credits.allSatisfy({ $0.type == nil }), amount > 0, amount == sumSinceTotal() {
        countTotal()
        return
      }
      guard let index = lastRecordIndex else {
        reject(
          ImportIssue(
            location: Provenance(path: source.displayPath, line: line),
            reason: "continuation row (no date or title) with no activity above it"))
        return
      }
      records.appendCredits(credits, at: index)
      if index >= totalFrom, index < summed.upTo { summed.sum += amount }
    case .record(let key, let digest, let problem):
      guard let prepared else { preconditionFailure("a record row without its record") }
      // One row per credit type: an activity already read (same title, date, provider and learner) with
      // other credit types gets these credit lines too.
      if let index = recordByActivity[key],
        prepared.next({ record in records.read(index) { Self.joins(record, $0) } })
      {
        let credits = prepared.take().credits
        if index >= totalFrom, index < summed.upTo { summed.sum += ActivityRecord.total(of: credits) }
        records.appendCredits(credits, at: index)
        lastRecordIndex = index
        return
      }
      // The record is moved, not copied, from where it was prepared (the second of identical rows and on
      // get a counter on their ids).
      let count = identities.count(digest)
      if let problem {
        reject(ImportIssue(location: prepared.take().source, reason: problem))
        return
      }
      if count == 1 {
        records.append(taking: prepared)
      } else {
        var record = prepared.take()
        record.id += "-\(count)"
        records.append(record)
      }
      lastRecordIndex = records.count - 1
      if recordByActivity[key] == nil { recordByActivity.set(key, records.count - 1) }
    }
  }

  /// A total row: the activity above is closed, and the sum starts again below it.
  private mutating func countTotal() {
    totalRows += 1
    lastRecordIndex = nil
    totalFrom = records.count
    summed = (records.count, 0)
  }

  /// The credit of the records since the last total row (those summed before, and the rest now).
  private mutating func sumSinceTotal() -> Decimal {
    if summed.upTo < totalFrom { summed = (totalFrom, 0) }
    while summed.upTo < records.count {
      summed.sum += records.read(summed.upTo) { ActivityRecord.total(of: $0.credits) }
      summed.upTo += 1
    }
    return summed.sum
  }

  /// Whether `record` is more credit types for `earlier`: the same activity, none of its types.
  private static func joins(_ record: borrowing ActivityRecord, _ earlier: borrowing ActivityRecord) -> Bool {
    !record.credits.isEmpty && earlier.title == record.title && earlier.date == record.date
      && earlier.provider == record.provider && earlier.learner?.name == record.learner?.name
      && earlier.learner?.npi == record.learner?.npi
      && record.credits.allSatisfy { line in !earlier.credits.contains { $0.type == line.type } }
  }

  /// The result, with `records` as its records.
  func finish(_ records: [ActivityRecord]) -> ImportResult {
    var summary = SourceSummary(
      path: source.displayPath, kind: source.kind, format: "csv", records: records.count,
      rejected: issues.count, skipped: skipped, dateOrder: dateOrder)
    summary.totalRows = totalRows
    return ImportResult(records: records, issues: issues, summary: summary)
  }
}

extension RowRecordBuilder where Store == JoinedRecords {
  /// Destroys the records joined (when the join is abandoned).
  mutating func discardRecords() { records.discard() }
}

extension RowRecordBuilder where Store == [ActivityRecord] {
  /// `rows` are all the data rows the builder will be given, read once here for the date order.
  init(source: SourceSpec, header: HeaderMap, rows: [CSVRow]) {
    let dateColumns = [header[.date], header[.endDate]].compactMap { $0 }
    let dates = rows.flatMap { row in dateColumns.compactMap { $0 < row.fields.count ? row.fields[$0] : nil }
    }
    self.init(source: source, header: header, fileOrder: DateOrder.evidence(in: dates))
  }

  /// `fileOrder` is what the file's own dates say.
  init(source: SourceSpec, header: HeaderMap, fileOrder: DateOrder?) {
    self.init(source: source, header: header, fileOrder: fileOrder, records: [])
  }

  func finish() -> ImportResult { finish(records) }
}

/// Where a builder keeps its records: an array, or a buffer being filled in place.
protocol RecordStore {
  var count: Int { get }
  /// `body` of the record at `index`, read in place.
  func read<Value>(_ index: Int, _ body: (borrowing ActivityRecord) -> Value) -> Value
  mutating func appendCredits(_ credits: [CreditLine], at index: Int)
  mutating func append(_ record: consuming ActivityRecord)
  /// Appends the next record `buffer` has not given up yet.
  mutating func append(taking buffer: RecordBuffer)
  mutating func reserveCapacity(_ capacity: Int)
}

extension RecordStore {
  mutating func append(taking buffer: RecordBuffer) { append(buffer.take()) }
}

extension Array: RecordStore where Element == ActivityRecord {
  func read<Value>(_ index: Int, _ body: (borrowing ActivityRecord) -> Value) -> Value { body(self[index]) }
  mutating func appendCredits(_ credits: [CreditLine], at index: Int) { self[index].credits += credits }
}
