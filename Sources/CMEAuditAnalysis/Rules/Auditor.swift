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

  /// The rule set's name.
  public var rules: String
  public var id: String
  /// The minimum; nil for a cap.
  public var required: Decimal?
  /// For a cap: the most that counts.
  public var cap: Decimal?
  public var verified: Decimal
  /// Claimed in the log for this requirement but not verified.
  public var unverified: Decimal
  public var shortfall: Decimal
  public var met: Bool
  /// The activities counted (their ids).
  public var records: [String]
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
  public func evaluate(_ rules: [RuleSet], activities: [[ActivityRecord]], verified: [VerifiedActivity])
    -> [RequirementResult]
  {
    let verifiedIDs = Set(verified.flatMap(\.records))
    // Log lines not backed by verified credit, with why.
    let claims: [(record: ActivityRecord, why: String)] = activities.flatMap { members in
      members.filter { $0.kind == .log && !verifiedIDs.contains($0.id) }.map { log in
        (log, Self.why(log, members: members))
      }
    }
    return rules.flatMap { ruleSet in
      ruleSet.requirements.map { requirement in
        evaluate(requirement, of: ruleSet, verified: verified, claims: claims)
      }
    }
  }

  private func evaluate(
    _ requirement: RuleSet.Requirement, of ruleSet: RuleSet, verified: [VerifiedActivity],
    claims: [(record: ActivityRecord, why: String)]
  ) -> RequirementResult {
    let from: CalendarDay? = requirement.once ? nil : ruleSet.cycle.from
    let to = ruleSet.cycle.to
    func inWindow(_ day: CalendarDay?) -> Bool {
      guard let day else { return false }
      return day <= to && (from.map { day >= $0 } ?? true)
    }
    func typeCounts(_ type: CreditType?) -> Bool { requirement.accepts(type) }
    func topicCounts(title: String, carried: [String]) -> Bool {
      guard let wanted = requirement.topics else { return true }
      return !ruleSet.topics(title: title, carried: carried).isDisjoint(with: wanted)
    }
    // Caps of the rule set (other than this requirement) limit what their types contribute.
    let caps = ruleSet.requirements.filter { $0.maxCounted != nil && $0.id != requirement.id }
    var capped: [Int: Decimal] = [:]
    var total: Decimal = 0
    var counted: [String] = []
    for activity in verified
    where inWindow(activity.date) && topicCounts(title: activity.title, carried: activity.topics) {
      // One activity counts once: with the one of its lines (in the requirement's unit, of a type it accepts)
      // that counts the most once caps are applied. 8 AMA PRA Category 1 and 8 AAFP Prescribed credits are
      // 8 hours of education, not 16.
      func cap(of line: CreditLine) -> Int? {
        caps.firstIndex { cap in
          cap.creditTypes.map { types in line.type.map(types.contains) ?? false } ?? false
        }
      }
      func countable(_ line: CreditLine) -> Decimal {
        guard let index = cap(of: line) else { return line.amount }
        return min(max(0, caps[index].maxCounted! - (capped[index] ?? 0)), line.amount)
      }
      let lines = activity.credits.filter { typeCounts($0.type) }
      guard let line = lines.max(by: { countable($0) < countable($1) }) else { continue }
      let amount = countable(line)
      if let index = cap(of: line) { capped[index, default: 0] += amount }
      total += amount
      if amount > 0 || cap(of: line) == nil { counted.append(activity.id) }
    }
    if let cap = requirement.maxCounted { total = min(total, cap) }
    var toClose: [RequirementResult.Claim] = []
    for (log, why) in claims where inWindow(log.date) && topicCounts(title: log.title, carried: log.topics) {
      // As an activity counts: its largest line the requirement accepts (a line naming no type, in hours).
      let amount =
        log.credits.filter { $0.type == nil ? !requirement.countsPoints : typeCounts($0.type) }.map(\.amount)
        .max() ?? 0
      guard amount > 0 else { continue }
      toClose.append(.init(record: log.id, date: log.date, title: log.title, amount: amount, why: why))
    }
    let unverified = toClose.reduce(Decimal(0)) { $0 + $1.amount }
    let required = requirement.credits
    let shortfall = max(0, (required ?? 0) - total)
    return RequirementResult(
      rules: ruleSet.name, id: requirement.id, required: required, cap: requirement.maxCounted,
      verified: total,
      unverified: unverified, shortfall: shortfall, met: shortfall == 0, records: counted,
      toClose: shortfall > 0 ? toClose : [], from: from, to: to, location: requirement.location)
  }

  /// Why a log line does not count.
  static func why(_ log: ActivityRecord, members: [ActivityRecord]) -> String {
    if log.evaluation == .pending { return "evaluation not done: complete it to get the certificate" }
    if log.credits.allSatisfy({ $0.type == .participation }) { return "participation only: not credit" }
    if log.selfReported || log.credits.allSatisfy({ $0.type?.isSelfReported == true }) {
      return "self-reported (Category 2): keep your documentation"
    }
    if members.contains(where: \.kind.isEvidence) { return "its record shows no accreditation" }
    return "no record: find the certificate or ask the CME office to post it"
  }
}
