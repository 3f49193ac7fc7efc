import Foundation

/// The report formats, one renderer each.
public enum ReportFormat: String, Sendable, CaseIterable {
  case text
  case json
  case csv
  case markdown
  case html

  /// `explain` adds every link and its evidence to the text report (JSON always has them).
  public func renderer(colour: Bool, explain: Bool = false) -> any ReportRenderer {
    switch self {
    case .text: TextRenderer(colour: colour, explain: explain)
    case .json: JSONRenderer()
    case .csv: CSVRenderer()
    case .markdown: MarkdownRenderer()
    case .html: HTMLRenderer()
    }
  }
}

/// Turns a report into the bytes of one format.
public protocol ReportRenderer: Sendable {
  func render(_ report: Report) -> String
  /// The report's bytes, for a file or standard output.
  func data(_ report: Report) -> Data
}

extension ReportRenderer {
  public func data(_ report: Report) -> Data { Data(render(report).utf8) }
}
