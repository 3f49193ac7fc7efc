import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditModel

/// Requirements that recur or fall due relative to the initial license, and hours carried from one cycle to the
/// next.
@Suite struct RecurrenceTests {
  /// Two-year cycles ending 2027-01-31: the renewals before it ended 2025-01-31, 2023-01-31, 2021-01-31...
  func result(_ requirement: String, licensedOn: String?, _ activities: [[ActivityRecord]]) throws
    -> RequirementResult
  {
    let rules = try RuleSet.parse(
      """
      cycle: {months: 24, ending: 2027-01-31}
      requirements:
        - \(requirement)
      topicKeywords:
        domestic-violence: [domestic violence]
      """, displayPath: "r.yaml")
    let physician = try licensedOn.map { try Physician.parse("licensedOn: \($0)\n", displayPath: "p.yaml") }
    return try #require(
      Auditor().evaluate(
        [rules], activities: activities, verified: Totals.verifiedActivities(activities),
        physician: physician
      ).first)
  }

  func course(_ id: String, _ date: String, _ title: String, _ hours: Decimal) -> [ActivityRecord] {
    [record(id, .transcript, date, title, credits: [(.amaPRA1, hours)])]
  }

  /// "Every third renewal": due at the 3rd, 6th... renewal after licensure, with the credit of the three
  /// cycles up to it; at another renewal it is not due and says when it next is.
  @Test func everyThirdRenewal() throws {
    let requirement = "{id: dv, credits: 2, topics: [domestic-violence], everyCycles: 3}"
    let course = course("dv", "2021-05-10", "Domestic Violence Screening", 2)
    let third = try result(requirement, licensedOn: "2021-02-01", [course])
    #expect(third.applies && third.met && third.verified == 2 && third.from == day("2021-02-01"))
    #expect(third.condition?.contains("due at renewal 3") == true)
    let second = try result(requirement, licensedOn: "2023-02-01", [course])
    #expect(!second.applies && second.met)
    #expect(second.condition?.contains("this cycle ends renewal 2: not due (next at renewal 3)") == true)
    let unknown = try result(requirement, licensedOn: nil, [])
    #expect(unknown.applies && unknown.shortfall == 2)
    #expect(unknown.condition?.contains("give licensedOn") == true)
  }

  /// "First renewal only": due at the first renewal, with credit from the day of licensure.
  @Test func firstRenewalOnly() throws {
    let requirement = "{id: orientation, credits: 3, firstRenewalOnly: true}"
    let before = course("a", "2025-03-01", "Board Orientation", 3)
    let after = course("b", "2025-08-01", "Risk Management", 2)
    let first = try result(requirement, licensedOn: "2025-06-01", [before, after])
    #expect(first.applies && first.from == day("2025-06-01") && first.verified == 2 && first.shortfall == 1)
    let later = try result(requirement, licensedOn: "2019-06-01", [before, after])
    #expect(!later.applies && later.shortfall == 0)
    #expect(later.condition?.contains("only at the first renewal") == true)
  }

  /// "By the second renewal or within four years of licensure, whichever comes first" (California's 12 hours).
  @Test func byTheSecondRenewalOrWithinFourYears() throws {
    let requirement =
      "{id: pain, credits: 12, once: true, dueByRenewal: 2, dueWithinMonthsOfLicensure: 48}"
    let courses = [course("a", "2024-10-01", "Pain Care", 8), course("b", "2026-11-01", "Pain Care II", 4)]
    // Licensed 2024-03-01: this cycle ends the second renewal, 2027-01-31, before four years (2028-03-01).
    let second = try result(requirement, licensedOn: "2024-03-01", courses)
    #expect(second.applies && second.to == day("2027-01-31") && second.met)
    #expect(second.condition?.contains("the end of renewal 2") == true)
    // Licensed 2021-03-01: the second renewal ended 2025-01-31; four years, 2025-03-01, come later.
    let overdue = try result(requirement, licensedOn: "2021-03-01", courses)
    #expect(overdue.to == day("2025-01-31") && overdue.verified == 8 && overdue.shortfall == 4)
    // Licensed 2025-06-01: this is the first renewal; due at the second, after this cycle.
    let notYet = try result(requirement, licensedOn: "2025-06-01", courses)
    #expect(!notYet.applies && notYet.condition?.contains("not due yet") == true)
  }

  /// Hours beyond the requirement in the previous cycle count toward this one, up to `carryForward`.
  @Test func hoursCarryForward() throws {
    let requirement = "{id: total, credits: 50, carryForward: 20}"
    let thisCycle = course("now", "2026-03-01", "Annual Meeting", 35)
    let plenty = try result(
      requirement, licensedOn: nil, [course("then", "2024-05-01", "Big Meeting", 75), thisCycle])
    #expect(plenty.verified == 35 && plenty.carriedForward == 20 && plenty.met)
    let little = try result(
      requirement, licensedOn: nil, [course("then", "2024-05-01", "Meeting", 55), thisCycle])
    #expect(little.carriedForward == 5 && little.shortfall == 10)
    let none = try result(
      "{id: total, credits: 50}", licensedOn: nil, [course("then", "2024-05-01", "Big", 75), thisCycle])
    #expect(none.carriedForward == 0 && none.shortfall == 15)
  }

  /// A training due every four years in a file of two-year cycles counts the 48 months up to the cycle's end.
  @Test func aRequirementsOwnWindow() throws {
    let old = course("a", "2022-06-01", "Infection Control Update", 2)
    let four = try result("{id: infection-control, credits: 2, withinMonths: 48}", licensedOn: nil, [old])
    #expect(four.from == day("2023-02-01") && four.verified == 0)
    let longer = try result("{id: infection-control, credits: 2, withinMonths: 60}", licensedOn: nil, [old])
    #expect(longer.from == day("2022-02-01") && longer.met)
  }

  /// Attested credit keeps to the requirement's approved providers and to exclusive hours: a self-reported
  /// ethics hour counted toward one exclusive requirement counts toward no other.
  @Test func attestedCreditKeepsToProvidersAndExclusiveHours() throws {
    let rules = try RuleSet.parse(
      """
      cycle: {from: 2025-01-01, to: 2026-12-31}
      requirements:
        - {id: ethics, credits: 2, topics: [ethics], attested: [ama-pra-2], exclusive: true}
        - {id: risk, credits: 2, topics: [risk], attested: [ama-pra-2], exclusive: true}
        - {id: society, credits: 2, attested: [ama-pra-2], approvedProviders: [State Medical Society]}
      topicKeywords:
        ethics: [ethics]
        risk: [risk]
      """, displayPath: "r.yaml")
    let reading = record(
      "read", .log, "2026-02-10", "Ethics and Risk: a reading", credits: [(.amaPRA2, 2)],
      provider: "Journal of Medical Ethics")
    let activities = [[reading]]
    let results = Auditor().evaluate(
      [rules], activities: activities, verified: Totals.verifiedActivities(activities))
    #expect(results.map(\.attested) == [2, 0, 0])
  }

  @Test func renewalsCountBackFromTheCycleEnd() throws {
    let rules = try RuleSet.parse(
      "cycle: {months: 24, ending: 2027-06-30}\nrequirements:\n  - {id: t, credits: 1}\n", displayPath: "r")
    #expect(rules.cycleMonths == 24)
    #expect(rules.renewal(after: day("2023-07-01")) == 2)
    #expect(rules.renewal(after: day("2025-06-30")) == 1)  // licensed the day a cycle ended: its next renewal
    #expect(rules.renewal(after: day("2027-06-30")) == nil)
  }

  @Test(arguments: [
    (
      "cycle: {from: 2025-01-15, to: 2026-12-31}\nrequirements:\n  - {id: t, credits: 5, everyCycles: 3}\n",
      "line 3: everyCycles: renewals are counted in cycles of whole months"
    ),
    (
      "cycle: {months: 24, ending: 2026-12-31}\nrequirements:\n  - {id: t, credits: 5, dueByRenewal: 0}\n",
      "line 3: requirements.dueByRenewal: a renewal number, 1 to 100"
    ),
    (
      "cycle: {months: 24, ending: 2026-12-31}\nrequirements:\n  - {id: t, credits: 5, carryForward: lots}\n",
      "line 3: requirements.carryForward: a number"
    ),
    (
      "cycle: {months: 24, ending: 2026-12-31}\nclaimWindows: {ACP: forever}\nrequirements:\n  - {id: t, credits: 5}\n",
      "line 2: claimWindows.ACP: a number of days"
    ),
  ])
  func mistakesNameTheLineAndKey(yaml: String, expected: String) {
    #expect {
      try RuleSet.parse(yaml, displayPath: "r.yaml")
    } throws: { error in
      ((error as? CMEAuditError)?.errorDescription ?? "").contains(expected)
    }
  }

  /// A provider's own claim window (a rule file's `claimWindows:`) sets the day a pending claim is due.
  @Test func aProvidersOwnClaimWindow() throws {
    let pending = record(
      "p", .log, "2026-05-13", "Board Review", provider: "American College of Physicians (ACP)",
      evaluation: .pending)
    var context = AuditContext(
      hasLogs: true, hasCertificates: false, certificateFileNames: [], today: day("2026-07-15"), period: nil)
    func action() throws -> String {
      try #require(
        FindingRules(context: context).findings(for: Matcher().reconcile([pending]), issues: []).first {
          $0.code == .claimPending
        }
      ).action
    }
    #expect(try action().contains("portals commonly close 90 days after the activity"))
    #expect(try action().contains("Claim by 2026-08-11"))
    context.claimWindows = ClaimWindows([.init(provider: "acp", days: 365)])
    #expect(try action().contains("Claim by 2027-05-13 (the provider's portal closes 365 days"))
  }
}
