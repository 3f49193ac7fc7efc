import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditModel

@Suite struct AuditTests {
  static let rules = """
    name: Test board
    source: a test
    cycle: {from: 2025-02-01, to: 2027-01-31}
    requirements:
      - id: total
        credits: 50
        creditTypes: [ama-pra-1, ama-pra-2]
      - id: pain
        credits: 3
        topics: [pain-management]
        once: true
      - id: category-2-cap
        creditTypes: [ama-pra-2]
        maxCounted: 10
    topicKeywords:
      pain-management: [pain, opioid]
    """

  func results(_ records: [ActivityRecord], rules: [String] = [Self.rules]) throws -> [String:
    RequirementResult]
  {
    let sets = try rules.enumerated().map { try RuleSet.parse($1, displayPath: "r\($0).yaml") }
    let reconciliation = Matcher().reconcile(records)
    let audit = Auditor().evaluate(
      sets, activities: reconciliation.activities.map { $0.recordIDs.compactMap(reconciliation.record) })
    return Dictionary(audit.map { ("\($0.rules)/\($0.id)", $0) }, uniquingKeysWith: { a, _ in a })
  }

  @Test func theCycleBoundaryIsInclusive() throws {
    let records = [
      record("last", .transcript, "2027-01-31", "Rounds: Gout", credits: [(.amaPRA1, 30)]),
      record("after", .transcript, "2027-02-01", "Rounds: Lupus", credits: [(.amaPRA1, 30)]),
      record("first", .transcript, "2025-02-01", "Rounds: Anemia", credits: [(.amaPRA1, 10)]),
      record("before", .transcript, "2025-01-31", "Rounds: Asthma", credits: [(.amaPRA1, 30)]),
    ]
    let total = try #require(try results(records)["Test board/total"])
    #expect(total.verified == 40)
    #expect(Set(total.records) == ["last", "first"])
    #expect(!total.met)
    #expect(total.shortfall == 10)
  }

  @Test func aOneTimeTopicCountsFromYearsBefore() throws {
    let records = [
      record("old", .certificate, "2019-05-01", "Opioid prescribing (REMS)", credits: [(.amaPRA1, 3)]),
      record("new", .transcript, "2026-01-10", "Grand Rounds: Gout", credits: [(.amaPRA1, 1)]),
    ]
    let pain = try #require(try results(records)["Test board/pain"])
    #expect(pain.met)
    #expect(pain.records == ["old"])
    #expect(try results(records)["Test board/total"]?.records == ["new"])  // the cycle total does not
  }

  @Test func topicsComeFromTheRecordsAsWellAsFromKeywords() throws {
    var certificate = record(
      "c", .certificate, "2026-01-10", "Internal Medicine Update", credits: [(.amaPRA1, 3)])
    certificate.topics = ["Pain Management"]
    #expect(try results([certificate])["Test board/pain"]?.met == true)
    let untagged = record(
      "u", .certificate, "2026-01-10", "Internal Medicine Update", credits: [(.amaPRA1, 3)])
    #expect(try results([untagged])["Test board/pain"]?.met == false)
  }

  @Test func aCapLimitsWhatCounts() throws {
    var reading = record(
      "cat2", .transcript, "2026-01-10", "Self-directed reading", credits: [(.amaPRA2, 25)])
    reading.providerAccredited = true  // a transcript that records Category 2 it accepts
    let records = [reading, record("cat1", .transcript, "2026-02-10", "Workshop", credits: [(.amaPRA1, 30)])]
    let result = try results(records)
    // Category 2 is self-reported: it is never verified, so it cannot even reach the cap.
    #expect(result["Test board/total"]?.verified == 30)
    #expect(result["Test board/category-2-cap"]?.met == true)
  }

  @Test func aCapOnAVerifiedTypeBinds() throws {
    let rules = """
      cycle: {from: 2025-01-01, to: 2026-12-31}
      requirements:
        - {id: total, credits: 20, creditTypes: [ama-pra-1, aafp-prescribed]}
        - {id: aafp-cap, creditTypes: [aafp-prescribed], maxCounted: 10}
      """
    let records = [
      record("aafp", .transcript, "2026-01-10", "Board review", credits: [(.aafpPrescribed, 30)]),
      record("cat1", .transcript, "2026-02-10", "Workshop", credits: [(.amaPRA1, 5)]),
    ]
    let result = try results(records, rules: [rules])
    #expect(result["r0.yaml/total"]?.verified == 15)
    #expect(result["r0.yaml/total"]?.shortfall == 5)
    #expect(result["r0.yaml/aafp-cap"]?.verified == 10)
  }

  /// Points and hours never add up: a requirement listing hours and points counts the hours; one listing only
  /// points counts the points; one listing none counts physician hours (not points, not contact hours).
  @Test func pointsNeverAddToHours() throws {
    let rules = """
      cycle: {from: 2025-01-01, to: 2026-12-31}
      requirements:
        - {id: mixed, credits: 20, creditTypes: [ama-pra-1, moc]}
        - {id: points, credits: 20, creditTypes: [moc]}
        - {id: any, credits: 20}
      """
    let records = [
      record("pocus", .transcript, "2026-01-10", "POCUS workshop", credits: [(.amaPRA1, 6.5), (.moc, 6.5)]),
      record("moc", .transcript, "2026-02-10", "Knowledge check-in", credits: [(.moc, 10)]),
      record("rn", .transcript, "2026-03-10", "Wound care", credits: [(.contactHours, 3)]),
    ]
    let result = try results(records, rules: [rules])
    #expect(result["r0.yaml/mixed"]?.verified == 6.5)
    #expect(result["r0.yaml/points"]?.verified == 16.5)
    #expect(result["r0.yaml/any"]?.verified == 6.5)
    #expect(result["r0.yaml/any"]?.records == ["pocus"])
  }

  /// Claim what you attended: a log claiming 10 credits of a meeting designated for a maximum of 22 counts 10,
  /// in the audit and in the totals, and the mismatch says why; a log claiming more than the record counts
  /// the record's; a record no log line claims counts in full.
  @Test func partialAttendanceCountsWhatWasClaimed() throws {
    let rules = """
      cycle: {from: 2025-01-01, to: 2026-12-31}
      requirements:
        - {id: total, credits: 50, creditTypes: [ama-pra-1]}
      """
    let records = [
      record("cert", .certificate, "2026-04-23", "Internal Medicine Meeting 2026", credits: [(.amaPRA1, 22)]),
      record("log", .log, "2026-04-23", "Internal Medicine Meeting 2026", credits: [(.amaPRA1, 10)]),
      record("t", .transcript, "2026-05-06", "Sepsis Update", credits: [(.amaPRA1, 2)]),
      record("l2", .log, "2026-05-06", "Sepsis Update", credits: [(.amaPRA1, 3)]),
      record("t2", .transcript, "2026-06-10", "Tumor Board", credits: [(.amaPRA1, 1)]),
    ]
    #expect(try results(records, rules: [rules])["r0.yaml/total"]?.verified == 13)  // 10 + 2 + 1
    let reconciliation = Matcher().reconcile(records)
    let activities = reconciliation.activities.map { $0.recordIDs.compactMap(reconciliation.record) }
    let totals = Totals.compute(activities: activities, logRecords: records.filter { $0.kind == .log })
    #expect(totals.byType.first { $0.type == "ama-pra-1" }?.verified == 13)
    let context = AuditContext(
      hasLogs: true, hasCertificates: true, certificateFileNames: [], today: day("2026-07-01"), period: nil)
    let mismatch = FindingRules(context: context).findings(for: reconciliation, issues: [])
      .first { $0.code == .creditMismatch && $0.records.contains("log") }
    #expect(mismatch?.message.contains("10.0 AMA PRA Category 1 counts") == true)
    #expect(mismatch?.message.contains("A designation is a maximum, not an award") == true)
  }

  /// Self-reported credit a board accepts on the physician's word (`attested:`) counts apart from verified
  /// credit, within the rule set's caps (Texas: up to 24 of 48 hours); without the key it counts nothing.
  @Test func categoryTwoCountsAsAttestedWhereTheRuleSaysSo() throws {
    let rules = """
      cycle: {from: 2025-01-01, to: 2026-12-31}
      requirements:
        - {id: total, credits: 48, creditTypes: [ama-pra-1], attested: [ama-pra-2]}
        - {id: informal-cap, creditTypes: [ama-pra-2], maxCounted: 24}
      """
    let records = [
      record("cat1", .transcript, "2026-01-10", "Annual Meeting", credits: [(.amaPRA1, 30)]),
      record("read", .log, "2026-02-10", "Journal reading", credits: [(.amaPRA2, 20)]),
      record("teach", .log, "2026-03-10", "Teaching residents", credits: [(.amaPRA2, 10)]),
    ]
    let total = try #require(try results(records, rules: [rules])["r0.yaml/total"])
    #expect(total.verified == 30)
    #expect(total.attested == 24)  // 20 + 4: the cap binds
    #expect(total.met && total.shortfall == 0)
    #expect(total.toClose.isEmpty)
    let without = rules.replacingOccurrences(of: ", attested: [ama-pra-2]", with: "")
    let strict = try #require(try results(records, rules: [without])["r0.yaml/total"])
    #expect(strict.attested == 0 && strict.shortfall == 18)
  }

  /// The same AOA category on a record of an accredited body is evidence, not the physician's own claim.
  @Test func anAOACategoryOnAnAccreditedRecordIsVerified() throws {
    var aoa = record("aoa", .transcript, "2026-01-10", "OMM Update", credits: [(.aoa1B, 4)])
    aoa.providerAccredited = true
    let log = record("mine", .log, "2026-02-10", "Self-study", credits: [(.aoa1B, 3)])
    let rules = """
      cycle: {from: 2025-01-01, to: 2026-12-31}
      requirements:
        - {id: total, credits: 10, creditTypes: [aoa-1b]}
      """
    let total = try #require(try results([aoa, log], rules: [rules])["r0.yaml/total"])
    #expect(total.verified == 4)
    #expect(total.records == ["aoa"])
  }

  /// A topic read from a title by a rule file's keyword counts, marked as inferred; a reject-topic decision
  /// takes it back. A documented topic (the log's Topics column) is not marked. Florida's sample keywords do
  /// not put "Antibiotic Prescribing" on controlled-substance prescribing; a phrase keyword matches its words.
  @Test func inferredTopicsAreMarkedAndCanBeRejected() throws {
    let florida = try RuleSet.load(
      EndToEndTests.packageRoot.appendingPathComponent("samples/rules/florida-md.yaml"),
      displayPath: "fl.yaml")
    let opioids = record(
      "op", .transcript, "2026-03-10", "Opioid Prescribing Update", credits: [(.amaPRA1, 2)])
    let antibiotics = record(
      "ab", .transcript, "2026-04-10", "Antibiotic Prescribing", credits: [(.amaPRA1, 2)])
    let safety = record("ps", .transcript, "2026-05-10", "Patient Safety Rounds", credits: [(.amaPRA1, 1)])
    var documented = record("doc", .transcript, "2026-06-10", "Noon Conference", credits: [(.amaPRA1, 1)])
    documented.topics = ["Controlled Substance Prescribing"]
    let records = [opioids, antibiotics, safety, documented]
    let activities = records.map { [$0] }
    func audit(_ decisions: Decisions?) -> [String: RequirementResult] {
      let results = Auditor().evaluate(
        [florida], activities: activities, verified: Totals.verifiedActivities(activities),
        decisions: decisions)
      return Dictionary(results.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }
    let controlled = try #require(audit(nil)["controlled-substances"])
    #expect(Set(controlled.records) == ["op", "doc"])
    #expect(controlled.inferredTopics.map(\.record) == ["op"])
    #expect(controlled.inferredTopics.first?.keyword == "opioid")
    #expect(audit(nil)["medical-errors"]?.records == ["ps"])  // "patient safety", a phrase
    let decisions = try Decisions.parse(
      """
      decisions:
        - reject-topic: controlled-substance-prescribing
          record: op
          note: a survey of prescribing, not a controlled-substance course
      """, displayPath: "d.yaml")
    let rejected = try #require(audit(decisions)["controlled-substances"])
    #expect(rejected.records == ["doc"])
    #expect(rejected.inferredTopics.isEmpty)
  }

  /// Who the physician is decides which requirements apply: the DEA's one-time MATE training does not apply to
  /// a physician who is not a registrant (listed, met, no shortfall, and saying why); it does to a registrant;
  /// without --physician it is taken to apply, and says so.
  @Test func aRequirementAppliesOnlyToWhomItSays() throws {
    let dea = try RuleSet.load(
      EndToEndTests.packageRoot.appendingPathComponent("samples/rules/dea-mate.yaml"), displayPath: "dea.yaml"
    )
    let activities = [
      [record("oud", .transcript, "2026-03-10", "Opioid Use Disorder", credits: [(.amaPRA1, 2)])]
    ]
    func mate(_ physician: Physician?) throws -> RequirementResult {
      try #require(
        Auditor().evaluate(
          [dea], activities: activities, verified: Totals.verifiedActivities(activities), physician: physician
        ).first)
    }
    let none = try Physician.parse("deaRegistered: false\nlicensedOn: 2024-07-01\n", displayPath: "p.yaml")
    let notRegistered = try mate(none)
    #expect(!notRegistered.applies && notRegistered.met && notRegistered.shortfall == 0)
    #expect(notRegistered.condition?.contains("does not apply") == true)
    let registrant = try mate(try Physician.parse("deaRegistered: true\n", displayPath: "p.yaml"))
    #expect(registrant.applies && !registrant.met && registrant.shortfall == 6)
    let unknown = try mate(nil)
    #expect(unknown.applies && unknown.condition?.contains("taken to apply") == true)
  }

  @Test(arguments: [
    ("deaRegistred: true\n", "unknown fact 'deaRegistred'"),
    ("deaRegistered: maybe\n", "deaRegistered: true or false"),
    ("licensedOn: 07/01/2024\n", "licensedOn: a date written YYYY-MM-DD"),
  ])
  func aPhysicianFileIsChecked(yaml: String, expected: String) {
    #expect {
      try Physician.parse(yaml, displayPath: "p.yaml")
    } throws: { ($0 as? CMEAuditError)?.errorDescription?.contains(expected) == true }
  }

  /// A list fact holds when it contains the condition's value (any of them, for a list).
  @Test func listFactsContainTheirCondition() throws {
    let physician = try Physician.parse(
      "states: [CA, TX]\nspecialties: internal-medicine\n", displayPath: "p")
    #expect(physician.satisfies(["states": .list(["tx"])]))
    #expect(
      physician.satisfies(["states": .list(["ny", "ca"]), "specialties": .list(["internal-medicine"])]))
    #expect(!physician.satisfies(["states": .list(["ny"])]))
    #expect(!physician.satisfies(["boards": .list(["abim"])]))  // a fact the file does not give
  }

  /// Only an approved provider's activities count toward a requirement that lists them; hours counted toward
  /// one exclusive requirement count toward no other exclusive requirement of the file (an activity on two
  /// topics meets one of them), while a requirement that is not exclusive still counts them.
  @Test func approvedProvidersAndExclusiveHours() throws {
    let rules = """
      cycle: {from: 2025-01-01, to: 2026-12-31}
      requirements:
        - {id: ethics, credits: 2, topics: [ethics], exclusive: true}
        - {id: risk, credits: 2, topics: [risk-management], exclusive: true}
        - {id: total, credits: 10}
        - {id: society, credits: 2, approvedProviders: [State Medical Society]}
      topicKeywords:
        ethics: [ethics]
        risk-management: [risk]
      """
    var both = record(
      "both", .transcript, "2026-01-10", "Ethics and Risk in Practice", credits: [(.amaPRA1, 2)],
      provider: "Florida State Medical Society")
    both.providerAccredited = true
    let other = record(
      "other", .transcript, "2026-02-10", "Risk Management Basics", credits: [(.amaPRA1, 2)],
      provider: "University Hospital")
    let result = try results([both, other], rules: [rules])
    #expect(result["r0.yaml/ethics"]?.records == ["both"])
    #expect(result["r0.yaml/risk"]?.records == ["other"])  // "both" went to ethics
    #expect(result["r0.yaml/total"]?.verified == 4)
    #expect(result["r0.yaml/society"]?.records == ["both"])
    #expect(result["r0.yaml/society"]?.verified == 2)
  }

  /// Each board's MOC points are its own: ABIM's do not count toward ABP's requirement, and points that name no
  /// board count toward neither when the requirement lists boards.
  @Test func eachBoardsPointsAreItsOwn() throws {
    func moc(_ id: String, _ raw: String, _ amount: Decimal) -> ActivityRecord {
      var record = record(id, .transcript, "2026-01-10", "Module \(id)", credits: [(.moc, amount)])
      record.credits[0].raw = raw
      return record
    }
    let records = [
      moc("im", "10 ABIM MOC Medical Knowledge points", 10), moc("peds", "5 ABP MOC Part 2 points", 5),
      moc("unnamed", "3 MOC points", 3),
    ]
    let rules = """
      cycle: {from: 2025-01-01, to: 2026-12-31}
      requirements:
        - {id: abim, credits: 20, creditTypes: [moc], boards: [ABIM]}
        - {id: abp, credits: 20, creditTypes: [moc], boards: [abp]}
        - {id: any, credits: 20, creditTypes: [moc]}
      """
    let result = try results(records, rules: [rules])
    #expect(result["r0.yaml/abim"]?.verified == 10)
    #expect(result["r0.yaml/abp"]?.verified == 5)
    #expect(result["r0.yaml/any"]?.verified == 18)
    #expect(MOCBoard.named(in: "7 ABO Points") == "ABO")
    #expect(MOCBoard.named(in: "American Board of Pediatrics MOC Part 2") == "ABP")
    #expect(MOCBoard.named(in: "Medical Knowledge MOC points") == nil)
    #expect(MOCBoard.named(in: "ABIM and ABP MOC") == nil)  // two boards: not one board's points
  }

  /// California's one-time 12 hours are due by the second renewal or four years after licensure, whichever
  /// comes first: credit after that day does not count,
  /// a due day after the cycle is not due yet, and pathologists are exempt.
  @Test func aRequirementDueAfterLicensure() throws {
    let california = try RuleSet.load(
      EndToEndTests.packageRoot.appendingPathComponent("samples/rules/california-md.yaml"),
      displayPath: "ca.yaml")
    let activities = [
      [record("early", .transcript, "2025-01-10", "Chronic Pain Management", credits: [(.amaPRA1, 8)])],
      [record("late", .transcript, "2026-09-10", "Palliative Care Update", credits: [(.amaPRA1, 6)])],
    ]
    func pain(_ physician: String?) throws -> RequirementResult {
      let facts = try physician.map { try Physician.parse($0, displayPath: "p.yaml") }
      return try #require(
        Auditor().evaluate(
          [california], activities: activities, verified: Totals.verifiedActivities(activities),
          physician: facts
        ).first { $0.id == "pain-and-terminally-ill" })
    }
    // Licensed 2022-07-01: the second renewal (2025-06-30) comes before four years (2026-07-01).
    let due = try pain("licensedOn: 2022-07-01\n")
    #expect(due.applies && due.verified == 8 && due.shortfall == 4)
    #expect(due.condition?.contains("due by 2025-06-30, the end of renewal 2") == true)
    // Licensed 2024-07-01: this cycle ends the second renewal, so both courses count.
    let second = try pain("licensedOn: 2024-07-01\n")
    #expect(second.applies && second.verified == 14 && second.met)
    let notYet = try pain("licensedOn: 2025-07-01\n")  // due 2029-06-30, after the cycle's end
    #expect(!notYet.applies && notYet.met)
    let pathologist = try pain("licensedOn: 2022-07-01\nspecialties: [pathology]\n")
    #expect(!pathologist.applies)
    let unknown = try pain(nil)
    #expect(unknown.applies && unknown.verified == 14)
    #expect(unknown.condition?.contains("give licensedOn") == true)
  }

  /// A cycle of more months than a calendar holds is an error with its line (it stopped the run on a nil).
  @Test func aCycleTooLongIsAnError() {
    for months in ["100000", "9223372036854775807"] {
      #expect {
        try RuleSet.parse(
          "cycle: {months: \(months), ending: 2027-01-31}\nrequirements:\n  - {id: t, credits: 1}\n",
          displayPath: "r")
      } throws: { ($0 as? CMEAuditError)?.errorDescription?.contains("cycle.months") == true }
    }
  }

  /// One activity counts once toward a requirement, with the largest of its lines the requirement accepts:
  /// designated for 8 AMA PRA Category 1 and 8 AAFP Prescribed credits, it is 8 hours, not 16.
  @Test func aDualDesignationCountsOnce() throws {
    let rules = """
      cycle: {from: 2025-01-01, to: 2026-12-31}
      requirements:
        - {id: total, credits: 24, creditTypes: [ama-pra-1, aafp-prescribed]}
      """
    let update = record(
      "fm", .transcript, "2026-01-10", "Family Medicine Update",
      credits: [(.amaPRA1, 8), (.aafpPrescribed, 8)])
    let ethics = record(
      "ethics", .transcript, "2026-02-10", "Ethics", credits: [(.amaPRA1, 2), (.aafpPrescribed, 3)])
    let result = try results([update, ethics], rules: [rules])
    #expect(result["r0.yaml/total"]?.verified == 11)  // 8, and the larger 3 of the second
    #expect(result["r0.yaml/total"]?.shortfall == 13)
    #expect(result["r0.yaml/total"]?.records == ["fm", "ethics"])
  }

  @Test func oneActivityCountsTowardEachRuleSetThatAcceptsIt() throws {
    let second = Self.rules.replacingOccurrences(of: "Test board", with: "Second state")
      .replacingOccurrences(of: "credits: 50", with: "credits: 20")
    let records = [
      record("ws", .transcript, "2026-02-07", "Pain management workshop", credits: [(.amaPRA1, 20)])
    ]
    let result = try results(records, rules: [Self.rules, second])
    #expect(result["Test board/total"]?.records == ["ws"])
    #expect(result["Second state/total"]?.records == ["ws"])
    #expect(result["Second state/total"]?.met == true)
    #expect(result["Test board/pain"]?.verified == 20)
  }

  @Test func anUnverifiableEntryNeverMeetsARequirement() throws {
    let records = [
      record("log", .log, "2026-03-05", "Opioid safety webinar", credits: [(.amaPRA1, 3)]),
      record(
        "pending", .log, "2026-04-05", "Pain conference", credits: [(.amaPRA1, 60)], evaluation: .pending),
    ]
    let result = try results(records)
    let pain = try #require(result["Test board/pain"])
    #expect(!pain.met)
    #expect(pain.verified == 0)
    #expect(pain.unverified == 63)
    #expect(pain.toClose.map(\.record).sorted() == ["log", "pending"])
    #expect(pain.toClose.first { $0.record == "pending" }?.why.contains("evaluation not done") == true)
    #expect(result["Test board/total"]?.met == false)
  }

  @Test func aCycleCanBeGivenInMonths() throws {
    let rules = try RuleSet.parse(
      "cycle: {months: 24, ending: 2027-01-31}\nrequirements:\n  - {id: total, credits: 50}\n",
      displayPath: "r.yaml")
    #expect(rules.cycle == Period(from: day("2025-02-01"), to: day("2027-01-31")))
    #expect(RuleSet.start(ofMonths: 12, ending: day("2026-02-28")) == day("2025-03-01"))
  }

  @Test(arguments: [
    (
      "name: x\ncycle: {from: 2025-01-01, to: 2026-12-31}\nrequirement: []\n",
      "line 3: unknown key 'requirement'"
    ),
    (
      "cycle: {from: 2025-01-01, to: 2026-12-31}\nrequirements:\n  - id: total\n    credit: 50\n",
      "line 4: unknown key 'credit' in a requirement"
    ),
    (
      "cycle: {from: 2025-01-01, to: 2026-12-31}\nrequirements:\n  - id: total\n    credits: fifty\n",
      "line 4: requirements.credits: a number"
    ),
    (
      "cycle: {from: 2025-01-01, to: 2026-12-31}\nrequirements:\n  - id: t\n    credits: 5\n    creditTypes: [cat-1]\n",
      "'cat-1' is not a credit type id"
    ),
    (
      "cycle: {from: 2025-13-01, to: 2026-12-31}\nrequirements:\n  - {id: t, credits: 5}\n",
      "cycle.from: a date written YYYY-MM-DD"
    ),
    ("requirements:\n  - {id: t, credits: 5}\n", "needs cycle:"),
    (
      "cycle: {to: 2026-12-31, from: 2025-01-01}\nrequirements:\n  - {id: t}\n",
      "needs credits: (a minimum) or maxCounted:"
    ),
    // The keys that say what counts and to whom.
    (
      "cycle: {from: 2025-01-01, to: 2026-12-31}\nrequirements:\n  - {id: t, credits: 5, attested: [category-2]}\n",
      "line 3: requirements.attested: 'category-2' is not a credit type id"
    ),
    (
      "cycle: {from: 2025-01-01, to: 2026-12-31}\nrequirements:\n  - {id: t, credits: 5, appliesIf: {dea: true}}\n",
      "line 3: unknown fact 'dea'"
    ),
    (
      "cycle: {from: 2025-01-01, to: 2026-12-31}\nrequirements:\n  - {id: t, credits: 5, boards: ABIM}\n",
      "line 3: requirements.boards: expected a list"
    ),
    (
      "cycle: {from: 2025-01-01, to: 2026-12-31}\nrequirements:\n  - {id: t, credits: 5, exclusive: yes please}\n",
      "line 3: requirements.exclusive: true or false"
    ),
    (
      "cycle: {from: 2025-01-01, to: 2026-12-31}\nrequirements:\n  - {id: t, credits: 5, dueWithinMonthsOfLicensure: -4}\n",
      "line 3: requirements.dueWithinMonthsOfLicensure: a number of months"
    ),
  ])
  func mistakesInARuleFileNameTheLineAndKey(yaml: String, expected: String) {
    #expect {
      try RuleSet.parse(yaml, displayPath: "r.yaml")
    } throws: { error in
      let message = (error as? CMEAuditError)?.errorDescription ?? ""
      return message.hasPrefix("r.yaml: ") && message.contains(expected)
    }
  }
}
