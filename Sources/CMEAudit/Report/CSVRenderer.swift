import Foundation

/// Findings as CSV, one row each, for a spreadsheet: severity, code, reason, location, message, action,
/// records. It starts with a UTF-8 byte order mark so that Excel opens it as UTF-8, and no cell can run as
/// a formula.
public struct CSVRenderer: ReportRenderer {
  public init() {}

  public func render(_ report: Report) -> String {
    var out = "\u{FEFF}severity,code,reason,path,line,message,action,records\r\n"
    for finding in report.findings {
      let location = finding.locations.first
      let fields = [
        finding.severity.rawValue, finding.code.rawValue, finding.reason ?? "", location?.path ?? "",
        location?.line.map(String.init) ?? "", finding.message, finding.action,
        finding.records.joined(separator: " "),
      ]
      out += fields.map(Self.escape).joined(separator: ",") + "\r\n"
    }
    return out
  }

  /// Quotes a field when it holds a comma, quote or line break; a leading =, +, -, @, tab or carriage
  /// return is prefixed with an apostrophe so a spreadsheet does not run it as a formula.
  static func escape(_ field: String) -> String {
    var text = field
    if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
    guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
      return text
    }
    var quoted = "\""
    for character in text {
      if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
    }
    return quoted + "\""
  }
}
