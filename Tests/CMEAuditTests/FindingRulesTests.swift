import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditModel

/// Each finding code: a case where it fires and one where it must not.
@Suite struct FindingRulesTests {
  func audit(
    _ records: [ActivityRecord], issues: [ImportIssue] = [], hasLogs: Bool = true,
    certificates: Set<String>? = nil
  ) -> [Finding] {
    let context = AuditContext(
      hasLogs: hasLogs, hasCertificates: certificates != nil, certificateFileNames: certificates ?? [],
      today: day("2026-07-15"), period: nil)
    return FindingRules(context: context).findings(for: Matcher().reconcile(records), issues: issues)
  }

  func codes(_ findings: [Finding]) -> [String] {
    findings.map { $0.code.rawValue + ($0.reason.map { "/\($0)" } ?? "") }.sorted()
  }

  /// A pending claim, and a recent log line nothing backs yet, say the day the usual 90-day window closes; an
  /// old unbacked line does not (the window has closed: the credit is to be found, not claimed).
  @Test func claimsSayByWhichDay() throws {
    let pending = record("p", .log, "2026-05-13", "SHM Converge 2026", evaluation: .pending)
    let recent = record("r", .log, "2026-06-20", "Tumor Board")
    let old = record("o", .log, "2026-01-20", "Ethics Rounds")
    let findings = audit([pending, recent, old])
    let claim = try #require(findings.first { $0.code == .claimPending })
    #expect(claim.action.contains("Claim by 2026-08-11"))
    let unbacked = findings.filter { $0.reason == .unverifiable(.noRecord) }
    #expect(unbacked.first { $0.records == ["r"] }?.action.contains("claim it by 2026-09-18") == true)
    #expect(unbacked.first { $0.records == ["o"] }?.action.contains("claim it by") == false)
    let late = try #require(
      audit([record("x", .log, "2026-01-05", "Annual Meeting", evaluation: .pending)]).first {
        $0.code == .claimPending
      })
    #expect(late.action.contains("the usual 90-day window closed on 2026-04-05"))
  }

  /// "Eligible for CME" with no designation is not an accreditation statement: the certificate is not verified.
  @Test func eligibleForCMEIsNoAccreditation() throws {
    let eligible = record(
      "c", .certificate, "2026-03-14", "Wellness Workshop", credits: [(.other, 3)],
      statement: "Eligible for up to 3 hours of CME credit.")
    let designated = record(
      "d", .certificate, "2026-04-14", "Ethics Workshop", credits: [(.other, 2)],
      statement: "The provider designates this activity for a maximum of 2 AMA PRA Category 1 Credits™.")
    let findings = audit([eligible, designated], hasLogs: false)
    #expect(findings.filter { $0.reason == .unverifiable(.noAccreditation) }.map(\.records) == [["c"]])
    let verified = Totals.verifiedActivities([[eligible], [designated]])
    #expect(verified.map(\.id) == ["d"])
  }

  @Test func aCleanYearHasNoFindings() {
    let records = [
      record(
        "t1", .transcript, "2026-03-04", "Medicine Grand Rounds: Sepsis", provider: "University Hospital"),
      record("t2", .transcript, "2026-03-11", "Medicine Grand Rounds: Gout", provider: "University Hospital"),
      record("l1", .log, "2026-03-04", "IM Grand Rounds – Sepsis", provider: "Univ Hospital"),
      record("l2", .log, "2026-03-12", "Grand Rounds", evaluation: .completed),
      record("c1", .certificate, "2026-04-23", "IM Meeting", credits: [(.amaPRA1, 18.5)], end: "2026-04-25"),
      record(
        "l3", .log, "2026-04-23", "IM Meeting 2026", credits: [(.amaPRA1, 18.5)], certificate: "acp.pdf"),
    ]
    #expect(audit(records, certificates: ["acp.pdf"]).isEmpty)
  }

  @Test func anAggregateIsComparedAsItsSum() {
    let records =
      meetingPerDay() + [
        record("l", .log, "2026-04-24", "IM Meeting 2026", credits: [(.amaPRA1, 18.5)])
      ]
    #expect(audit(records).isEmpty)
    let reconciliation = Matcher().reconcile(records)
    let totals = Totals.compute(
      activities: reconciliation.activities.map { $0.recordIDs.compactMap(reconciliation.record) },
      logRecords: [records[3]])
    #expect(totals.byType.map(\.verified) == [Decimal(string: "18.5")!])
  }

  @Test func totalsAreGivenYearByYear() {
    let records = [
      record("a", .transcript, "2026-06-30", "Grand Rounds: Gout"),
      record("b", .transcript, "2026-07-01", "Grand Rounds: Lupus"),
      record("c", .transcript, "2025-12-31", "Grand Rounds: Anemia", credits: [(.amaPRA1, 2)]),
      record("l", .log, "2026-07-01", "Grand Rounds: Lupus", credits: [(.amaPRA1, 1.5)]),
    ]
    let reconciliation = Matcher().reconcile(records)
    let totals = Totals.compute(
      activities: reconciliation.activities.map { $0.recordIDs.compactMap(reconciliation.record) },
      logRecords: [records[3]])
    #expect(totals.byAcademicYear.map(\.label) == ["2025-26", "2026-27"])
    #expect(totals.byAcademicYear.map { $0.byType.map(\.verified) } == [[3], [1]])
    #expect(totals.byAcademicYear.last?.byType.first?.claimed == Decimal(string: "1.5"))
    #expect(totals.byCalendarYear.map(\.label) == ["2025", "2026"])
    #expect(totals.byCalendarYear.map { $0.byType.map(\.verified) } == [[2], [2]])
  }

  /// The year views show hours and each board's MOC points apart: a workshop's 6.5 AMA credits and 6.5 ABIM
  /// points are 6.5 hours and 6.5 ABIM points, never 13; ABP points stay ABP's.
  @Test func yearViewsShowHoursAndEachBoardsPointsApart() {
    var workshop = record("w", .transcript, "2026-03-10", "POCUS Workshop", credits: [(.amaPRA1, 6.5)])
    workshop.credits.append(CreditLine(type: .moc, amount: 6.5, raw: "6.5 ABIM MOC points"))
    var pediatrics = record("p", .transcript, "2026-04-10", "Pediatric Update", credits: [(.amaPRA1, 2)])
    pediatrics.credits.append(CreditLine(type: .moc, amount: 2, raw: "2 ABP MOC Part 2 points"))
    let totals = Totals.compute(activities: [[workshop], [pediatrics]], logRecords: [])
    let year = totals.byAcademicYear[0]
    #expect(year.hours.verified == Decimal(string: "8.5"))
    #expect(year.pointsByBoard?.map(\.board) == ["ABIM", "ABP"])
    #expect(year.pointsByBoard?.map(\.verified) == [Decimal(string: "6.5")!, 2])
    #expect(totals.pointsByBoard == year.pointsByBoard)
  }

  @Test func totalsAreGivenMonthByMonthWithTypesInOrder() {
    let logs = [
      record("l1", .log, "2026-02-14", "Journal club", credits: [(nil, 1), (.amaPRA2, 1)]),
      record("l2", .log, "2025-12-31", "Grand Rounds", credits: [(.amaPRA1, 2)]),
      record("l3", .log, "2026-02-01", "M&M", credits: [(.amaPRA1, 0.5)]),
    ]
    let totals = Totals.compute(activities: [], logRecords: logs)
    #expect(totals.byMonth.map(\.label) == ["2025-12", "2026-02"])
    #expect(
      totals.byMonth.map { "\($0.from) \($0.to)" } == ["2025-12-01 2025-12-31", "2026-02-01 2026-02-28"])
    #expect(totals.byMonth.last?.byType.map(\.type) == ["ama-pra-1", "ama-pra-2", "unspecified"])
    #expect(totals.byMonth.last?.byType.map(\.claimed) == [0.5, 1, 1])
    #expect(totals.byType.map(\.claimed) == [2.5, 1, 1])
    #expect(totals.byType.map(\.verified) == [0, 0, 0])
  }

  @Test func missingFromLog() {
    let records = [
      record("t1", .transcript, "2026-03-04", "Grand Rounds: Sepsis"),
      record("c1", .certificate, "2026-03-20", "Sepsis online module"),
    ]
    let findings = audit(records)
    #expect(codes(findings) == ["missing-from-log", "missing-from-log"])
    #expect(findings.allSatisfy { $0.severity == .warning && !$0.action.isEmpty })
    // Without a log, nothing is missing from it.
    #expect(audit(records, hasLogs: false).isEmpty)
  }

  @Test func aMissingEntryNamesTheClosestCandidateAndWhyItWasNotLinked() throws {
    let records = [
      record("t", .transcript, "2026-03-07", "IM Grand Rounds: Sepsis"),
      record("l", .log, "2026-03-15", "IM Grand Rounds", path: "log.csv"),
    ]
    let findings = audit(records)
    let missing = try #require(findings.first { $0.code == .missingFromLog })
    #expect(missing.nearest?.record == "l")
    #expect(missing.nearest?.why == "8 days apart")
    #expect(
      missing.message.contains("closest log entry: 2026-03-15 'IM Grand Rounds' at log.csv:2, 8 days apart"))
    let unbacked = try #require(findings.first { $0.reason == .unverifiable(.noRecord) })
    #expect(unbacked.nearest?.record == "t")
    // Nothing alike nearby: nothing named.
    #expect(audit([record("t", .transcript, "2026-03-07", "Journal Club")]).first?.nearest == nil)
  }

  @Test func missingCertificate() {
    let log = record("l", .log, "2026-03-04", "Stroke webinar", certificate: "stroke.pdf")
    let backing = record("t", .transcript, "2026-03-04", "Stroke Webinar")
    #expect(codes(audit([log, backing], certificates: ["other.pdf"])) == ["missing-certificate"])
    #expect(audit([log, backing], certificates: ["STROKE.PDF".lowercased()]).isEmpty)
    #expect(audit([log, backing], certificates: nil).isEmpty)
  }

  @Test func unverifiableNoRecord() {
    let log = record("l", .log, "2025-08-27", "Medicine Grand Rounds")
    let findings = audit([log])
    #expect(codes(findings) == ["unverifiable/no-record"])
    #expect(findings[0].severity == .error)
    #expect(findings[0].locations == [log.source])
    // A transcript row a day earlier backs it.
    #expect(audit([log, record("t", .transcript, "2025-08-26", "Medicine Grand Rounds: Gout")]).isEmpty)
  }

  @Test func unverifiableNoAccreditation() {
    let seminar = record("t", .transcript, "2025-10-09", "Teaching Skills Seminar", credits: [(.other, 2)])
    #expect(codes(audit([seminar], hasLogs: false)) == ["unverifiable/no-accreditation"])
    var stated = seminar
    stated.accreditationStatement = "Designated for a maximum of 2 AMA PRA Category 1 Credits™."
    #expect(audit([stated], hasLogs: false).isEmpty)
    var accredited = seminar
    accredited.providerAccredited = true
    #expect(audit([accredited], hasLogs: false).isEmpty)
  }

  @Test func unverifiableParticipationOnly() {
    let cert = record("c", .certificate, "2025-12-06", "Wellness Retreat", credits: [(.participation, 4)])
    #expect(codes(audit([cert], hasLogs: false)) == ["unverifiable/participation-only"])
    // Not logged, it is still not "missing from the log": it would not count.
    #expect(codes(audit([cert], hasLogs: true)) == ["unverifiable/participation-only"])
    let logged = record("l", .log, "2025-12-06", "Wellness Retreat", credits: [(.participation, 4)])
    #expect(codes(audit([logged])) == ["unverifiable/participation-only"])
    #expect(audit([record("c", .certificate, "2025-12-06", "Wellness Retreat")], hasLogs: false).isEmpty)
  }

  @Test func unverifiableSelfReported() {
    let club = record("l", .log, "2025-09-18", "Journal Club", credits: [(.amaPRA2, 1)])
    #expect(codes(audit([club])) == ["unverifiable/self-reported"])
    var estimated = record("l2", .log, "2025-09-25", "Noon conference")
    estimated.selfReported = true
    #expect(codes(audit([estimated])) == ["unverifiable/self-reported"])
    let category1 = record("l3", .log, "2025-09-18", "Journal Club", credits: [(.amaPRA1, 1)])
    #expect(codes(audit([category1])) == ["unverifiable/no-record"])
  }

  @Test func duplicate() {
    let records = [
      record("l1", .log, "2026-03-04", "Grand Rounds"), record("l2", .log, "2026-03-04", "Grand Rounds"),
      record("t1", .transcript, "2026-03-04", "Grand Rounds"),
    ]
    let findings = audit(records)
    #expect(codes(findings) == ["duplicate/same-activity"])
    #expect(findings[0].records == ["l2", "l1"])
    let series = [
      record("l1", .log, "2026-03-04", "Grand Rounds"), record("l2", .log, "2026-03-11", "Grand Rounds"),
      record("t1", .transcript, "2026-03-04", "Grand Rounds"),
      record("t2", .transcript, "2026-03-11", "Grand Rounds"),
    ]
    #expect(audit(series).isEmpty)
  }

  @Test func sameCertificateSavedTwice() {
    var a = record("c1", .certificate, "2026-04-23", "Meeting")
    var b = record("c2", .certificate, "2026-04-23", "Meeting (copy)")
    a.fileSHA256 = "abc"
    b.fileSHA256 = "abc"
    #expect(codes(audit([a, b], hasLogs: false)) == ["duplicate/same-file"])
  }

  @Test func creditMismatch() {
    let records = [
      record("t", .transcript, "2025-11-20", "M&M Conference"),
      record("l", .log, "2025-11-20", "M&M", credits: [(.amaPRA1, 1.5)]),
    ]
    let findings = audit(records)
    #expect(codes(findings) == ["credit-mismatch"])
    #expect(findings[0].message.contains("1.5"))
    let agreeing = [records[0], record("l", .log, "2025-11-20", "M&M", credits: [(.amaPRA1, 1)])]
    #expect(audit(agreeing).isEmpty)
    // A log that names no type is compared on the amount alone.
    #expect(audit([records[0], record("l", .log, "2025-11-20", "M&M", credits: [(nil, 1)])]).isEmpty)
  }

  @Test func creditTypeMismatch() {
    let records = [
      record("t", .transcript, "2026-01-10", "Opioid REMS module", credits: [(.amaPRA2, 2)]),
      record("l", .log, "2026-01-10", "Opioid REMS", credits: [(.amaPRA1, 2)]),
    ]
    #expect(codes(audit(records)).contains("credit-type-mismatch"))
    // The AOA counts AMA PRA Category 1 as AOA 2-A.
    let aoa = [
      record("t", .transcript, "2026-01-10", "Opioid REMS module", credits: [(.amaPRA1, 2)]),
      record("l", .log, "2026-01-10", "Opioid REMS", credits: [(.aoa2A, 2)]),
    ]
    #expect(audit(aoa).isEmpty)
  }

  @Test func claimPending() {
    let pending = record("l", .log, "2026-05-13", "SHM Converge", evaluation: .pending)
    let findings = audit([pending])
    #expect(codes(findings) == ["claim-pending"])
    #expect(findings[0].message.contains("63 days ago"))
    #expect(findings[0].action.contains("90 days"))
    #expect(audit([record("l", .log, "2026-05-13", "SHM Converge", evaluation: .completed)]).count == 1)
    #expect(
      codes(audit([record("l", .log, "2026-05-13", "SHM Converge", evaluation: .completed)])) == [
        "unverifiable/no-record"
      ])
  }

  @Test func unreadableRow() {
    let issue = ImportIssue(
      location: Provenance(path: "t.csv", line: 7), reason: "date '2/30/2026' is not a date")
    let findings = audit([], issues: [issue])
    #expect(codes(findings) == ["unreadable-row"])
    #expect(findings[0].locations == [issue.location])
    #expect(findings[0].message.contains("2/30/2026"))
    #expect(audit([]).isEmpty)
  }

  @Test func findingsListErrorsFirst() {
    let findings = audit([
      record("t", .transcript, "2026-03-04", "Grand Rounds"),
      record("l", .log, "2026-06-01", "Wellness talk"),
    ])
    #expect(findings.map(\.severity) == [.error, .warning])
  }
}
