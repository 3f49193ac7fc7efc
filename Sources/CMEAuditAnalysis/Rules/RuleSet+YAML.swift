import CMEAuditImport
import CMEAuditModel
import Foundation
import Yams

extension RuleSet {
  static let knownKeys = ["name", "source", "cycle", "requirements", "topicKeywords"]
  static let requirementKeys = ["id", "credits", "creditTypes", "topics", "once", "maxCounted"]

  public static func load(_ url: URL, displayPath: String) throws(CMEAuditError) -> RuleSet {
    try parse(YAMLFile.text(url, displayPath: displayPath, what: "rule file"), displayPath: displayPath)
  }

  /// Reads a rule file. Unknown keys and values of the wrong type are errors naming the file, the line and
  /// the key.
  public static func parse(_ yaml: String, displayPath: String) throws(CMEAuditError) -> RuleSet {
    let file = YAMLFile(displayPath: displayPath)
    let fail = file.fail
    func text(_ node: Node, _ key: String) throws(CMEAuditError) -> String {
      guard node.scalar != nil, let value = node.string, !value.isEmpty else {
        throw fail(node, "\(key): expected text")
      }
      return value
    }
    func day(_ node: Node, _ key: String) throws(CMEAuditError) -> CalendarDay {
      guard let value = node.string, let day = CalendarDay(iso: value) else {
        throw fail(node, "\(key): a date written YYYY-MM-DD")
      }
      return day
    }
    func amount(_ node: Node, _ key: String) throws(CMEAuditError) -> Decimal {
      guard let value = node.string,
        let number = Decimal(string: value, locale: Locale(identifier: "en_US_POSIX")),
        number >= 0
      else { throw fail(node, "\(key): a number of credits") }
      return number
    }
    func list(_ node: Node, _ key: String) throws(CMEAuditError) -> [Node] {
      guard let sequence = node.sequence else { throw fail(node, "\(key): expected a list") }
      return Array(sequence)
    }
    let root = try file.compose(yaml)
    guard let root, let mapping = root.mapping else { throw fail(root, "a rule file is a mapping of keys") }
    var name: String?
    var source: String?
    var cycle: Period?
    var requirements: [Requirement] = []
    var keywords: [String: [String]] = [:]
    for (keyNode, value) in mapping {
      switch keyNode.string {
      case "name": name = try text(value, "name")
      case "source": source = try text(value, "source")
      case "cycle":
        guard let fields = value.mapping else { throw fail(value, "cycle: {from, to} or {months, ending}") }
        var from: CalendarDay?
        var to: CalendarDay?
        var months: Int?
        for (field, fieldValue) in fields {
          switch field.string {
          case "from": from = try day(fieldValue, "cycle.from")
          case "to", "ending": to = try day(fieldValue, "cycle.\(field.string!)")
          case "months":
            guard let number = fieldValue.int, number > 0 else {
              throw fail(fieldValue, "cycle.months: a number")
            }
            months = number
          default:
            throw fail(field, "cycle: unknown key '\(field.string ?? "")' (from, to; or months, ending)")
          }
        }
        guard let end = to else { throw fail(value, "cycle: needs to: (or ending:)") }
        if let months, from == nil { from = Self.start(ofMonths: months, ending: end) }
        guard let start = from, start <= end else { throw fail(value, "cycle: needs from: on or before to:") }
        cycle = Period(from: start, to: end)
      case "requirements":
        for item in try list(value, "requirements") {
          guard let fields = item.mapping else { throw fail(item, "each requirement is a mapping") }
          var requirement = Requirement(id: "", location: "\(displayPath):\(item.mark?.line ?? 0)")
          for (field, fieldValue) in fields {
            let key = "requirements.\(field.string ?? "")"
            switch field.string {
            case "id": requirement.id = try text(fieldValue, key)
            case "credits": requirement.credits = try amount(fieldValue, key)
            case "maxCounted": requirement.maxCounted = try amount(fieldValue, key)
            case "once":
              guard let flag = fieldValue.bool else { throw fail(fieldValue, "\(key): true or false") }
              requirement.once = flag
            case "creditTypes":
              requirement.creditTypes = try list(fieldValue, key).map { node throws(CMEAuditError) in
                guard let type = node.string.flatMap(CreditType.init(rawValue:)) else {
                  let ids = CreditType.allCases.map(\.rawValue).joined(separator: ", ")
                  throw fail(node, "\(key): '\(node.string ?? "")' is not a credit type id (\(ids))")
                }
                return type
              }
            case "topics":
              requirement.topics = try list(fieldValue, key).map { node throws(CMEAuditError) in
                RuleSet.normaliseTopic(try text(node, key))
              }
            default:
              throw fail(
                field,
                "unknown key '\(field.string ?? "")' in a requirement (known: \(requirementKeys.joined(separator: ", ")))"
              )
            }
          }
          guard !requirement.id.isEmpty else { throw fail(item, "a requirement needs an id") }
          guard requirement.credits != nil || requirement.maxCounted != nil else {
            throw fail(
              item, "requirement '\(requirement.id)' needs credits: (a minimum) or maxCounted: (a cap)")
          }
          guard !requirements.contains(where: { $0.id == requirement.id }) else {
            throw fail(item, "requirement id '\(requirement.id)' is used twice")
          }
          requirements.append(requirement)
        }
      case "topicKeywords":
        guard let topics = value.mapping else {
          throw fail(value, "topicKeywords: a mapping of topic to words")
        }
        for (topic, words) in topics {
          let key = "topicKeywords.\(topic.string ?? "")"
          keywords[RuleSet.normaliseTopic(try text(topic, "topicKeywords"))] = try list(words, key).map {
            node throws(CMEAuditError) in try text(node, key).lowercased()
          }
        }
      default:
        throw fail(
          keyNode, "unknown key '\(keyNode.string ?? "")' (known keys: \(knownKeys.joined(separator: ", ")))")
      }
    }
    guard let cycle else { throw fail(root, "a rule file needs cycle:") }
    guard !requirements.isEmpty else { throw fail(root, "a rule file needs requirements:") }
    var rules = RuleSet(path: displayPath, name: name ?? displayPath, source: source, cycle: cycle)
    rules.requirements = requirements
    rules.topicKeywords = keywords
    return rules
  }

  /// The first day of a cycle of `months` months that ends on `ending` (24 months ending 2027-01-31 start
  /// on 2025-02-01).
  static func start(ofMonths months: Int, ending: CalendarDay) -> CalendarDay {
    let next = ending.adding(days: 1)
    let c = next.components
    let total = c.year * 12 + (c.month - 1) - months
    let day = min(c.day, CalendarDay.daysIn(month: total % 12 + 1, year: total / 12))
    return CalendarDay(year: total / 12, month: total % 12 + 1, day: day)!
  }
}
