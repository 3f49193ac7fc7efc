import Foundation

/// Encodes a value as Foundation's `JSONEncoder` does with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`, byte for byte, straight into one buffer.
///
/// `JSONEncoder` builds a tree of the whole report, casts every value to find dates, URLs and decimals, and
/// sorts each object's keys through a dictionary: most of a large `reconcile`'s time (`cmeaudit
/// benchmark-json` measures both on one report; docs/performance.md has the figures). This writer
/// goes through the same `Encodable` conformances, so the report's shape has one definition; an object's
/// entries are written as they come and put in key order (UTF-8, as `JSONEncoder` sorts) when it ends.
///
/// What it does not write as `JSONEncoder` would (dates, data and URLs, which have encoding strategies;
/// nested and super encoders; a key given twice) makes it throw `PrettyJSON.Unsupported`, and the
/// renderers then use `JSONEncoder` itself: the bytes never depend on which one ran.
public enum PrettyJSON {
  /// A value this writer leaves to `JSONEncoder`.
  public struct Unsupported: Error, CustomStringConvertible {
    public var description: String
  }

  /// The JSON text of `value`, without a final newline.
  public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
    try written(value) { Array($0) }
  }

  /// The JSON text of `value` and a newline, from this writer or, where it leaves the value to it, from
  /// `JSONEncoder`; `nil` where neither can encode it (a number that is not finite).
  public static func text<T: Encodable>(_ value: T) -> String? {
    if let text = try? written(value, newline: true, { String(decoding: $0, as: UTF8.self) }) { return text }
    return foundation(value).map { $0 + "\n" }
  }

  /// `text`'s bytes, handed over from the writer's buffer (not copied), or `nil` as for `text`.
  public static func data<T: Encodable>(_ value: T) -> Data? {
    let output = Output()
    guard (try? output.value(value, depth: 0)) != nil, output.unsupported == nil else {
      return foundation(value).map { Data(($0 + "\n").utf8) }
    }
    output.bytes.append(0x0A)
    return output.bytes.data()
  }

  private static func written<T: Encodable, R>(
    _ value: T, newline: Bool = false, _ body: (UnsafeBufferPointer<UInt8>) -> R
  ) throws -> R {
    let output = Output()
    try output.value(value, depth: 0)
    if let unsupported = output.unsupported { throw Unsupported(description: unsupported) }
    if newline { output.bytes.append(0x0A) }
    return body(output.bytes.buffer)
  }

  /// `JSONEncoder` with the report's options: the reference this writer is checked against.
  public static func foundation<T: Encodable>(_ value: T) -> String? {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
  }
}

/// The buffer and the containers still open, innermost last. (Its stored properties are only ever used on
/// one thread, by one call at a time: their accesses are not checked at run time, a check made for every
/// byte otherwise.)
private final class Output {
  struct Frame {
    var isObject: Bool
    var depth: Int
    var count = 0
    /// Where this object's keys start in `keys` and `starts`.
    var base: Int
  }

  @exclusivity(unchecked) var bytes = ByteBuffer()
  @exclusivity(unchecked) var frames: [Frame] = []
  /// The keys of the objects still open, and where each entry's `"key" : value` starts in `bytes`.
  @exclusivity(unchecked) var keys: [String] = []
  @exclusivity(unchecked) var starts: [Int] = []
  /// The order the last few kinds of object (by their keys as written) take: `nil` when already sorted.
  @exclusivity(unchecked) var orders: [(keys: [String], order: [Int]?)] = []
  @exclusivity(unchecked) var scratch = ByteBuffer()
  var unsupported: String?

  deinit {
    bytes.free()
    scratch.free()
  }

  func fail(_ what: String) {
    if unsupported == nil { unsupported = what }
  }

  // MARK: Values

  /// Writes `value` at `depth` (the depth of the container it stands in, plus one).
  func value<T: Encodable>(_ value: T, depth: Int) throws {
    // The type is compared, not cast: a cast of a generic value is a runtime call each time.
    if T.self == String.self { return string(unsafeBitCast(value, to: String.self)) }
    if T.self == Int.self { return number(unsafeBitCast(value, to: Int.self)) }
    if T.self == Bool.self { return put(unsafeBitCast(value, to: Bool.self) ? "true" : "false") }
    if T.self == Decimal.self { return write(unsafeBitCast(value, to: Decimal.self).description) }
    if T.self == Double.self { return try floating(unsafeBitCast(value, to: Double.self)) }
    if T.self == Date.self || T.self == Data.self || T.self == URL.self {
      throw PrettyJSON.Unsupported(description: "\(T.self) has an encoding strategy")
    }
    let open = frames.count
    let start = bytes.count
    try value.encode(to: Writer(output: self, depth: depth))
    if frames.count > open {
      close()
    } else if bytes.count == start {
      // Nothing encoded: `JSONEncoder` writes an empty object.
      frames.append(Frame(isObject: true, depth: depth, base: keys.count))
      put("{")
      close()
    }
    if frames.count != open { fail("a container was left open") }
  }

  func string(_ string: String) {
    if string.utf8.withContiguousStorageIfAvailable({ self.string(utf8: $0) }) == nil {
      var copy = string
      copy.withUTF8 { self.string(utf8: $0) }
    }
  }

  /// Escapes as `JSONEncoder` does: quote, backslash and control characters; `/` and the rest as they are.
  func string(utf8: UnsafeBufferPointer<UInt8>) {
    bytes.append(0x22)
    var mark = 0
    for index in utf8.indices {
      let byte = utf8[index]
      guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
      bytes.append(UnsafeBufferPointer(rebasing: utf8[mark..<index]))
      mark = index + 1
      switch byte {
      case 0x22: put("\\\"")
      case 0x5C: put("\\\\")
      case 0x08: put("\\b")
      case 0x0C: put("\\f")
      case 0x0A: put("\\n")
      case 0x0D: put("\\r")
      case 0x09: put("\\t")
      default:
        let digits: StaticString = "0123456789abcdef"
        put("\\u00")
        bytes.append(digits.utf8Start[Int(byte >> 4)])
        bytes.append(digits.utf8Start[Int(byte & 0xF)])
      }
    }
    bytes.append(UnsafeBufferPointer(rebasing: utf8[mark...]))
    bytes.append(0x22)
  }

  func number<N: BinaryInteger>(_ number: N) {
    guard let value = Int(exactly: number) else { return write(number.description) }
    if value < 0 {
      guard value != .min else { return write(value.description) }
      bytes.append(0x2D)
    }
    var rest = value.magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var first = digits.count
      repeat {
        first -= 1
        digits[first] = 0x30 + UInt8(rest % 10)
        rest /= 10
      } while rest > 0
      bytes.append(UnsafeBufferPointer(rebasing: digits[first...]))
    }
  }

  /// `JSONEncoder`'s spelling: Swift's shortest description, without a trailing `.0`.
  func floating<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) throws {
    guard value.isFinite else { throw PrettyJSON.Unsupported(description: "\(value) is not a JSON number") }
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    write(text)
  }

  /// Writes a literal. (Not `write`: a literal would pick the `String` overload.)
  func put(_ text: StaticString) {
    bytes.append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  func write(_ text: String) {
    var text = text
    text.withUTF8 { bytes.append($0) }
  }

  func indent(_ depth: Int) {
    bytes.append(spaces: 2 * depth)
  }

  // MARK: Containers

  /// Opens a container at `depth`, unless the value being encoded already opened one there.
  func open(object: Bool, depth: Int) {
    if let last = frames.last, last.depth == depth {
      if last.isObject != object { fail("a value asked for two kinds of container") }
      return
    }
    frames.append(Frame(isObject: object, depth: depth, base: keys.count))
    put(object ? "{" : "[")
  }

  /// Starts the next entry of the innermost container (which must be the one at `depth`): its separator
  /// and indentation, and for an object its key.
  func entry(key: String?, depth: Int) -> Bool {
    let last = frames.count - 1
    guard last >= 0, frames[last].depth == depth, frames[last].isObject == (key != nil) else {
      fail("a container was written after another was opened")
      return false
    }
    if frames[last].count == 0 { bytes.append(0x0A) } else { put(",\n") }
    indent(depth + 1)
    frames[last].count += 1
    if let key {
      keys.append(key)
      starts.append(bytes.count)
      string(key)
      put(" : ")
    }
    return true
  }

  /// Closes the innermost container, putting an object's entries in key order first.
  func close() {
    let frame = frames.removeLast()
    if frame.isObject {
      if keys.count - frame.base > 1 { order(frame) }
      keys.removeSubrange(frame.base...)
      starts.removeSubrange(frame.base...)
    }
    put(frame.count == 0 ? "\n\n" : "\n")
    indent(frame.depth)
    put(frame.isObject ? "}" : "]")
  }

  /// The order of an object's keys (UTF-8 bytes, as `JSONEncoder` sorts), `nil` when they are in order;
  /// remembered for the last few kinds of object, which come again and again.
  private func order(of keys: ArraySlice<String>) -> [Int]? {
    for known in orders where known.keys.count == keys.count {
      var same = true
      for (index, key) in zip(keys.indices, known.keys) where keys[index] != key {
        same = false
        break
      }
      if same { return known.order }
    }
    let offset = keys.startIndex
    let precedes = { (a: String, b: String) in a.utf8.lexicographicallyPrecedes(b.utf8) }
    var order: [Int]? = nil
    if !zip(keys, keys.dropFirst()).allSatisfy(precedes) {
      order = keys.indices.sorted { precedes(keys[$0], keys[$1]) }.map { $0 - offset }
      for (a, b) in zip(order!, order!.dropFirst()) where keys[a + offset] == keys[b + offset] {
        fail("the key \"\(keys[a + offset])\" was given twice")
        return nil
      }
    }
    if orders.count == 16 { orders.removeFirst() }
    orders.append((Array(keys), order))
    return order
  }

  /// Rewrites an object's entries (everything after its `{`) in the order of their keys.
  private func order(_ frame: Frame) {
    guard let order = order(of: keys[frame.base...]) else { return }
    // Entry i is `"key" : value`, from its start up to the separator before entry i + 1.
    let starts = self.starts[frame.base...]
    let separator = 2 + 2 * (frame.depth + 1)
    let first = starts[frame.base] - 1 - 2 * (frame.depth + 1)
    scratch.count = 0
    scratch.append(UnsafeBufferPointer(rebasing: bytes.buffer[first...]))
    bytes.count = first
    for (position, index) in order.enumerated() {
      if position == 0 { bytes.append(0x0A) } else { put(",\n") }
      indent(frame.depth + 1)
      let start = starts[frame.base + index] - first
      let end = index + 1 < starts.count ? starts[frame.base + index + 1] - separator - first : scratch.count
      bytes.append(UnsafeBufferPointer(rebasing: scratch.buffer[start..<end]))
    }
  }
}

/// The `Encoder` handed to each value's `encode(to:)`.
private struct Writer: Encoder {
  /// Not counted: the output outlives every encoder and container made for it (`PrettyJSON.written`).
  unowned(unsafe) let output: Output
  let depth: Int
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    output.open(object: true, depth: depth)
    return KeyedEncodingContainer(Keyed<Key>(output: output, depth: depth))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    output.open(object: false, depth: depth)
    return Unkeyed(output: output, depth: depth)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    Single(output: output, depth: depth)
  }
}

private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
  /// Not counted: the output outlives every encoder and container made for it (`PrettyJSON.written`).
  unowned(unsafe) let output: Output
  let depth: Int
  var codingPath: [any CodingKey] { [] }

  mutating func encodeNil(forKey key: Key) throws {
    if output.entry(key: key.stringValue, depth: depth) { output.put("null") }
  }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    if output.entry(key: key.stringValue, depth: depth) { try output.value(value, depth: depth + 1) }
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    output.fail("nested containers")
    return KeyedEncodingContainer(Keyed<NestedKey>(output: output, depth: -1))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    output.fail("nested containers")
    return Unkeyed(output: output, depth: -1)
  }

  mutating func superEncoder() -> any Encoder {
    output.fail("super encoders")
    return Writer(output: output, depth: -1)
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder() }
}

private struct Unkeyed: UnkeyedEncodingContainer {
  /// Not counted: the output outlives every encoder and container made for it (`PrettyJSON.written`).
  unowned(unsafe) let output: Output
  let depth: Int
  var codingPath: [any CodingKey] { [] }
  var count: Int { output.frames.last?.count ?? 0 }

  mutating func encodeNil() throws {
    if output.entry(key: nil, depth: depth) { output.put("null") }
  }

  mutating func encode<T: Encodable>(_ value: T) throws {
    if output.entry(key: nil, depth: depth) { try output.value(value, depth: depth + 1) }
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    output.fail("nested containers")
    return KeyedEncodingContainer(Keyed<NestedKey>(output: output, depth: -1))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    output.fail("nested containers")
    return Unkeyed(output: output, depth: -1)
  }

  mutating func superEncoder() -> any Encoder {
    output.fail("super encoders")
    return Writer(output: output, depth: -1)
  }
}

/// One value where the encoder stands: written in place, no container of its own.
private struct Single: SingleValueEncodingContainer {
  /// Not counted: the output outlives every encoder and container made for it (`PrettyJSON.written`).
  unowned(unsafe) let output: Output
  let depth: Int
  var codingPath: [any CodingKey] { [] }

  mutating func encodeNil() throws { output.put("null") }
  mutating func encode(_ value: Bool) throws { output.put(value ? "true" : "false") }
  mutating func encode(_ value: String) throws { output.string(value) }
  mutating func encode(_ value: Double) throws { try output.floating(value) }
  mutating func encode(_ value: Float) throws { try output.floating(value) }
  mutating func encode(_ value: Int) throws { output.number(value) }
  mutating func encode(_ value: Int8) throws { output.number(value) }
  mutating func encode(_ value: Int16) throws { output.number(value) }
  mutating func encode(_ value: Int32) throws { output.number(value) }
  mutating func encode(_ value: Int64) throws { output.number(value) }
  mutating func encode(_ value: UInt) throws { output.number(value) }
  mutating func encode(_ value: UInt8) throws { output.number(value) }
  mutating func encode(_ value: UInt16) throws { output.number(value) }
  mutating func encode(_ value: UInt32) throws { output.number(value) }
  mutating func encode(_ value: UInt64) throws { output.number(value) }
  mutating func encode<T: Encodable>(_ value: T) throws { try output.value(value, depth: depth) }
}
