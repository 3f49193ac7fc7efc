/// The report formats, one renderer each.
public enum ReportFormat: String, Sendable, CaseIterable {
  case text
  case json
  case csv

  public func renderer(colour: Bool) -> any ReportRenderer {
    switch self {
    case .text: TextRenderer(colour: colour)
    case .json: JSONRenderer()
    case .csv: CSVRenderer()
    }
  }
}

/// Turns a report into the bytes of one format.
public protocol ReportRenderer: Sendable {
  func render(_ report: Report) -> String
}
