import Foundation

/// A file that cannot be read at all: the run stops with a message naming the file (exit code 2).
public enum CMEAuditError: LocalizedError, Sendable, Equatable {
  case unreadable(path: String, reason: String)
  case usage(String)

  /// The message, bounded and printable: it quotes input (a header cell, a YAML line) that may be megabytes
  /// long or hold control characters and raw bytes, and goes to one line of standard error.
  public var errorDescription: String? {
    switch self {
    case .unreadable(let path, let reason): Self.printable("\(path): \(reason)")
    case .usage(let message): Self.printable(message)
    }
  }

  /// What is wrong, without the path (for a problem reported at a file of a folder, which names it).
  public var reasonAlone: String {
    switch self {
    case .unreadable(_, let reason): reason
    case .usage(let message): message
    }
  }

  /// How much of a message is printed.
  public static let messageLimit = InputLimits.messageCharacters

  /// `text` with control characters shown as `\xNN` (line breaks as `\n`) and cut at `messageLimit`
  /// characters, saying how much was left out.
  public static func printable(_ text: String) -> String {
    var out = ""
    var count = 0
    for scalar in text.unicodeScalars {
      if count >= messageLimit {
        return out + "… (\(text.unicodeScalars.count - count) more characters left out)"
      }
      count += 1
      switch scalar.value {
      case 0x0A: out += "\\n"
      case 0..<0x20, 0x7F..<0xA0: out += String(format: "\\x%02X", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
