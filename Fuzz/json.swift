// libFuzzer harness: the report's JSON writer (PrettyJSON) against Foundation's JSONEncoder with the same
// options, on values built from the input (texts of any bytes, nested lists, dictionaries with any keys,
// numbers of any bits): the bytes must be the same, or the writer must leave the value to JSONEncoder.
import Foundation
@testable import CMEAuditSupport

struct Node: Encodable {
  var text: String
  var optional: String?
  var children: [Node]
  var byKey: [String: String]
  var double: Double
  var amount: Decimal
  var count: Int
  var small: Int8
  var flag: Bool
}

/// Reads the input front to back; zeros once it runs out.
struct Reader {
  var bytes: [UInt8]
  var at = 0

  mutating func byte() -> UInt8 {
    defer { at += 1 }
    return at < bytes.count ? bytes[at] : 0
  }

  mutating func text() -> String {
    let length = Int(byte() % 24)
    return String(decoding: (0..<length).map { _ in byte() }, as: UTF8.self)
  }

  mutating func word() -> UInt64 { (0..<8).reduce(0) { value, _ in value << 8 | UInt64(byte()) } }

  mutating func node(depth: Int) -> Node {
    let shape = byte()
    let bits = Double(bitPattern: word())
    var byKey: [String: String] = [:]
    for _ in 0..<Int(shape % 4) { byKey[text()] = text() }
    return Node(
      text: text(), optional: shape & 4 == 0 ? nil : text(),
      children: depth < 4 ? (0..<Int(shape >> 5 % 3)).map { _ in node(depth: depth + 1) } : [],
      byKey: byKey, double: shape & 8 == 0 ? bits : Double(Int16(truncatingIfNeeded: word())) / 4,
      amount: Decimal(
        sign: shape & 16 == 0 ? .plus : .minus, exponent: Int(Int8(bitPattern: byte())) % 20,
        significand: Decimal(UInt32(truncatingIfNeeded: word()))),
      count: Int(truncatingIfNeeded: word()), small: Int8(bitPattern: byte()), flag: shape & 1 == 1)
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  var reader = Reader(bytes: Array(UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: count)))
  let node = reader.node(depth: 0)
  let reference = PrettyJSON.foundation(node)
  guard let ours = try? PrettyJSON.encode(node) else {
    // Left to JSONEncoder: only what it cannot write either (a number that is not finite) comes here.
    if reference != nil { fatalError("PrettyJSON left a value to JSONEncoder that it should have written") }
    return 0
  }
  if String(decoding: ours, as: UTF8.self) != reference { fatalError("PrettyJSON and JSONEncoder differ") }
  return 0
}
