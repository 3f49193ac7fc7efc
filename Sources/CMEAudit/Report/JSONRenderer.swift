import Foundation

/// The JSON report (schema version 1): keys sorted, amounts as JSON numbers, dates `YYYY-MM-DD`.
public struct JSONRenderer: ReportRenderer {
  public init() {}

  public func render(_ report: Report) -> String {
    PrettyJSON.text(report) ?? "{}\n"
  }
}
