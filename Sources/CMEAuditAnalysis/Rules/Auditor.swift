import CMEAuditModel
import Foundation

/// One requirement's result: what it asks, what verified credit meets it, and what would close a shortfall.
public struct RequirementResult: Sendable, Hashable, Codable {
  /// A log claim in the requirement's window that is not verified, and why.
  public struct Claim: Sendable, Hashable, Codable {
    public var record: String
    public var date: CalendarDay?
    public var title: String
    public var amount: Decimal
    public var why: String
  }

  /// An activity's topic read from its title.
  public struct InferredTopic: Sendable, Hashable, Codable {
    public var record: String
    public var title: String
    public var topic: String
    /// The rule file's keyword found in the title.
    public var keyword: String
  }

  /// The rule set's name.
  public var rules: String
  public var id: String
  /// The minimum; nil for a cap.
  public var required: Decimal?
  /// For a cap: the most that counts.
  public var cap: Decimal?
  public var verified: Decimal
  /// Self-reported credit the requirement accepts on the physician's word (`attested:`), within the rule
  /// set's caps: counted toward `met` and `shortfall`, never verified.
  public var attested: Decimal
  /// Credit beyond the requirement in the previous cycle counted toward this one (`carryForward:`): counted
  /// toward `met` and `shortfall`, shown apart.
  public var carriedForward: Decimal
  /// Claimed in the log for this requirement but not verified.
  public var unverified: Decimal
  public var shortfall: Decimal
  public var met: Bool
  /// Whether the requirement applies to the physician (`appliesIf:`, `exemptIf:`, `--physician`); one that
  /// does not is met, with no shortfall.
  public var applies: Bool
  /// The conditions the requirement names, and what they came to.
  public var condition: String?
  /// The activities counted (their ids).
  public var records: [String]
  /// Activities counted because a rule file's keyword put their title on the requirement's topic: a guess,
  /// shown so that it can be checked (and rejected with a `reject-topic` decision).
  public var inferredTopics: [InferredTopic]
  /// The claims that would close the shortfall if documented.
  public var toClose: [Claim]
  public var from: CalendarDay?
  public var to: CalendarDay
  public var location: String
}

/// Evaluates rule sets on verified credit only: unverifiable, duplicate and pending entries never count.
public struct Auditor: Sendable {
  public init() {}

  /// `activities` are all the run's activities, whatever the report's period (a one-time topic may have
  /// been met years before the cycle).
  public func evaluate(_ rules: [RuleSet], activities: [[ActivityRecord]]) -> [RequirementResult] {
    evaluate(rules, activities: activities, verified: Totals.verifiedActivities(activities))
  }

  /// `evaluate(_:activities:)` with the activities' verified credit already worked out
  /// (`Totals.verifiedActivities` of the same activities).
  public func evaluate(
    _ rules: [RuleSet], activities: [[ActivityRecord]], verified: [VerifiedActivity],
    decisions: Decisions? = nil, physician: Physician? = nil
  ) -> [RequirementResult] {
    let rejected = decisions?.rejectedTopics ?? [:]
    let verifiedIDs = Set(verified.flatMap(\.records))
    // Log lines not backed by verified credit, with why.
    let claims: [(record: ActivityRecord, why: String)] = activities.flatMap { members in
      members.filter { $0.kind == .log && !verifiedIDs.contains($0.id) }.map { log in
        (log, Self.why(log, members: members))
      }
    }
    return rules.flatMap { ruleSet in
      // Activities an exclusive requirement counted count toward no other exclusive one of the file.
      var taken: Set<String> = []
      return ruleSet.requirements.map { requirement in
        let eligible = verified.filter { activity in
          requirement.approves(activity.provider) && !(requirement.exclusive && taken.contains(activity.id))
        }
        let schedule = RequirementSchedule(requirement, of: ruleSet, physician: physician)
        let excluded = requirement.exclusive ? taken : []
        func evaluated(from: CalendarDay?, to: CalendarDay, carried: Decimal) -> (
          RequirementResult, attested: [String]
        ) {
          evaluate(
            requirement, of: ruleSet, verified: eligible, activities: activities, claims: claims,
            rejected: rejected, excluded: excluded, from: from, until: to, carried: carried)
        }
        var carried: Decimal = 0
        if let most = requirement.carryForward, let previous = schedule.previousCycle {
          // What the previous cycle had beyond the requirement (its own carry is not carried again).
          let (before, _) = evaluated(from: previous.from, to: previous.to, carried: 0)
          carried = min(most, max(0, before.verified + before.attested - (requirement.credits ?? 0)))
        }
        var (result, attested) = evaluated(from: schedule.from, to: schedule.to, carried: carried)
        (result.applies, result.condition) = Self.applicability(requirement, physician: physician)
        if !schedule.notes.isEmpty {
          result.condition = ([result.condition].compactMap { $0 } + schedule.notes).joined(separator: "; ")
        }
        if !schedule.due { result.applies = false }
        if !result.applies { (result.met, result.shortfall, result.toClose) = (true, 0, []) }
        if requirement.exclusive, result.applies { taken.formUnion(result.records + attested) }
        return result
      }
    }
  }

  private func evaluate(
    _ requirement: RuleSet.Requirement, of ruleSet: RuleSet, verified: [VerifiedActivity],
    activities: [[ActivityRecord]], claims: [(record: ActivityRecord, why: String)],
    rejected: [String: Set<String>], excluded: Set<String>, from: CalendarDay?, until to: CalendarDay,
    carried: Decimal
  ) -> (RequirementResult, attested: [String]) {
    func inWindow(_ day: CalendarDay?) -> Bool {
      guard let day else { return false }
      return day <= to && (from.map { day >= $0 } ?? true)
    }
    func typeCounts(_ type: CreditType?) -> Bool { requirement.accepts(type) }
    func topic(title: String, carried: [String], records: [String]) -> RuleSet.TopicMatch {
      guard let wanted = requirement.topics else { return .documented }
      let refused = records.reduce(into: Set<String>()) { $0.formUnion(rejected[$1] ?? []) }
      return ruleSet.topicMatch(title: title, carried: carried, wanted: wanted, rejected: refused)
    }
    func topicCounts(title: String, carried: [String], records: [String]) -> Bool {
      topic(title: title, carried: carried, records: records) != .none
    }
    var caps = Caps(ruleSet.requirements.filter { $0.maxCounted != nil && $0.id != requirement.id })
    var total: Decimal = 0
    var counted: [String] = []
    var inferred: [RequirementResult.InferredTopic] = []
    for activity in verified where inWindow(activity.date) {
      let match = topic(title: activity.title, carried: activity.topics, records: activity.records)
      if match == .none { continue }
      // One activity counts once: with the one of its lines (in the requirement's unit, of a type it accepts)
      // that counts the most once caps are applied. 8 AMA PRA Category 1 and 8 AAFP Prescribed credits are
      // 8 hours of education, not 16.
      let lines = activity.credits.filter { typeCounts($0.type) && requirement.takesBoard(of: $0) }
      guard let line = lines.max(by: { caps.countable($0) < caps.countable($1) }) else { continue }
      let amount = caps.take(line)
      total += amount
      if amount > 0 || !caps.limits(line) { counted.append(activity.id) }
      if amount > 0, case .inferred(let topic, let keyword) = match {
        inferred.append(.init(record: activity.id, title: activity.title, topic: topic, keyword: keyword))
      }
    }
    let attested = attestedCredit(
      requirement, caps: &caps, counted: Set(counted).union(excluded), activities: activities
    ) {
      members in
      members.contains {
        inWindow($0.date) && topicCounts(title: $0.title, carried: $0.topics, records: members.map(\.id))
      }
    }
    if let cap = requirement.maxCounted { total = min(total, cap) }
    var toClose: [RequirementResult.Claim] = []
    for (log, why) in claims
    where inWindow(log.date) && topicCounts(title: log.title, carried: log.topics, records: [log.id])
      && !attested.records.contains(log.id)
    {
      // As an activity counts: its largest line the requirement accepts (a line naming no type, in hours).
      let amount =
        log.credits.filter { $0.type == nil ? !requirement.countsPoints : typeCounts($0.type) }.map(\.amount)
        .max() ?? 0
      guard amount > 0 else { continue }
      toClose.append(.init(record: log.id, date: log.date, title: log.title, amount: amount, why: why))
    }
    let unverified = toClose.reduce(Decimal(0)) { $0 + $1.amount }
    let required = requirement.credits
    let shortfall = max(0, (required ?? 0) - total - attested.amount - carried)
    let result = RequirementResult(
      rules: ruleSet.name, id: requirement.id, required: required, cap: requirement.maxCounted,
      verified: total, attested: attested.amount, carriedForward: carried,
      unverified: unverified, shortfall: shortfall, met: shortfall == 0, applies: true, condition: nil,
      records: counted,
      inferredTopics: inferred,
      toClose: shortfall > 0 ? toClose : [], from: from, to: to, location: requirement.location)
    return (result, attested.activities)
  }

  /// The self-reported credit `requirement` accepts on the physician's word (`attested:`): each activity not
  /// already counted as verified, once, with its largest self-reported line of an attested type (the log's
  /// claim where there is one), within the caps of the rule set, which it fills as verified credit does. An
  /// activity in `counted` (already counted, or taken by another exclusive requirement) is not, nor one whose
  /// provider the requirement does not approve. Returns the records and the activities (their first record's
  /// id) it counted.
  private func attestedCredit(
    _ requirement: RuleSet.Requirement, caps: inout Caps, counted: Set<String>,
    activities: [[ActivityRecord]],
    inWindowAndTopic: ([ActivityRecord]) -> Bool
  ) -> (amount: Decimal, records: [String], activities: [String]) {
    guard let types = requirement.attested else { return (0, [], []) }
    var amount: Decimal = 0
    var records: [String] = []
    var counting: [String] = []
    for members in activities where !counted.contains(members[0].id) && inWindowAndTopic(members) {
      guard requirement.approves(members.lazy.compactMap(\.provider).first) else { continue }
      let claims = members.filter { $0.kind == .log && $0.evaluation != .pending }
      let sources = claims.isEmpty ? members.filter(\.kind.isEvidence) : claims
      let lines = sources.flatMap { record in
        record.credits.filter { line in
          line.type.map(types.contains) == true && (line.isSelfReported(on: record) || record.selfReported)
        }
      }
      guard let line = lines.max(by: { caps.countable($0) < caps.countable($1) }), caps.countable(line) > 0
      else { continue }
      amount += caps.take(line)
      records += sources.map(\.id)
      counting.append(members[0].id)
    }
    return (amount, records, counting)
  }

  /// Whether a requirement applies to the physician, and the conditions it names in words. Without
  /// `--physician`, a requirement with conditions is taken to apply, and says so.
  static func applicability(_ requirement: RuleSet.Requirement, physician: Physician?) -> (Bool, String?) {
    let applies = requirement.appliesIf.map { "applies if " + describe($0) }
    let exempt = requirement.exemptIf.map { "exempt if " + describe($0) }
    let said = [applies, exempt].compactMap { $0 }.joined(separator: "; ")
    guard !said.isEmpty else { return (true, nil) }
    guard let physician else { return (true, said + " (no --physician given: taken to apply)") }
    if let conditions = requirement.appliesIf, !physician.satisfies(conditions) {
      return (false, said + ": does not apply to \(physician.path)")
    }
    if let conditions = requirement.exemptIf, physician.satisfies(conditions) {
      return (false, said + ": exempt, as \(physician.path) says")
    }
    return (true, said + ": applies, as \(physician.path) says")
  }

  private static func describe(_ conditions: [String: Physician.Fact]) -> String {
    conditions.keys.sorted().map { key in
      let value =
        switch conditions[key]! {
        case .text(let text): text
        case .flag(let flag): "\(flag)"
        case .day(let day): "\(day)"
        case .list(let values): values.joined(separator: " or ")
        }
      return "\(key): \(value)"
    }.joined(separator: ", ")
  }

  /// Why a log line does not count.
  static func why(_ log: ActivityRecord, members: [ActivityRecord]) -> String {
    if log.evaluation == .pending { return "evaluation not done: complete it to get the certificate" }
    if log.credits.allSatisfy({ $0.type == .participation }) { return "participation only: not credit" }
    if log.isSelfReportedCredit {
      return "self-reported (Category 2): keep your documentation"
    }
    if members.contains(where: \.kind.isEvidence) { return "its record shows no accreditation" }
    return "no record: find the certificate or ask the CME office to post it"
  }
}

/// The caps of a rule set (its requirements with `maxCounted`, other than the one evaluated) and how much of
/// each has been used: a line of a capped type counts only up to what is left.
struct Caps {
  private let caps: [RuleSet.Requirement]
  private var used: [Int: Decimal] = [:]

  init(_ caps: [RuleSet.Requirement]) { self.caps = caps }

  private func index(of line: CreditLine) -> Int? {
    caps.firstIndex { cap in cap.creditTypes.map { types in line.type.map(types.contains) ?? false } ?? false
    }
  }

  /// A cap limits the line's type.
  func limits(_ line: CreditLine) -> Bool { index(of: line) != nil }

  /// What the line would count now.
  func countable(_ line: CreditLine) -> Decimal {
    guard let index = index(of: line), let most = caps[index].maxCounted else { return line.amount }
    return min(max(0, most - (used[index] ?? 0)), line.amount)
  }

  /// Counts the line: what it counts, taken from its cap.
  mutating func take(_ line: CreditLine) -> Decimal {
    let amount = countable(line)
    if let index = index(of: line) { used[index, default: 0] += amount }
    return amount
  }
}
