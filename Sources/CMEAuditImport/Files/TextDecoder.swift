import CMEAuditModel
import Foundation

/// Decodes file bytes to text: UTF-8 with or without BOM, UTF-16 with a BOM, and Windows-1252 when the
/// bytes are not valid UTF-8 (Excel's plain "CSV" on Windows writes ™ as 0x99).
public enum TextDecoder {
  public static func decode(_ data: Data) -> (text: String, encoding: TextEncodingName)? {
    let bytes = [UInt8](data.prefix(3))
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      guard let text = String(data: data.dropFirst(3), encoding: .utf8) else { return nil }
      return (text, .utf8BOM)
    }
    if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
      return String(data: data.dropFirst(2), encoding: .utf16LittleEndian).map { ($0, .utf16LE) }
    }
    if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
      return String(data: data.dropFirst(2), encoding: .utf16BigEndian).map { ($0, .utf16BE) }
    }
    if let text = String(validating: data, as: UTF8.self) { return (text, .utf8) }
    return decodeLineByLine(data)
  }

  /// Bytes that are not valid UTF-8 as a whole: each line is read as UTF-8 where it is valid and as
  /// Windows-1252 where it is not, so rows pasted from a UTF-8 export into a Windows-1252 file keep their
  /// dashes and accents. All Windows-1252 when no line needs UTF-8.
  static func decodeLineByLine(_ data: Data) -> (text: String, encoding: TextEncodingName)? {
    var lines: [String] = []
    var sawUTF8 = false
    var saw1252 = false
    for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
      if let utf8 = String(validating: line, as: UTF8.self) {
        if line.contains(where: { $0 >= 0x80 }) { sawUTF8 = true }
        lines.append(utf8)
      } else if let cp1252 = String(data: Data(line), encoding: .windowsCP1252) {
        saw1252 = true
        lines.append(cp1252)
      } else {
        return nil
      }
    }
    let text = lines.joined(separator: "\n")
    return (text, sawUTF8 && saw1252 ? .mixed : .windows1252)
  }

  /// Decodes with the encoding a profile names (a BOM, if any, is dropped).
  public static func decode(_ data: Data, as encoding: TextEncodingName) -> String? {
    switch encoding {
    case .utf8, .utf8BOM:
      let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
      return String(validating: body, as: UTF8.self)
    case .utf16LE:
      return String(
        data: data.starts(with: [0xFF, 0xFE]) ? data.dropFirst(2) : data[...], encoding: .utf16LittleEndian)
    case .utf16BE:
      return String(
        data: data.starts(with: [0xFE, 0xFF]) ? data.dropFirst(2) : data[...], encoding: .utf16BigEndian)
    case .windows1252: return String(data: data, encoding: .windowsCP1252)
    case .mixed: return decodeLineByLine(data)?.text
    }
  }

  /// True when the bytes look like a binary file rather than text: in the first few kilobytes, more than two
  /// NUL bytes and more than one in a hundred, or more than one control character in twenty. (Any NUL there
  /// made a file binary, so a small log with one stray NUL was refused whole, while the same NUL further into
  /// a large file was read as text: the row holding it is read like any other.)
  public static func looksBinary(_ data: Data) -> Bool {
    let head = data.prefix(4096)
    if head.count >= 2,
      (head.first == 0xFF && head.dropFirst().first == 0xFE)
        || (head.first == 0xFE && head.dropFirst().first == 0xFF)
    {
      return false
    }
    let (nul, control): (Int, Int) = head.withUnsafeBytes { bytes in
      var (nul, control) = (0, 0)
      for byte in bytes {
        if byte == 0 { nul += 1 }
        if byte < 0x09 || (byte > 0x0D && byte < 0x20) { control += 1 }
      }
      return (nul, control)
    }
    return nul > 2 && nul * 100 > head.count || control * 20 > max(head.count, 1)
  }
}
