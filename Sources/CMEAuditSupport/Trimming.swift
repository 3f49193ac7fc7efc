/// Trimming without Foundation: `trimmingCharacters(in: .whitespaces)` bridges through NSString on Linux, for
/// every cell of every file (docs/performance.md). Same characters trimmed:
/// Unicode spaces (general category Zs), tab and U+200B, and with `newlines` also U+000A–U+000D, U+0085,
/// U+2028, U+2029 (Foundation's `.whitespacesAndNewlines`).
extension String {
  /// The text without leading and trailing spaces (and newlines, when asked); the same string, not a copy,
  /// when there is nothing to trim (most cells).
  @inlinable public func trimmed(newlines: Bool = false) -> String {
    let plain = utf8.withContiguousStorageIfAvailable { bytes in
      bytes.count > 0 && Trim.isPlain(bytes[0]) && Trim.isPlain(bytes[bytes.count - 1])
    }
    if plain == true { return self }
    if plain == nil, let first = utf8.first, let last = utf8.last, Trim.isPlain(first), Trim.isPlain(last) {
      return self
    }
    return Trim.trim(Substring(self), newlines: newlines)
  }
}

extension Substring {
  /// The text without leading and trailing spaces (and newlines, when asked).
  public func trimmed(newlines: Bool = false) -> String { Trim.trim(self, newlines: newlines) }
}

@usableFromInline enum Trim {
  /// A byte that can neither be nor begin a blank: ASCII and not a space, tab or line end.
  public static func isPlain(_ byte: UInt8) -> Bool { byte < 0x80 && byte > 0x20 }

  public static func trim(_ text: Substring, newlines: Bool) -> String {
    let scalars = text.unicodeScalars
    var start = scalars.startIndex
    var end = scalars.endIndex
    while start < end, isBlank(scalars[start], newlines: newlines) { start = scalars.index(after: start) }
    while end > start {
      let before = scalars.index(before: end)
      guard isBlank(scalars[before], newlines: newlines) else { break }
      end = before
    }
    return String(Substring(scalars[start..<end]))
  }

  public static func isBlank(_ scalar: Unicode.Scalar, newlines: Bool) -> Bool {
    switch scalar.value {
    case 0x20, 0x09, 0x200B: return true  // Foundation counts the zero-width space too
    case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
    case 0..<0x80: return false
    default: return scalar.properties.generalCategory == .spaceSeparator
    }
  }
}
