import CMEAuditModel
import Foundation
import Yams

/// What the YAML files a user writes (profiles, rule files, decisions) share: reading the file, parsing it,
/// and errors that name the file and the line.
public struct YAMLFile {
  let displayPath: String

  public init(displayPath: String) { self.displayPath = displayPath }

  /// The file's text; an unreadable file is an error naming it and what it was meant to be.
  public static func text(_ url: URL, displayPath: String, what: String) throws(CMEAuditError) -> String {
    guard let data = try? Data(contentsOf: url) else {
      throw .unreadable(path: displayPath, reason: "\(what) cannot be read")
    }
    return String(decoding: data, as: UTF8.self)
  }

  /// The document's root node (nil for an empty document).
  public func compose(_ yaml: String) throws(CMEAuditError) -> Node? {
    do {
      return try Yams.compose(yaml: yaml)
    } catch {
      throw .unreadable(path: displayPath, reason: "not valid YAML (\(error))")
    }
  }

  /// An error at `node`'s line.
  public func fail(_ node: Node?, _ message: String) -> CMEAuditError {
    .unreadable(path: displayPath, reason: (node?.mark.map { "line \($0.line): " } ?? "") + message)
  }
}
