import CMEAuditImport
import CMEAuditModel
import Foundation
import Yams

extension RuleSet {
  static let knownKeys = ["name", "source", "cycle", "requirements", "topicKeywords", "claimWindows"]
  static let requirementKeys = [
    "id", "credits", "creditTypes", "topics", "once", "maxCounted", "attested", "appliesIf", "exemptIf",
    "approvedProviders", "exclusive", "boards", "dueWithinMonthsOfLicensure", "dueByRenewal", "everyCycles",
    "firstRenewalOnly", "carryForward", "withinMonths",
  ]
  /// The keys that count renewals or cycles, which need a cycle of whole months.
  static let renewalKeys = ["dueByRenewal", "everyCycles", "firstRenewalOnly", "carryForward"]

  public static func load(_ url: URL, displayPath: String) throws(CMEAuditError) -> RuleSet {
    try parse(YAMLFile.text(url, displayPath: displayPath, what: "rule file"), displayPath: displayPath)
  }

  /// Reads a rule file. Unknown keys and values of the wrong type are errors naming the file, the line and
  /// the key.
  public static func parse(_ yaml: String, displayPath: String) throws(CMEAuditError) -> RuleSet {
    let file = YAMLFile(displayPath: displayPath)
    let (root, mapping) = try file.rootMapping(yaml, else: "a rule file is a mapping of keys")
    var name: String?
    var source: String?
    var cycle: Period?
    var requirements: [Requirement] = []
    var keywords: [String: [String]] = [:]
    var claimWindows: [ClaimWindows.Window] = []
    var renewalKey: Node?
    for (keyNode, value) in mapping {
      switch keyNode.string {
      case "name": name = try file.nonEmptyText(value, "name")
      case "source": source = try file.nonEmptyText(value, "source")
      case "cycle": cycle = try Self.cycle(value, file)
      case "requirements":
        for item in try file.list(value, "requirements") {
          let requirement = try Self.requirement(item, file)
          if renewalKey == nil, let fields = item.mapping {
            renewalKey = fields.first { renewalKeys.contains($0.key.string ?? "") }?.key
          }
          guard !requirements.contains(where: { $0.id == requirement.id }) else {
            throw file.fail(item, "requirement id '\(requirement.id)' is used twice")
          }
          requirements.append(requirement)
        }
      case "topicKeywords": keywords = try Self.topicKeywords(value, file)
      case "claimWindows": claimWindows = try Self.claimWindows(value, file)
      default:
        throw file.fail(
          keyNode, "unknown key '\(keyNode.string ?? "")' (known keys: \(knownKeys.joined(separator: ", ")))")
      }
    }
    guard let cycle else { throw file.fail(root, "a rule file needs cycle:") }
    guard !requirements.isEmpty else { throw file.fail(root, "a rule file needs requirements:") }
    var rules = RuleSet(path: displayPath, name: name ?? displayPath, source: source, cycle: cycle)
    if let renewalKey, rules.cycleMonths == nil {
      throw file.fail(
        renewalKey,
        "\(renewalKey.string ?? ""): renewals are counted in cycles of whole months; give cycle: {months, ending}"
      )
    }
    rules.requirements = requirements
    rules.topicKeywords = keywords
    rules.claimWindows = claimWindows
    return rules
  }

  /// `cycle: {from, to}` or `{months, ending}`.
  private static func cycle(_ value: Node, _ file: YAMLFile) throws(CMEAuditError) -> Period {
    guard let fields = value.mapping else { throw file.fail(value, "cycle: {from, to} or {months, ending}") }
    var from: CalendarDay?
    var to: CalendarDay?
    var months: Int?
    for (field, fieldValue) in fields {
      switch field.string {
      case "from": from = try file.day(fieldValue, "cycle.from")
      case "to", "ending": to = try file.day(fieldValue, "cycle.\(field.string!)")
      case "months":
        guard let number = fieldValue.int, number > 0 else {
          throw file.fail(fieldValue, "cycle.months: a number")
        }
        months = number
      default:
        throw file.fail(field, "cycle: unknown key '\(field.string ?? "")' (from, to; or months, ending)")
      }
    }
    guard let end = to else { throw file.fail(value, "cycle: needs to: (or ending:)") }
    if let months, from == nil {
      guard let start = Self.start(ofMonths: months, ending: end) else {
        throw file.fail(value, "cycle.months: \(months) months before \(end) is before any calendar")
      }
      from = start
    }
    guard let start = from, start <= end else {
      throw file.fail(value, "cycle: needs from: on or before to:")
    }
    return Period(from: start, to: end)
  }

  /// One item of `requirements:`.
  private static func requirement(_ item: Node, _ file: YAMLFile) throws(CMEAuditError) -> Requirement {
    guard let fields = item.mapping else { throw file.fail(item, "each requirement is a mapping") }
    var requirement = Requirement(id: "", location: "\(file.displayPath):\(item.mark?.line ?? 0)")
    for (field, fieldValue) in fields {
      let key = "requirements.\(field.string ?? "")"
      switch field.string {
      case "id": requirement.id = try file.nonEmptyText(fieldValue, key)
      case "credits": requirement.credits = try file.amount(fieldValue, key)
      case "maxCounted": requirement.maxCounted = try file.amount(fieldValue, key)
      case "once":
        guard let flag = fieldValue.bool else { throw file.fail(fieldValue, "\(key): true or false") }
        requirement.once = flag
      case "creditTypes": requirement.creditTypes = try creditTypes(fieldValue, key, file)
      case "attested": requirement.attested = try creditTypes(fieldValue, key, file)
      case "appliesIf": requirement.appliesIf = try conditions(fieldValue, key, file)
      case "approvedProviders":
        requirement.approvedProviders = try file.list(fieldValue, key).map { node throws(CMEAuditError) in
          try file.nonEmptyText(node, key)
        }
      case "dueWithinMonthsOfLicensure":
        guard let months = fieldValue.int, months > 0 else {
          throw file.fail(fieldValue, "\(key): a number of months")
        }
        requirement.dueWithinMonthsOfLicensure = months
      case "dueByRenewal": requirement.dueByRenewal = try count(fieldValue, key, "a renewal number", file)
      case "everyCycles": requirement.everyCycles = try count(fieldValue, key, "a number of cycles", file)
      case "firstRenewalOnly":
        guard let flag = fieldValue.bool else { throw file.fail(fieldValue, "\(key): true or false") }
        requirement.firstRenewalOnly = flag
      case "withinMonths":
        guard let months = fieldValue.int, (1...1200).contains(months) else {
          throw file.fail(fieldValue, "\(key): a number of months, 1 to 1200")
        }
        requirement.withinMonths = months
      case "carryForward": requirement.carryForward = try file.amount(fieldValue, key)
      case "boards":
        requirement.boards = try file.list(fieldValue, key).map { node throws(CMEAuditError) in
          try file.nonEmptyText(node, key)
        }
      case "exclusive":
        guard let flag = fieldValue.bool else { throw file.fail(fieldValue, "\(key): true or false") }
        requirement.exclusive = flag
      case "exemptIf": requirement.exemptIf = try conditions(fieldValue, key, file)
      case "topics":
        requirement.topics = try file.list(fieldValue, key).map { node throws(CMEAuditError) in
          RuleSet.normaliseTopic(try file.nonEmptyText(node, key))
        }
      default:
        throw file.fail(
          field,
          "unknown key '\(field.string ?? "")' in a requirement (known: \(requirementKeys.joined(separator: ", ")))"
        )
      }
    }
    guard !requirement.id.isEmpty else { throw file.fail(item, "a requirement needs an id") }
    guard requirement.credits != nil || requirement.maxCounted != nil else {
      throw file.fail(
        item, "requirement '\(requirement.id)' needs credits: (a minimum) or maxCounted: (a cap)")
    }
    return requirement
  }

  /// A small positive whole number (a renewal, a number of cycles).
  private static func count(_ value: Node, _ key: String, _ what: String, _ file: YAMLFile)
    throws(CMEAuditError) -> Int
  {
    guard let number = value.int, (1...100).contains(number) else {
      throw file.fail(value, "\(key): \(what), 1 to 100")
    }
    return number
  }

  /// `claimWindows:`, a mapping of a provider (part of its name) to the days its portal takes claims.
  private static func claimWindows(_ value: Node, _ file: YAMLFile) throws(CMEAuditError)
    -> [ClaimWindows.Window]
  {
    guard let providers = value.mapping else {
      throw file.fail(value, "claimWindows: a mapping of provider to days (ACP: 365)")
    }
    return try providers.map { provider, days throws(CMEAuditError) in
      let name = try file.nonEmptyText(provider, "claimWindows")
      guard let number = days.int, (1...3650).contains(number) else {
        throw file.fail(days, "claimWindows.\(name): a number of days, 1 to 3650")
      }
      return ClaimWindows.Window(provider: name, days: number)
    }
  }

  /// A map of physician facts to the values they must have.
  private static func conditions(_ value: Node, _ key: String, _ file: YAMLFile) throws(CMEAuditError)
    -> [String: Physician.Fact]
  {
    var conditions: [String: Physician.Fact] = [:]
    for (factNode, wanted) in try file.mapping(value, key) {
      let fact = factNode.string ?? ""
      conditions[fact] = try Physician.fact(fact, wanted, file, at: factNode)
    }
    return conditions
  }

  /// A list of credit type ids.
  private static func creditTypes(_ value: Node, _ key: String, _ file: YAMLFile) throws(CMEAuditError)
    -> [CreditType]
  {
    try file.list(value, key).map { node throws(CMEAuditError) in
      guard let type = node.string.flatMap(CreditType.init(rawValue:)) else {
        let ids = CreditType.allCases.map(\.rawValue).joined(separator: ", ")
        throw file.fail(node, "\(key): '\(node.string ?? "")' is not a credit type id (\(ids))")
      }
      return type
    }
  }

  /// `topicKeywords:`, a mapping of topic to the words that name it in a title.
  private static func topicKeywords(_ value: Node, _ file: YAMLFile) throws(CMEAuditError) -> [String:
    [String]]
  {
    guard let topics = value.mapping else {
      throw file.fail(value, "topicKeywords: a mapping of topic to words")
    }
    var keywords: [String: [String]] = [:]
    for (topic, words) in topics {
      let key = "topicKeywords.\(topic.string ?? "")"
      keywords[RuleSet.normaliseTopic(try file.nonEmptyText(topic, "topicKeywords"))] = try file.list(
        words, key
      ).map {
        node throws(CMEAuditError) in try file.nonEmptyText(node, key).lowercased()
      }
    }
    return keywords
  }

  /// The first day of a cycle of `months` months that ends on `ending` (24 months ending 2027-01-31 start
  /// on 2025-02-01).
  static func start(ofMonths months: Int, ending: CalendarDay) -> CalendarDay? {
    ending.adding(days: 1).adding(months: -months)
  }
}
