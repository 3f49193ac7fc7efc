import Foundation

/// The JSON report (schema version 1): keys sorted, amounts as JSON numbers, dates `YYYY-MM-DD`.
public struct JSONRenderer: ReportRenderer {
  public init() {}

  public func render(_ report: Report) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(report) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
