import CMEAuditSupport
import Foundation

/// Findings as CSV, one row each, for a spreadsheet: severity, code, reason, location, message, action,
/// records. It starts with a UTF-8 byte order mark so that Excel opens it as UTF-8, and no cell can run as
/// a formula.
public struct CSVRenderer: ReportRenderer {
  public init() {}

  public func render(_ report: Report) -> String { rows(report).text }

  public func data(_ report: Report) -> Data { rows(report).data() }

  private func rows(_ report: Report) -> CSVWriter {
    let csv = CSVWriter(header: "\u{FEFF}severity,code,reason,path,line,message,action,records")
    for finding in report.findings {
      let location = finding.locations.first
      csv.row(
        finding.severity.rawValue, finding.code.rawValue, finding.reason?.rawValue ?? "",
        location?.path ?? "",
        location?.line.map(String.init) ?? "", finding.message, finding.action,
        finding.records.joined(separator: " "))
    }
    return csv
  }

  /// One field as `CSVWriter` writes it.
  static func escape(_ field: String) -> String {
    var bytes = ByteBuffer()
    defer { bytes.free() }
    CSVWriter.escape(field, into: &bytes)
    return String(decoding: bytes.buffer, as: UTF8.self)
  }
}

/// CSV rows written as UTF-8 bytes, lines ending in CRLF. A field is quoted when it holds a comma, quote or
/// line break, every quote in it doubled (byte by byte: a quote followed by a combining mark is still a
/// quote to a spreadsheet); a leading =, +, -, @, tab or carriage return gets an apostrophe so a spreadsheet
/// does not run it as a formula. (Bytes, not `String`s joined with the quoting done a `Character` at a time,
/// which is slow for an office's hundreds of thousands of findings.)
public final class CSVWriter {
  /// Used by one thread, one call at a time (its accesses are not checked at run time).
  @exclusivity(unchecked) private var bytes = ByteBuffer()

  public init(header: String) {
    var header = header
    header.withUTF8 { bytes.append($0) }
    bytes.append(0x0D)
    bytes.append(0x0A)
  }

  deinit { bytes.free() }

  public func row(_ fields: String...) {
    for (index, field) in fields.enumerated() {
      if index > 0 { bytes.append(0x2C) }
      Self.escape(field, into: &bytes)
    }
    bytes.append(0x0D)
    bytes.append(0x0A)
  }

  /// The rows as text.
  public var text: String { String(decoding: bytes.buffer, as: UTF8.self) }

  /// The rows' bytes, handed over (the writer is empty afterwards).
  public func data() -> Data { bytes.data() }

  static func escape(_ field: String, into bytes: inout ByteBuffer) {
    var field = field
    field.withUTF8 { utf8 in
      let formula = utf8.first.map { [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains($0) } ?? false
      let quoted = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
      if quoted { bytes.append(0x22) }
      if formula { bytes.append(0x27) }
      guard quoted else { return bytes.append(utf8) }
      var mark = 0
      for index in utf8.indices where utf8[index] == 0x22 {
        bytes.append(UnsafeBufferPointer(rebasing: utf8[mark...index]))
        bytes.append(0x22)
        mark = index + 1
      }
      bytes.append(UnsafeBufferPointer(rebasing: utf8[mark...]))
      bytes.append(0x22)
    }
  }
}
