/// A map from 64-bit digests (already well mixed: a SHA-256 prefix, an FNV digest) to non-negative integers,
/// by open addressing: no hashing of the key, no per-entry allocation. An import looks up two digests a row
/// in tables of hundreds of thousands of entries; `Dictionary`'s hashing and probing was half of that step.
struct DigestTable: Sendable {
  private var keys: [UInt64]
  /// -1 marks an empty slot.
  private var values: [Int]
  private(set) var count = 0
  private var mask: Int

  init(capacity: Int = 0) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = Array(repeating: 0, count: size)
    values = Array(repeating: -1, count: size)
    mask = size - 1
  }

  /// The slot holding `key`, or the empty slot where it would go.
  private func slot(_ key: UInt64) -> Int {
    // Fibonacci hashing spreads digests whose low bits agree.
    var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    while values[index] >= 0, keys[index] != key { index = (index + 1) & mask }
    return index
  }

  subscript(key: UInt64) -> Int? {
    let index = slot(key)
    return values[index] >= 0 ? values[index] : nil
  }

  /// Sets `key` to `value` (non-negative).
  mutating func set(_ key: UInt64, _ value: Int) {
    precondition(value >= 0)
    let index = slot(key)
    if values[index] < 0 {
      keys[index] = key
      count += 1
      if count * 2 > values.count {
        values[index] = value
        grow()
        return
      }
    }
    values[index] = value
  }

  /// Room for `more` entries without growing.
  mutating func reserveCapacity(_ more: Int) {
    while (count + more) * 2 > values.count { grow() }
  }

  private mutating func grow() {
    let (oldKeys, oldValues) = (keys, values)
    keys = Array(repeating: 0, count: oldValues.count * 2)
    values = Array(repeating: -1, count: oldValues.count * 2)
    mask = values.count - 1
    for index in oldValues.indices where oldValues[index] >= 0 {
      let slot = slot(oldKeys[index])
      keys[slot] = oldKeys[index]
      values[slot] = oldValues[index]
    }
  }
}
