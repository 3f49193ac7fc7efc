import CMEAuditModel
import Dispatch
import Synchronization

/// The parts of a large CSV prepared while its first pass is still reading it. The pass (on the calling
/// core) hands over each part it has read past; the other cores prepare the parts into their regions of the
/// records' buffer meanwhile, with the day/month order the file's dates have given so far. Once the pass has
/// ended, the parts are joined in file order, as `Parallel.inOrder` joins them: by whichever core made the
/// result the join was waiting for. A part prepared with another order than the whole file's is prepared
/// again before it is joined (rare: a file's first unambiguous date settles its order).

final class PartPipeline: @unchecked Sendable {
  private struct Handed: Sendable {
    var closed: TableReader.ClosedPart
    var region: RecordBuffer
  }

  private struct Prepared: Sendable {
    var rows: [PreparedRow]
    /// The order the part's dates were read in (`RowPreparer.dateOrder`).
    var order: DateOrder?
  }

  private enum Step {
    case prepare(Handed)
    case wait
    case stop
  }

  private struct State: Sendable {
    var handed: [Handed] = []
    var nextToPrepare = 0
    /// The records' room given to the parts handed over.
    var rows = 0
    var ready: [Int: Prepared] = [:]
    var nextToJoin = 0
    /// A core is joining: the others leave their parts in `ready`.
    var joining = false
    var ended = false
    /// Nothing more is prepared or joined: the pass found more rows than there is room for, or one part
    /// only, or something failed (`failure`).
    var abandoned = false
    var failure: CMEAuditError?

    /// Nothing more is done; the first failure is the one thrown.
    mutating func abandon(failing error: CMEAuditError) {
      abandoned = true
      failure = failure ?? error
    }
  }

  private let state = Mutex(State())
  private let wakeUp = DispatchSemaphore(value: 0)
  private let source: SourceSpec
  private let file: DelimitedFile
  private let base: UnsafeMutablePointer<ActivityRecord>
  private let capacity: Int
  /// The cores that `work` beside the pass (they are woken when it ends).
  let helpers: Int
  /// Set by `end`; used by the core joining only (the lock on `state.joining` passes it on).
  private var joiner: RowRecordBuilder<JoinedRecords>?
  /// The reader of the pass, once it has ended without failing.
  private(set) var reader: TableReader?

  init(
    source: SourceSpec, file: DelimitedFile, buffer: UnsafeMutableBufferPointer<ActivityRecord>, helpers: Int
  ) {
    guard let base = buffer.baseAddress else { preconditionFailure("no memory for the records") }
    self.source = source
    self.file = file
    self.base = base
    capacity = buffer.count
    self.helpers = helpers
  }

  /// The pass has read past `closed` (given in order).
  func hand(_ closed: TableReader.ClosedPart) {
    let handed = state.withLock { state in Self.hand(closed, to: &state, base: base, capacity: capacity) }
    if handed { wakeUp.signal() }
  }

  private static func hand(
    _ closed: TableReader.ClosedPart, to state: inout State, base: UnsafeMutablePointer<ActivityRecord>,
    capacity: Int
  ) -> Bool {
    guard !state.abandoned else { return false }
    precondition(closed.index == state.handed.count, "parts handed over out of order")
    // The header's rows get no room, so that each part's records, when no row above was left out, are
    // prepared where the join keeps them (`JoinedRecords.append(taking:)`).
    let room = closed.part.rows - closed.leading
    guard state.rows + room <= capacity else {
      state.abandoned = true  // more rows than foreseen: read again with the room the pass counted
      return false
    }
    let region = RecordBuffer(region: base + state.rows, capacity: room)
    state.handed.append(Handed(closed: closed, region: region))
    state.rows += room
    return true
  }

  /// The pass has ended: the parts not yet handed over are (the last with the line of a quote never closed),
  /// and the parts can be joined.
  func end(_ pass: Result<TableReader, CMEAuditError>) {
    state.withLock { state in
      switch pass {
      case .failure(let error):
        state.abandon(failing: error)
      case .success(let reader):
        self.reader = reader
        guard reader.parts.count > 1 else {
          state.abandoned = true  // one part: read whole
          break
        }
        for index in state.handed.count..<reader.parts.count {
          let closed = TableReader.ClosedPart(
            part: reader.parts[index], index: index, header: reader.table.header,
            headerLine: reader.table.headerLine, leading: index == 0 ? reader.leading : 0,
            unterminated: reader.unterminated, order: reader.order)
          guard Self.hand(closed, to: &state, base: base, capacity: capacity) else { break }
        }
        joiner = RowRecordBuilder(
          source: source, header: reader.table.header, fileOrder: reader.order, records: JoinedRecords(base))
      }
      state.ended = true
    }
    for _ in 0..<helpers { wakeUp.signal() }
  }

  /// Prepares the parts handed over, and joins those ready once the pass has ended; returns when there is
  /// nothing left to do (on the pass's core, after `end`).
  func work() {
    while true {
      let step = state.withLock { state -> Step in
        if state.abandoned { return .stop }
        if state.nextToPrepare < state.handed.count {
          state.nextToPrepare += 1
          return .prepare(state.handed[state.nextToPrepare - 1])
        }
        return state.ended ? .stop : .wait
      }
      switch step {
      case .stop:
        join()
        return
      case .wait:
        wakeUp.wait()
      case .prepare(let handed):
        let prepared = prepare(handed, order: handed.closed.order)
        state.withLock { state in
          switch prepared {
          case .success(let prepared): state.ready[handed.closed.index] = prepared
          case .failure(let error): state.abandon(failing: error)
          }
        }
        join()
      }
    }
  }

  /// The pass's reader and the builder the parts were joined in, after `work` has returned on every core;
  /// nil when the file is to be read again as usual (the records prepared are then destroyed, as they are
  /// when something failed, which is thrown). `initialized` is set to the records joined.
  func finish(_ initialized: inout Int) throws(CMEAuditError) -> (
    TableReader, RowRecordBuilder<JoinedRecords>
  )? {
    let (abandoned, failure, handed, joined) = state.withLock {
      ($0.abandoned, $0.failure, $0.handed, $0.nextToJoin)
    }
    guard abandoned else {
      precondition(joined == handed.count, "a part was not joined")
      guard let reader, let joiner else { preconditionFailure("the pass ended without a reader") }
      initialized = joiner.records.count
      return (reader, joiner)
    }
    joiner?.discardRecords()
    for part in handed[joined...] { part.region.discard() }
    if let failure { throw failure }
    return nil
  }

  private func prepare(_ handed: Handed, order: DateOrder?) -> Result<Prepared, CMEAuditError> {
    var preparer = RowPreparer(source: source, header: handed.closed.header, fileOrder: order)
    let (closed, file) = (handed.closed, file)
    return preparer.prepare(closed.part.rows, into: handed.region) { body throws(CMEAuditError) in
      try TableReader.forEachRow(
        of: file, in: closed.part, headerLine: closed.headerLine, unterminated: closed.unterminated, body)
    }.map { Prepared(rows: $0, order: preparer.dateOrder) }
  }

  /// Joins the parts ready in order, unless another core is joining (which then joins them).
  private func join() {
    var joins = state.withLock { state in
      guard state.ended, !state.abandoned, !state.joining, state.ready[state.nextToJoin] != nil else {
        return false
      }
      state.joining = true
      return true
    }
    while joins {
      let next = state.withLock { state -> (Handed, Prepared, total: Int)? in
        guard !state.abandoned, let prepared = state.ready.removeValue(forKey: state.nextToJoin) else {
          state.joining = false
          return nil
        }
        state.nextToJoin += 1
        return (state.handed[state.nextToJoin - 1], prepared, state.rows)
      }
      if let (handed, prepared, total) = next {
        accept(handed, prepared, total: total)
      } else {
        joins = false
      }
    }
  }

  /// Joins one part (prepared again first if its dates were read in another order than the file's).
  private func accept(_ handed: Handed, _ prepared: Prepared, total: Int) {
    // Moved out and back, not copied: a copy would share, then copy, the look-up tables.
    guard var joiner = self.joiner else { preconditionFailure("joining before the pass ended") }
    self.joiner = nil
    defer { self.joiner = joiner }
    var rows = prepared.rows
    if prepared.order != joiner.dateOrder {
      handed.region.discard()
      switch prepare(handed, order: joiner.dateOrder) {
      case .success(let again): rows = again.rows
      case .failure(let error):
        handed.region.discard()
        state.withLock { $0.abandon(failing: error) }
        return
      }
    }
    // The look-up tables' memory is faulted in here, beside the other parts, not after them.
    if handed.closed.index == 0 { joiner.reserveCapacity(total) }
    joiner.accept(rows, records: handed.region)
  }
}
