import CMEAuditModel

/// Records prepared on one core and taken, in order, on another, by moving: no reference counting as they
/// change hands. A record's strings were made on the core that prepared it; copying it out of an array
/// (and releasing the array) retained and released each on the other core, and that cross-core traffic was
/// most of joining a large file's parts.
///
/// A buffer owns its memory (a builder's one record between `prepare` and `accept`), or is a fixed region of
/// memory another owns (a large file's part within the buffer its records are joined in: `JoinedRecords`).
final class RecordBuffer: @unchecked Sendable {
  private let base: UnsafeMutablePointer<ActivityRecord>
  private let capacity: Int
  private let owned: Bool
  private(set) var count = 0
  /// Records before this index have been taken (moved out).
  private var taken = 0
  /// More records were offered than there is room for (they were not kept).
  private(set) var overflowed = false

  init(capacity: Int) {
    self.capacity = max(1, capacity)
    base = .allocate(capacity: self.capacity)
    owned = true
  }

  /// A region of `capacity` records at `base`, which another owns.
  init(region base: UnsafeMutablePointer<ActivityRecord>, capacity: Int) {
    self.base = base
    self.capacity = capacity
    owned = false
  }

  /// Appends the record `make` makes, in place (one thread at a time, before any `take`); a full buffer notes
  /// `overflowed` instead. (A record built by the caller would be copied in, then the original destroyed.)
  func append(_ make: () -> ActivityRecord) {
    guard count < capacity else {
      overflowed = true
      return
    }
    (base + count).initialize(to: make())
    count += 1
  }

  /// Moves out the next record not yet taken. Once all are taken the buffer is empty again (a buffer of
  /// one passes record after record).
  func take() -> ActivityRecord {
    precondition(taken < count, "no record left to take")
    defer {
      taken += 1
      if taken == count { (taken, count) = (0, 0) }
    }
    return (base + taken).move()
  }

  /// Where the next record not yet taken is.
  var nextAddress: UnsafeMutablePointer<ActivityRecord> {
    precondition(taken < count, "no record left to take")
    return base + taken
  }

  /// Gives up the next record not yet taken where it is: whoever asked for `nextAddress` owns it now.
  func giveUp() {
    precondition(taken < count, "no record left to give up")
    taken += 1
    if taken == count { (taken, count) = (0, 0) }
  }

  /// `body` of the next record not yet taken, read in place.
  func next<Value>(_ body: (borrowing ActivityRecord) -> Value) -> Value {
    precondition(taken < count, "no record left to read")
    return body((base + taken).pointee)
  }

  /// Destroys the records not taken (a region's, when the join is abandoned).
  func discard() {
    (base + taken).deinitialize(count: count - taken)
    (taken, count) = (0, 0)
  }

  deinit {
    discard()
    if owned { base.deallocate() }
  }
}

/// The records of a large file joined in one buffer, the storage of the array the import returns: each
/// part is prepared into its own region of it (`RecordBuffer(region:)`, on any core), then the parts are
/// joined in order, each record kept moved down to the next place. A kept record never lands on one not yet
/// taken (each taken record gives at most one), and the memory is touched once, not copied into a second
/// array.
struct JoinedRecords: RecordStore {
  private let base: UnsafeMutablePointer<ActivityRecord>
  private(set) var count = 0

  init(_ base: UnsafeMutablePointer<ActivityRecord>) { self.base = base }

  func read<Value>(_ index: Int, _ body: (borrowing ActivityRecord) -> Value) -> Value {
    precondition(index < count)
    return body((base + index).pointee)
  }

  mutating func appendCredits(_ credits: [CreditLine], at index: Int) {
    precondition(index < count)
    (base + index).pointee.credits += credits
  }

  mutating func append(_ record: consuming ActivityRecord) {
    (base + count).initialize(to: record)
    count += 1
  }

  /// A record already in its place (no row before it in the file was left out) stays there, not moved onto
  /// itself: the records of a large file are a few hundred bytes each and no longer in the cache.
  mutating func append(taking buffer: RecordBuffer) {
    if buffer.nextAddress == base + count {
      buffer.giveUp()
      count += 1
    } else {
      append(buffer.take())
    }
  }

  func reserveCapacity(_ capacity: Int) {}

  /// Destroys the records joined (when the join is abandoned).
  mutating func discard() {
    base.deinitialize(count: count)
    count = 0
  }
}
