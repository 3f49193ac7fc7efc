import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditModel

@Suite struct DecisionsTests {
  let records = [
    record("t1", .transcript, "2026-03-04", "Medicine Grand Rounds: Sepsis"),
    record("t2", .transcript, "2026-03-11", "Medicine Grand Rounds: Gout"),
    record("l1", .log, "2026-03-05", "Grand Rounds"),
    record("l2", .log, "2026-05-20", "Journal reading", credits: [(.amaPRA2, 2)]),
  ]

  func groups(_ decisions: Decisions?) -> Set<Set<String>> {
    Set(Matcher().reconcile(records, decisions: decisions).activities.map { Set($0.recordIDs) })
  }

  @Test func linksCanBeConfirmedOrRejected() throws {
    #expect(groups(nil).contains(["t1", "l1"]))
    let rejected = try Decisions.parse(
      "decisions:\n  - reject-link: [l1, t1]\n    note: I missed that one", displayPath: "d.yaml")
    #expect(!groups(rejected).contains(["t1", "l1"]))
    let confirmed = try Decisions.parse(
      "decisions:\n  - reject-link: [l1, t1]\n  - confirm-link: [t2, l1]", displayPath: "d.yaml")
    #expect(groups(confirmed).contains(["t2", "l1"]))
    #expect(Matcher().reconcile(records, decisions: confirmed).links.contains { $0.evidence.confirmed })
  }

  @Test func acceptedFindingsAreSetAsideAndStaleDecisionsReported() throws {
    let context = AuditContext(
      hasLogs: true, hasCertificates: false, certificateFileNames: [], today: day("2026-07-15"), period: nil)
    var findings = FindingRules(context: context).findings(for: Matcher().reconcile(records), issues: [])
    #expect(findings.map(\.code).sorted { $0.rawValue < $1.rawValue } == [.missingFromLog, .unverifiable])
    let decisions = try Decisions.parse(
      """
      decisions:
        - accept: unverifiable/self-reported
          record: l2
          note: Category 2, counted by my board
        - accept: credit-mismatch
          record: l1
        - confirm-link: [l9, t1]
      """, displayPath: "d.yaml")
    let outcome = decisions.apply(to: &findings, records: records)
    #expect(findings.map(\.code) == [.missingFromLog])
    #expect(outcome.accepted.map(\.note) == ["Category 2, counted by my board"])
    #expect(outcome.accepted.first?.decision == "d.yaml:2")
    #expect(outcome.stale.map(\.location) == ["d.yaml:5", "d.yaml:7"])
  }

  @Test(arguments: [
    ("decisions:\n  - accept: made-up-code\n    record: x\n", "line 2: accept: a finding code"),
    // No code at all: an error saying what is wanted (these stopped the run on an index out of range).
    ("decisions:\n  - accept: \"/\"\n    record: x\n", "line 2: accept: a finding code"),
    ("decisions:\n  - accept: \"\"\n    record: x\n", "line 2: accept: a finding code"),
    ("decisions:\n  - accept: duplicate\n", "accept: needs record:"),
    ("decisions:\n  - confirm-link: [a]\n", "confirm-link: a list of two record ids"),
    ("decisions:\n  - confim-link: [a, b]\n", "unknown key 'confim-link'"),
    ("choices: []\n", "one key, decisions:"),
  ])
  func mistakesAreErrorsWithTheirLine(yaml: String, expected: String) {
    #expect {
      try Decisions.parse(yaml, displayPath: "d.yaml")
    } throws: { ($0 as? CMEAuditError)?.errorDescription?.contains(expected) == true }
  }
}
