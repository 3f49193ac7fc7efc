import Crypto
import Foundation

/// Gives records ids that depend on what they say and which file says it, not on where they stand: the
/// same input gives the same ids, and adding, removing or reordering other rows, or giving the files in
/// another order, leaves them as they were. Identical rows of one file are told apart by a counter.
struct RecordIdentity {
  private var seen: [UInt64: Int] = [:]
  private var scratch: [UInt8] = []

  /// `kind:` and 12 hex digits of the SHA-256 of the path and the parts (a row's cells, say).
  mutating func id(kind: RecordKind, path: String, parts: [String]) -> String {
    // The digest of the path and the parts joined by U+001F, gathered in one reused buffer.
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: path.utf8)
    for part in parts {
      scratch.append(0x1F)
      scratch.append(contentsOf: part.utf8)
    }
    let digest = SHA256.hash(data: scratch).prefix(6)
    // Counted by the six bytes the id shows, as a number: a string key costs more than the hash.
    let key = digest.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    seen[key, default: 0] += 1
    let count = seen[key]!
    let base = "\(kind.rawValue):" + digest.hexString
    return count == 1 ? base : "\(base)-\(count)"
  }
}
