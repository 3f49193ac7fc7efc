import CMEAuditModel
import Foundation
import Yams

/// What the YAML files a user writes (profiles, rule files, decisions) share: reading the file, parsing it,
/// and errors that name the file and the line.
public struct YAMLFile {
  public let displayPath: String

  public init(displayPath: String) { self.displayPath = displayPath }

  /// The file's text; an unreadable file is an error naming it and what it was meant to be.
  public static func text(_ url: URL, displayPath: String, what: String) throws(CMEAuditError) -> String {
    let data = try FileReading.whole(url, displayPath: displayPath, what: what, limit: InputLimits.yamlBytes)
    return String(decoding: data, as: UTF8.self)
  }

  /// The document's root node (nil for an empty document). Aliases are bounded: a document whose aliases
  /// expand past `InputLimits.yamlExpandedNodes` values, or that uses a list, a mapping or an alias as a
  /// mapping key where it has aliases, is refused (see `AliasCheck`).
  public func compose(_ yaml: String) throws(CMEAuditError) -> Node? {
    if let (line, problem) = AliasCheck.keyProblem(in: yaml) {
      throw .unreadable(path: displayPath, reason: "line \(line): \(problem)")
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch {
      throw .unreadable(path: displayPath, reason: "not valid YAML (\(error))")
    }
    if let root {
      var budget = InputLimits.yamlExpandedNodes
      guard AliasCheck.fits(root, within: &budget) else {
        throw .unreadable(
          path: displayPath,
          reason:
            "its aliases expand to more than \(InputLimits.yamlExpandedNodes) values, more than any file of "
            + "cmeaudit's holds (refused)")
      }
    }
    return root
  }

  /// The document's root, a mapping of keys; an empty document or any other root is an error saying
  /// `whatItIs` ("a profile is a mapping of keys").
  public func rootMapping(_ yaml: String, else whatItIs: String) throws(CMEAuditError) -> (Node, Node.Mapping)
  {
    let root = try compose(yaml)
    guard let root, let mapping = root.mapping else { throw fail(root, whatItIs) }
    return (root, mapping)
  }

  /// An error at `node`'s line.
  public func fail(_ node: Node?, _ message: String) -> CMEAuditError {
    .unreadable(path: displayPath, reason: (node?.mark.map { "line \($0.line): " } ?? "") + message)
  }

  // MARK: - Values of the types a user's YAML holds, or an error at the node naming the key

  /// A scalar's text (empty allowed).
  public func text(_ node: Node, _ key: String) throws(CMEAuditError) -> String {
    guard node.scalar != nil, let text = node.string else { throw fail(node, "\(key): expected text") }
    return text
  }

  /// A scalar's text, not empty.
  public func nonEmptyText(_ node: Node, _ key: String) throws(CMEAuditError) -> String {
    guard node.scalar != nil, let value = node.string, !value.isEmpty else {
      throw fail(node, "\(key): expected text")
    }
    return value
  }

  /// A day written YYYY-MM-DD.
  public func day(_ node: Node, _ key: String) throws(CMEAuditError) -> CalendarDay {
    guard let value = node.string, let day = CalendarDay(iso: value) else {
      throw fail(node, "\(key): a date written YYYY-MM-DD")
    }
    return day
  }

  /// A non-negative number of credits, exact.
  /// An amount written as digits with a decimal point at most (`50`, `12.5`): "5O", ".nan", ".inf" and
  /// "1,000" are errors naming the line, not read by their prefix or as zero.
  public func amount(_ node: Node, _ key: String) throws(CMEAuditError) -> Decimal {
    guard let value = node.string?.trimmed(), value.utf8.count <= 12,
      value.wholeMatch(of: /[0-9]+(\.[0-9]+)?/) != nil,
      let number = Decimal(string: value, locale: Locale(identifier: "en_US_POSIX"))
    else { throw fail(node, "\(key): a number of credits, written as digits (50, 12.5)") }
    return number
  }

  public func list(_ node: Node, _ key: String) throws(CMEAuditError) -> [Node] {
    guard let sequence = node.sequence else { throw fail(node, "\(key): expected a list") }
    return Array(sequence)
  }

  public func mapping(_ node: Node, _ key: String) throws(CMEAuditError) -> Node.Mapping {
    guard let mapping = node.mapping else { throw fail(node, "\(key): expected a mapping") }
    return mapping
  }
}
