import CMEAuditModel
import CMEAuditSupport
import Crypto
import Foundation

/// Gives records ids that depend on what they say and which file says it, not on where they stand: the
/// same input gives the same ids, and adding, removing or reordering other rows, or giving the files in
/// another order, leaves them as they were. Identical rows of one file are told apart by a counter
/// (`Counter`, in file order); the digests can be taken on any core.
struct RecordIdentity: Sendable {
  /// The id a record's content gives (`kind:` and 12 hex digits of a SHA-256), before the counter.
  struct Digest: Sendable {
    /// The six bytes the id shows, as a number.
    var key: UInt64
    var id: String
  }

  private let prefix: String
  private var scratch: [UInt8] = []
  /// Where the parts start in `scratch` (after the path).
  private let pathLength: Int

  init(kind: RecordKind, path: String) {
    prefix = "\(kind.rawValue):"
    scratch = Array(path.utf8)
    pathLength = scratch.count
  }

  /// The digest of the path and the parts (a row's cells, say) joined by U+001F. The bytes are copied into
  /// `scratch`, which only grows (not truncated and appended to a part at a time).
  mutating func digest(_ parts: [String]) -> Digest {
    let length = parts.reduce(pathLength) { $0 + 1 + $1.utf8.count }
    if scratch.count < length { scratch += repeatElement(0, count: length - scratch.count) }
    let pathLength = pathLength
    scratch.withUnsafeMutableBufferPointer { buffer in
      guard var at = buffer.baseAddress.map({ $0 + pathLength }) else { return }
      for var part in parts {
        at.pointee = 0x1F
        at += 1
        part.withUTF8 { bytes in
          guard let base = bytes.baseAddress else { return }
          at.update(from: base, count: bytes.count)
          at += bytes.count
        }
      }
    }
    let key = scratch.withUnsafeBufferPointer { Self.sha256Prefix($0.baseAddress, length) }
    return Digest(key: key, id: id(key))
  }

  /// The first six bytes of the SHA-256 of `length` bytes at `bytes`, as a number.
  static func sha256Prefix(_ bytes: UnsafePointer<UInt8>?, _ length: Int) -> UInt64 {
    var hash = SHA256()
    hash.update(bufferPointer: UnsafeRawBufferPointer(start: bytes, count: length))
    return hash.finalize().withUnsafeBytes { $0.prefix(6).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
  }

  /// The prefix and `key` as 12 lowercase hex digits, made in one go.
  private func id(_ key: UInt64) -> String {
    var prefix = prefix
    return prefix.withUTF8 { prefix in
      String(unsafeUninitializedCapacity: prefix.count + 12) { buffer in
        _ = buffer.initialize(fromContentsOf: prefix)
        let digits: StaticString = "0123456789abcdef"
        for index in 0..<12 {
          let nibble = Int(truncatingIfNeeded: key >> (44 - 4 * index)) & 0xF
          buffer[prefix.count + index] = digits.utf8Start[nibble]
        }
        return prefix.count + 12
      }
    }
  }

  /// Counts the digests of one file in file order: the second record with a digest gets `-2`, and so on.
  struct Counter {
    private var seen = DigestTable()

    mutating func reserveCapacity(_ more: Int) { seen.reserveCapacity(more) }

    /// `DigestTable.touch`.
    func touch(_ key: UInt64) -> UInt64 { seen.touch(key) }

    /// How many times `key` has come, this one included.
    mutating func count(_ key: UInt64) -> Int {
      let count = (seen[key] ?? 0) + 1
      seen.set(key, count)
      return count
    }
  }

  /// The id of a record standing alone (its file's counter in `counter`).
  mutating func id(_ parts: [String], counter: inout Counter) -> String {
    let made = digest(parts)
    let count = counter.count(made.key)
    return count == 1 ? made.id : "\(made.id)-\(count)"
  }
}
