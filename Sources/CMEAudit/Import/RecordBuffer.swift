/// Records prepared on one core and taken, in order, on another, by moving: no reference counting as they
/// change hands. A record's strings were made on the core that prepared it; copying it out of an array
/// (and releasing the array) retained and released each on the other core, and that cross-core traffic was
/// most of joining a large file's parts.
final class RecordBuffer: @unchecked Sendable {
  private var base: UnsafeMutablePointer<ActivityRecord>
  private var capacity: Int
  private(set) var count = 0
  /// Records before this index have been taken (moved out).
  private var taken = 0

  init(capacity: Int = 1024) {
    self.capacity = max(1, capacity)
    base = .allocate(capacity: self.capacity)
  }

  /// Appends (one thread at a time, before any `take`).
  func append(_ record: consuming ActivityRecord) {
    if count == capacity {
      let grown = UnsafeMutablePointer<ActivityRecord>.allocate(capacity: capacity * 2)
      grown.moveInitialize(from: base, count: count)
      base.deallocate()
      base = grown
      capacity *= 2
    }
    (base + count).initialize(to: record)
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

  /// `body` of the next record not yet taken, read in place.
  func next<Value>(_ body: (borrowing ActivityRecord) -> Value) -> Value {
    precondition(taken < count, "no record left to read")
    return body((base + taken).pointee)
  }

  deinit {
    (base + taken).deinitialize(count: count - taken)
    base.deallocate()
  }
}
