import CMEAuditModel
import Foundation
import Yams

extension ImportProfile {
  static let knownKeys = [
    "columns", "dateFormat", "dateOrder", "skipRows", "sheet", "encoding", "creditTypes", "defaults",
    "record",
    "fields",
  ]

  /// Reads a profile file. Unknown keys, unknown fields and values of the wrong type are errors naming the
  /// file, the line and the key.
  public static func load(_ url: URL, displayPath: String) throws(CMEAuditError) -> ImportProfile {
    try parse(YAMLFile.text(url, displayPath: displayPath, what: "profile"), displayPath: displayPath)
  }

  public static func parse(_ yaml: String, displayPath: String) throws(CMEAuditError) -> ImportProfile {
    let file = YAMLFile(displayPath: displayPath)
    let fail = file.fail
    let root = try file.compose(yaml)
    guard let root, let mapping = root.mapping else { throw fail(root, "a profile is a mapping of keys") }
    var profile = ImportProfile(path: displayPath)
    for (keyNode, value) in mapping {
      guard let key = keyNode.string else { throw fail(keyNode, "a key must be text") }
      switch key {
      case "columns":
        for (fieldNode, reference) in try submapping(value, key) {
          let field = try fieldName(fieldNode, key)
          if let number = reference.int {
            guard number >= 1 else {
              throw fail(reference, "columns.\(fieldNode.string ?? ""): numbers start at 1")
            }
            profile.columns[field] = .number(number)
          } else if let text = reference.string, !text.isEmpty {
            profile.columns[field] = .header(text)
          } else {
            throw fail(reference, "columns.\(fieldNode.string ?? ""): a header name or a column number")
          }
        }
      case "dateFormat": profile.dateFormat = try text(value, key)
      case "dateOrder":
        guard let order = DateOrder(rawValue: try text(value, key)) else {
          throw fail(value, "dateOrder: mdy or dmy")
        }
        profile.dateOrder = order
      case "skipRows":
        guard let rows = value.int, rows >= 0 else { throw fail(value, "skipRows: a number of rows") }
        profile.skipRows = rows
      case "sheet": profile.sheet = try text(value, key)
      case "encoding":
        let name = try text(value, key).lowercased()
        let aliases: [String: TextEncodingName] = [
          "utf-8": .utf8, "utf8": .utf8, "utf-16le": .utf16LE, "utf-16be": .utf16BE,
          "windows-1252": .windows1252,
          "cp1252": .windows1252, "latin1": .windows1252, "iso-8859-1": .windows1252,
        ]
        guard let encoding = aliases[name] else {
          throw fail(value, "encoding: one of utf-8, utf-16le, utf-16be, windows-1252")
        }
        profile.encoding = encoding
      case "creditTypes":
        for (rawNode, typeNode) in try submapping(value, key) {
          guard let raw = rawNode.string, let type = typeNode.string.flatMap(CreditType.init(rawValue:))
          else {
            let ids = CreditType.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail(typeNode, "creditTypes.\(rawNode.string ?? ""): one of \(ids)")
          }
          profile.creditTypes[raw.lowercased()] = type
        }
      case "defaults":
        for (fieldNode, valueNode) in try submapping(value, key) {
          profile.defaults[try fieldName(fieldNode, key)] = try text(
            valueNode, "defaults.\(fieldNode.string ?? "")")
        }
      case "record":
        let path = try text(value, key)
        guard path.hasPrefix("/"), path.count > 1 else {
          throw fail(value, "record: an element path from the root, such as /Export/Course")
        }
        profile.record = path
      case "fields":
        for (fieldNode, pathNode) in try submapping(value, key) {
          profile.fields[try fieldName(fieldNode, key)] = try text(
            pathNode, "fields.\(fieldNode.string ?? "")")
        }
      default:
        throw fail(keyNode, "unknown key '\(key)' (known keys: \(knownKeys.joined(separator: ", ")))")
      }
    }
    if profile.record == nil, !profile.fields.isEmpty {
      throw .unreadable(path: displayPath, reason: "fields: needs record: (the element that is one record)")
    }
    return profile

    func submapping(_ node: Node, _ key: String) throws(CMEAuditError) -> Node.Mapping {
      guard let mapping = node.mapping else { throw fail(node, "\(key): expected a mapping") }
      return mapping
    }
    func text(_ node: Node, _ key: String) throws(CMEAuditError) -> String {
      guard node.scalar != nil, let text = node.string else { throw fail(node, "\(key): expected text") }
      return text
    }
    func fieldName(_ node: Node, _ key: String) throws(CMEAuditError) -> Field {
      guard let name = node.string, let field = fieldNames[name] else {
        let names = fieldNames.keys.sorted().joined(separator: ", ")
        throw fail(node, "\(key): unknown field '\(node.string ?? "")' (fields: \(names))")
      }
      return field
    }
  }
}
