/// Trimming without Foundation: `trimmingCharacters(in: .whitespaces)` bridges through NSString on Linux and
/// was a quarter of an office import's time (measured in Benchmarks/run-office). Same characters trimmed:
/// Unicode spaces (general category Zs), tab and U+200B, and with `newlines` also U+000A–U+000D, U+0085, U+2028,
/// U+2029 (Foundation's `.whitespacesAndNewlines`).
extension StringProtocol {
  /// The text without leading and trailing spaces (and newlines, when asked).
  func trimmed(newlines: Bool = false) -> String {
    let scalars = Substring(self).unicodeScalars
    var start = scalars.startIndex
    var end = scalars.endIndex
    while start < end, Self.isBlank(scalars[start], newlines: newlines) {
      start = scalars.index(after: start)
    }
    while end > start {
      let before = scalars.index(before: end)
      guard Self.isBlank(scalars[before], newlines: newlines) else { break }
      end = before
    }
    return String(Substring(scalars[start..<end]))
  }

  private static func isBlank(_ scalar: Unicode.Scalar, newlines: Bool) -> Bool {
    switch scalar.value {
    case 0x20, 0x09, 0x200B: return true  // Foundation counts the zero-width space too
    case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
    case 0..<0x80: return false
    default: return scalar.properties.generalCategory == .spaceSeparator
    }
  }
}
