import Crypto
import Foundation

/// Gives records ids that depend on what they say and which file says it, not on where they stand: the
/// same input gives the same ids, and adding, removing or reordering other rows, or giving the files in
/// another order, leaves them as they were. Identical rows of one file are told apart by a counter.
struct RecordIdentity {
  private var seen: [String: Int] = [:]

  /// `kind:` and 12 hex digits of the SHA-256 of the path and the parts (a row's cells, say).
  mutating func id(kind: RecordKind, path: String, parts: [String]) -> String {
    let text = ([path] + parts).joined(separator: "\u{1F}")
    let digest = SHA256.hash(data: Data(text.utf8))
    let base = "\(kind.rawValue):" + digest.prefix(6).hexString
    seen[base, default: 0] += 1
    let count = seen[base]!
    return count == 1 ? base : "\(base)-\(count)"
  }
}
