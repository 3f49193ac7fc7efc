import CMEAuditImport
import CMEAuditModel
import Foundation
import Yams

/// Who the physician is, as far as a board's rules ask (`--physician FILE`): which requirements apply depends
/// on it (a DEA registrant's one-time training, a specialty's topic, a resident presumed compliant).
///
/// ```yaml
/// name: Dana Levy
/// licensedOn: 2023-07-01
/// licenseExpires: 2027-06-30
/// deaRegistered: true
/// specialties: [internal-medicine]
/// boards: [abim]
/// inTraining: false
/// states: [CA, TX]
/// ```
public struct Physician: Sendable, Equatable {
  /// A fact a rule's `appliesIf:` or `exemptIf:` may name, and its value.
  public enum Fact: Sendable, Equatable {
    case text(String)
    case flag(Bool)
    case day(CalendarDay)
    case list([String])
  }

  /// The facts a rule may name, and what each holds.
  public static let factKinds: [String: String] = [
    "name": "text", "licensedOn": "date", "licenseExpires": "date", "deaRegistered": "flag",
    "specialties": "list", "boards": "list", "inTraining": "flag", "states": "list",
  ]

  public var path: String
  public private(set) var facts: [String: Fact] = [:]

  public init(path: String, facts: [String: Fact] = [:]) {
    self.path = path
    self.facts = facts
  }

  public static func load(_ url: URL, displayPath: String) throws(CMEAuditError) -> Physician {
    try parse(YAMLFile.text(url, displayPath: displayPath, what: "physician file"), displayPath: displayPath)
  }

  public static func parse(_ yaml: String, displayPath: String) throws(CMEAuditError) -> Physician {
    let file = YAMLFile(displayPath: displayPath)
    let (_, mapping) = try file.rootMapping(yaml, else: "a physician file is a mapping of facts")
    var physician = Physician(path: displayPath)
    for (keyNode, value) in mapping {
      let key = keyNode.string ?? ""
      physician.facts[key] = try fact(key, value, file, at: keyNode)
    }
    return physician
  }

  /// A fact's value as the file writes it, checked against what the fact holds.
  static func fact(_ key: String, _ value: Node, _ file: YAMLFile, at keyNode: Node) throws(CMEAuditError)
    -> Fact
  {
    switch factKinds[key] {
    case "text": return .text(try file.nonEmptyText(value, key))
    case "flag":
      guard let flag = value.bool else { throw file.fail(value, "\(key): true or false") }
      return .flag(flag)
    case "date": return .day(try file.day(value, key))
    case "list":
      if value.scalar != nil { return .list([try file.nonEmptyText(value, key).lowercased()]) }
      return .list(
        try file.list(value, key).map { node throws(CMEAuditError) in
          try file.nonEmptyText(node, key).lowercased()
        })
    default:
      let known = factKinds.keys.sorted().joined(separator: ", ")
      throw file.fail(keyNode, "unknown fact '\(key)' (known: \(known))")
    }
  }

  /// The day of the initial license, when the file gives it.
  public var licensedOn: CalendarDay? {
    if case .day(let day) = facts["licensedOn"] { return day }
    return nil
  }

  /// Whether every condition holds: a fact equal to the condition's value, or a list fact containing it (any
  /// of the condition's values, for a list). A fact the file does not give holds for no condition.
  public func satisfies(_ conditions: [String: Fact]) -> Bool {
    conditions.allSatisfy { key, wanted in
      guard let fact = facts[key] else { return false }
      switch (fact, wanted) {
      case (.list(let have), .list(let any)): return any.contains(where: have.contains)
      case (.list(let have), .text(let one)): return have.contains(one.lowercased())
      default: return fact == wanted
      }
    }
  }
}
