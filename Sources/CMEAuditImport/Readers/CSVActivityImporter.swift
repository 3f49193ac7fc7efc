import CMEAuditModel
import CMEAuditSupport
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
  /// first by one of them, instead of page by page as the parts fill it (on a VM, a fresh page is slow).
  /// When the first pass finds
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
    // prepared (joining after all were prepared would leave a core idle meanwhile).
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
