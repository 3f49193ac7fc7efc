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
    let (_, mapping) = try file.rootMapping(yaml, else: "a profile is a mapping of keys")
    var profile = ImportProfile(path: displayPath)
    for (keyNode, value) in mapping {
      guard let key = keyNode.string else { throw file.fail(keyNode, "a key must be text") }
      switch key {
      case "columns": profile.columns = try columns(value, file)
      case "dateFormat": profile.dateFormat = try file.text(value, key)
      case "dateOrder":
        guard let order = DateOrder(rawValue: try file.text(value, key)) else {
          throw file.fail(value, "dateOrder: mdy or dmy")
        }
        profile.dateOrder = order
      case "skipRows":
        guard let rows = value.int, rows >= 0 else { throw file.fail(value, "skipRows: a number of rows") }
        profile.skipRows = rows
      case "sheet": profile.sheet = try file.text(value, key)
      case "encoding": profile.encoding = try encoding(value, file)
      case "creditTypes": profile.creditTypes = try creditTypes(value, file)
      case "defaults":
        for (fieldNode, valueNode) in try file.mapping(value, key) {
          profile.defaults[try fieldName(fieldNode, key, file)] = try file.text(
            valueNode, "defaults.\(fieldNode.string ?? "")")
        }
      case "record":
        let path = try file.text(value, key)
        guard path.hasPrefix("/"), path.count > 1 else {
          throw file.fail(value, "record: an element path from the root, such as /Export/Course")
        }
        profile.record = path
      case "fields":
        for (fieldNode, pathNode) in try file.mapping(value, key) {
          profile.fields[try fieldName(fieldNode, key, file)] = try file.text(
            pathNode, "fields.\(fieldNode.string ?? "")")
        }
      default:
        throw file.fail(keyNode, "unknown key '\(key)' (known keys: \(knownKeys.joined(separator: ", ")))")
      }
    }
    if profile.record == nil, !profile.fields.isEmpty {
      throw .unreadable(path: displayPath, reason: "fields: needs record: (the element that is one record)")
    }
    return profile
  }

  /// `columns:`, each field's header name or column number (from 1).
  private static func columns(_ value: Node, _ file: YAMLFile) throws(CMEAuditError) -> [Field:
    ColumnReference]
  {
    var columns: [Field: ColumnReference] = [:]
    for (fieldNode, reference) in try file.mapping(value, "columns") {
      let field = try fieldName(fieldNode, "columns", file)
      if let number = reference.int {
        guard number >= 1 else {
          throw file.fail(reference, "columns.\(fieldNode.string ?? ""): numbers start at 1")
        }
        columns[field] = .number(number)
      } else if let text = reference.string, !text.isEmpty {
        columns[field] = .header(text)
      } else {
        throw file.fail(reference, "columns.\(fieldNode.string ?? ""): a header name or a column number")
      }
    }
    return columns
  }

  /// `encoding:`, by any of its common names.
  private static func encoding(_ value: Node, _ file: YAMLFile) throws(CMEAuditError) -> TextEncodingName {
    let name = try file.text(value, "encoding").lowercased()
    let aliases: [String: TextEncodingName] = [
      "utf-8": .utf8, "utf8": .utf8, "utf-16le": .utf16LE, "utf-16be": .utf16BE,
      "windows-1252": .windows1252,
      "cp1252": .windows1252, "latin1": .windows1252, "iso-8859-1": .windows1252,
    ]
    guard let encoding = aliases[name] else {
      throw file.fail(value, "encoding: one of utf-8, utf-16le, utf-16be, windows-1252")
    }
    return encoding
  }

  /// `creditTypes:`, a file's own credit type spellings (lowercased) and the type each means.
  private static func creditTypes(_ value: Node, _ file: YAMLFile) throws(CMEAuditError) -> [String:
    CreditType]
  {
    var types: [String: CreditType] = [:]
    for (rawNode, typeNode) in try file.mapping(value, "creditTypes") {
      guard let raw = rawNode.string, let type = typeNode.string.flatMap(CreditType.init(rawValue:)) else {
        let ids = CreditType.allCases.map(\.rawValue).joined(separator: ", ")
        throw file.fail(typeNode, "creditTypes.\(rawNode.string ?? ""): one of \(ids)")
      }
      types[raw.lowercased()] = type
    }
    return types
  }

  private static func fieldName(_ node: Node, _ key: String, _ file: YAMLFile) throws(CMEAuditError) -> Field
  {
    guard let name = node.string, let field = fieldNames[name] else {
      let names = fieldNames.keys.sorted().joined(separator: ", ")
      throw file.fail(node, "\(key): unknown field '\(node.string ?? "")' (fields: \(names))")
    }
    return field
  }
}
