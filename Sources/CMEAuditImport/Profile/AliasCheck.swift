import CMEAuditModel
import Yams

/// The two ways a YAML file's aliases (`&name` … `*name`) cost more than its size:
/// - Yams checks a mapping's keys for duplicates by hashing them, and a key that is a list or a mapping holding
///   aliases is hashed as its full expansion at every level (eight levels of such keys took over a minute to
///   compose). No file cmeaudit reads has a key that is not a scalar, so in a file with aliases, such a key is
///   refused before the document is composed: `keyProblem`.
/// - Aliases nest, so a few lines can stand for billions of values. Composing shares them (cheap); reading
///   them is not, so the composed document is counted, expanded, up to a budget: `fits`.
enum AliasCheck {
  /// The line of the first key that is a list, a mapping or an alias, in a document that has aliases, and why
  /// it is refused; nil when there is none (or no alias: such a key then costs its size, and the reader
  /// reports it as a key it does not know). Read outside quotes and comments; block scalars' text is read too,
  /// which can only refuse a file that has aliases and a line in a block of text looking like such a key.
  static func keyProblem(in yaml: String) -> (line: Int, problem: String)? {
    let bytes = Array(yaml.utf8)
    var aliases = 0
    var firstKey: Int?
    var line = 1
    var index = 0
    var (single, double, comment) = (false, false, false)
    func at(_ offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }
    /// Whether a value indicator (`:` then a space, a line end or the end) follows `offset`, after blanks.
    func colonAfter(_ offset: Int) -> Bool {
      var next = offset
      while at(next) == 0x20 || at(next) == 0x09 { next += 1 }
      guard at(next) == 0x3A else { return false }
      return at(next + 1).map { [0x20, 0x09, 0x0A, 0x0D, 0x2C, 0x5D, 0x7D].contains($0) } ?? true
    }
    while index < bytes.count {
      let byte = bytes[index]
      let previous = index > 0 ? bytes[index - 1] : 0x0A
      let startsToken = [0x20, 0x09, 0x0A, 0x0D, 0x5B, 0x7B, 0x2C].contains(previous)
      if byte == 0x0A {
        line += 1
        comment = false
      } else if comment {
      } else if single {
        if byte == 0x27 { single = false }
      } else if double {
        if byte == 0x5C, at(index + 1) != 0x0A { index += 1 } else if byte == 0x22 { double = false }
      } else {
        switch byte {
        case 0x27 where startsToken: single = true
        case 0x22 where startsToken: double = true
        case 0x23 where startsToken: comment = true
        case 0x2A where startsToken:  // `*name`: an alias, its name as libyaml reads it ([A-Za-z0-9_-])
          aliases += 1
          var end = index + 1
          while let next = at(end), Self.isAnchorCharacter(next) { end += 1 }
          if colonAfter(end), firstKey == nil { firstKey = line }
          index = end
          continue
        case 0x3F where startsToken && (at(index + 1).map { [0x20, 0x09, 0x0A, 0x0D].contains($0) } ?? true):
          if firstKey == nil { firstKey = line }  // `? `: an explicit key, of any kind
        case 0x5D, 0x7D:  // `]` or `}` closing a collection used as a key
          if colonAfter(index + 1), firstKey == nil { firstKey = line }
        default: break
        }
      }
      index += 1
    }
    guard aliases > 0, let firstKey else { return nil }
    return (
      firstKey,
      "a list, a mapping or an alias used as a key, in a file with aliases: not read (no file of cmeaudit's "
        + "has such keys, and checking them can take hours)"
    )
  }

  static func isAnchorCharacter(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
      || byte == 0x5F
      || byte == 0x2D
  }

  /// Whether `node`, its aliases expanded, holds no more values than `budget` (which is spent as it is
  /// counted; the count stops when it runs out).
  static func fits(_ node: Node, within budget: inout Int) -> Bool {
    budget -= 1
    guard budget >= 0 else { return false }
    switch node {
    case .scalar, .alias: return true
    case .sequence(let sequence):
      for element in sequence where !fits(element, within: &budget) { return false }
      return true
    case .mapping(let mapping):
      for (key, value) in mapping where !fits(key, within: &budget) || !fits(value, within: &budget) {
        return false
      }
      return true
    }
  }
}
