/// A map from 64-bit digests (already well mixed: a SHA-256 prefix, an activity's hash) to non-negative integers,
/// by open addressing: no hashing of the key, no per-entry allocation, key and value side by side (one
/// cache miss a look-up). An import looks up two digests a row in tables of hundreds of thousands of
/// entries, where `Dictionary` would hash every key again.
public struct DigestTable: Sendable {
  @usableFromInline struct Slot: Sendable {
    @usableFromInline var key: UInt64 = 0
    /// -1 marks an empty slot.
    @usableFromInline var value = -1
  }

  @usableFromInline var slots: [Slot]
  public private(set) var count = 0
  @usableFromInline var mask: Int

  public init(capacity: Int = 0) {
    let size = Self.size(for: capacity)
    slots = Array(repeating: Slot(), count: size)
    mask = size - 1
  }

  /// The number of slots (a power of two) for `count` entries: at most half full.
  private static func size(for count: Int) -> Int {
    var size = 16
    while size < count * 2 { size <<= 1 }
    return size
  }

  /// The slot holding `key`, or the empty slot where it would go.
  @inlinable func slot(_ key: UInt64) -> Int {
    var index = home(key)
    while slots[index].value >= 0, slots[index].key != key { index = (index + 1) & mask }
    return index
  }

  /// The first slot `key` is looked for in.
  @inlinable func home(_ key: UInt64) -> Int {
    // Fibonacci hashing spreads digests whose low bits agree.
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  /// Reads the first slot `key` is looked for in, and returns what it holds (for the caller to keep, so the
  /// read is not optimised away). Touching the slots of the next rows' keys before looking any of them up
  /// lets their cache misses overlap instead of coming one after another.
  @inlinable public func touch(_ key: UInt64) -> UInt64 { slots[home(key)].key }

  @inlinable public subscript(key: UInt64) -> Int? {
    let slot = slots[slot(key)]
    return slot.value >= 0 ? slot.value : nil
  }

  /// Sets `key` to `value` (non-negative).
  public mutating func set(_ key: UInt64, _ value: Int) {
    precondition(value >= 0)
    let index = slot(key)
    let added = slots[index].value < 0
    slots[index] = Slot(key: key, value: value)
    if added {
      count += 1
      if count * 2 > slots.count { grow() }
    }
  }

  /// Room for `more` entries without growing, made in one step (doubling up to it would touch twice the
  /// memory, and on a VM every fresh page is slow).
  public mutating func reserveCapacity(_ more: Int) {
    if (count + more) * 2 > slots.count { resize(to: Self.size(for: count + more)) }
  }

  private mutating func grow() { resize(to: slots.count * 2) }

  private mutating func resize(to size: Int) {
    let old = slots
    slots = Array(repeating: Slot(), count: size)
    mask = size - 1
    for slot in old where slot.value >= 0 { slots[self.slot(slot.key)] = slot }
  }
}
