import CMEAuditSupport
import Foundation

/// The JSON report (schema version 1): keys sorted, amounts as JSON numbers, dates `YYYY-MM-DD`.
public struct JSONRenderer: ReportRenderer {
  public init() {}

  public func render(_ report: Report) -> String {
    PrettyJSON.text(report) ?? "{}\n"
  }

  /// The same bytes as `render`, without making a `String` of a large report and copying it again.
  public func data(_ report: Report) -> Data {
    PrettyJSON.data(report) ?? Data("{}\n".utf8)
  }
}
