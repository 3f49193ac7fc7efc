import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditModel

@Suite struct MatcherTests {
  func groups(_ records: [ActivityRecord]) -> Set<Set<String>> {
    Set(Matcher().reconcile(records).activities.map { Set($0.recordIDs) })
  }

  @Test func weeklySeriesWithIdenticalTitlesLinkByDate() {
    let title = "Medicine Grand Rounds"
    var records: [ActivityRecord] = []
    for (i, date) in ["2026-01-07", "2026-01-14", "2026-01-21", "2026-01-28"].enumerated() {
      records.append(record("t\(i)", .transcript, date, "\(title): Topic \(i)"))
    }
    // Logged the day after each session, one with the series name alone.
    records.append(record("l0", .log, "2026-01-08", "Grand Rounds"))
    records.append(record("l1", .log, "2026-01-15", "IM Grand Rounds – Topic 1"))
    records.append(record("l3", .log, "2026-01-28", "Medicine GR"))
    let result = groups(records)
    #expect(result.contains(["l0", "t0"]))
    #expect(result.contains(["l1", "t1"]))
    #expect(result.contains(["t2"]))
    #expect(result.contains(["l3", "t3"]))
  }

  @Test func oneTranscriptRowNeverSatisfiesTwoLogLines() {
    let records = [
      record("t", .transcript, "2026-03-04", "Grand Rounds: Sepsis"),
      record("l1", .log, "2026-03-04", "Grand Rounds"),
      record("l2", .log, "2026-03-05", "Grand Rounds"),
      record("l3", .log, "2026-03-04", "Grand Rounds", path: "notes-log.csv"),
    ]
    let result = Matcher().reconcile(records)
    let withT = result.activities.first { $0.recordIDs.contains("t") }!
    #expect(withT.recordIDs.sorted() == ["l1", "t"])  // the closer date wins
    #expect(result.activities.contains { $0.recordIDs == ["l2"] })
    // The same session in a second log is claimed twice.
    #expect(result.duplicates.map(\.duplicateID) == ["l3"])
  }

  @Test func multiDayMeetingLinksALineLoggedOnItsMiddleDay() {
    let records = [
      record(
        "c", .certificate, "2026-04-23", "Internal Medicine Meeting 2026", credits: [(.amaPRA1, 18.5)],
        provider: "American College of Physicians", end: "2026-04-25"),
      record("l", .log, "2026-04-24", "ACP IM Meeting", credits: [(.amaPRA1, 18.5)], provider: "ACP"),
    ]
    #expect(groups(records) == [["c", "l"]])
  }

  @Test func aMeetingLoggedAsOneLineButTranscribedPerDayIsOneActivity() {
    let records =
      meetingPerDay() + [
        record("l", .log, "2026-04-23", "IM Meeting 2026", credits: [(.amaPRA1, 18.5)], end: "2026-04-25"),
        record("g", .transcript, "2026-04-22", "Medicine Grand Rounds: Gout"),
      ]
    #expect(groups(records) == [["l", "t1", "t2", "t3"], ["g"]])
    let links = Matcher().reconcile(records).links
    #expect(links.filter(\.evidence.partOfSum).count == 3)
  }

  @Test func aCourseOnOneRowLoggedDayByDayIsOneActivity() {
    let records = [
      record(
        "t", .transcript, "2026-02-06", "Critical Care Course", credits: [(.amaPRA1, 13)], end: "2026-02-07"),
      record("l1", .log, "2026-02-06", "Critical care course day 1", credits: [(.amaPRA1, 6.5)]),
      record("l2", .log, "2026-02-07", "Critical care course day 2", credits: [(.amaPRA1, 6.5)]),
    ]
    #expect(groups(records) == [["t", "l1", "l2"]])
  }

  @Test func partsThatDoNotAddUpAreNoAggregate() {
    let records =
      meetingPerDay(days: 2) + [
        record("l", .log, "2026-04-23", "IM Meeting 2026", credits: [(.amaPRA1, 18.5)], end: "2026-04-25")
      ]
    #expect(groups(records).count == 2)
  }

  @Test func aLogDateWithDayAndMonthSwappedStillLinks() throws {
    var log = record("l", .log, "2026-04-03", "Medicine Grand Rounds: Gout")
    log.rawDate = "4/3/2026"  // meant as 4 March, read month-first as 3 April
    // A weekly series around it, so that the series' own words count for little.
    let series = ["Anemia", "Lupus", "Asthma", "Stroke", "Delirium", "Syncope"].enumerated().map {
      index, topic in
      record(
        "s\(index)", .transcript, "2026-0\(index < 3 ? 1 : 2)-1\(index)", "Medicine Grand Rounds: \(topic)")
    }
    let records =
      [
        record("t1", .transcript, "2026-03-04", "Medicine Grand Rounds: Gout"),
        record("t2", .transcript, "2026-04-01", "Medicine Grand Rounds: Sepsis"), log,
      ] + series
    let result = Matcher().reconcile(records)
    #expect(Set(result.activities.map { Set($0.recordIDs) }).contains(["l", "t1"]))
    #expect(result.links.first { $0.records.contains("l") }?.evidence.dayMonthSwapped == true)
    // An ISO date typed with month and day swapped is a candidate too, when title and credit agree.
    var iso = log
    iso.rawDate = "2026-04-03"
    #expect(
      Matcher().reconcile([records[0], records[1], iso] + series).links.first?.evidence.dayMonthSwapped
        == true)
    // Not when the credit differs.
    var other = iso
    other.credits = [CreditLine(type: .amaPRA1, amount: 2, raw: "2")]
    #expect(Matcher().reconcile([records[0], records[1], other] + series).links.isEmpty)
  }

  @Test func differentActivitiesOnOneDayStayApart() {
    let records = [
      record(
        "t1", .transcript, "2026-02-07", "Point-of-Care Ultrasound Workshop", credits: [(.amaPRA1, 6.5)]),
      record("t2", .transcript, "2026-02-07", "Journal Club"),
      record("l1", .log, "2026-02-07", "POCUS workshop", credits: [(.amaPRA1, 6.5)]),
      record("l2", .log, "2026-02-07", "Journal club"),
    ]
    #expect(groups(records) == [["t1", "l1"], ["t2", "l2"]])
  }

  @Test func aLogLineNamingTheCertificateFileLinksToIt() {
    var certificate = record(
      "c", .certificate, "2025-10-12", "Opioid Analgesic REMS: Safe Prescribing", credits: [(.amaPRA1, 2)])
    certificate.file = "certificates/opioid-rems.pdf"
    let log = record(
      "l", .log, "2025-10-13", "Online module", credits: [(.amaPRA1, 2)], certificate: "Opioid-REMS.pdf")
    #expect(groups([certificate, log]) == [["c", "l"]])
    var other = log
    other.certificateReference = "something-else.pdf"
    #expect(groups([certificate, other]) == [["c"], ["l"]])
  }

  @Test func incompatibleProvidersDoNotLinkOnALooseTitle() {
    let records = [
      record("t", .transcript, "2026-03-05", "Stroke Update", provider: "American Heart Association"),
      record("l", .log, "2026-03-06", "Stroke update webinar", provider: "Society of Hospital Medicine"),
    ]
    #expect(groups(records) == [["t"], ["l"]])
  }

  @Test func tooFarApartIsNotTheSameActivity() {
    let records = [
      record("t", .transcript, "2026-03-04", "Heart Failure Symposium"),
      record("l", .log, "2026-03-12", "Heart Failure Symposium"),
    ]
    #expect(groups(records) == [["t"], ["l"]])
  }

  @Test func duplicatesWithinOneSource() {
    let records = [
      record("l1", .log, "2026-03-04", "Grand Rounds: Sepsis"),
      record("l2", .log, "2026-03-04", "Grand rounds - sepsis"),
      record("l3", .log, "2026-03-11", "Grand Rounds: Sepsis"),  // next week's session: not a duplicate
      record("t1", .transcript, "2026-03-04", "Grand Rounds: Sepsis"),
      record("t2", .transcript, "2026-03-04", "Grand Rounds: Sepsis"),
      record("t3", .transcript, "2026-03-04", "Journal Club"),
    ]
    let result = Matcher().reconcile(records)
    #expect(Set(result.duplicates.map(\.duplicateID)) == ["l2", "t2"])
    #expect(result.duplicates.first { $0.duplicateID == "l2" }?.originalID == "l1")
  }

  @Test func aModuleTakenTwiceOnDifferentDatesIsNoDuplicate() {
    let records = [
      record(
        "c1", .certificate, "2025-10-12", "Opioid Analgesic REMS: Safe Prescribing", credits: [(.amaPRA1, 2)]),
      record(
        "c2", .certificate, "2026-10-14", "Opioid Analgesic REMS: Safe Prescribing", credits: [(.amaPRA1, 2)]),
      record("l1", .log, "2025-10-12", "Opioid Analgesic REMS (online)", credits: [(.amaPRA1, 2)]),
      record("l2", .log, "2026-10-14", "Opioid Analgesic REMS (online)", credits: [(.amaPRA1, 2)]),
    ]
    let result = Matcher().reconcile(records)
    #expect(result.duplicates.isEmpty)
    #expect(Set(result.activities.map { Set($0.recordIDs) }) == [["c1", "l1"], ["c2", "l2"]])
  }

  @Test func linksCarryTheirEvidence() throws {
    let records = [
      record(
        "t", .transcript, "2026-03-04", "Medicine Grand Rounds: Sepsis", provider: "University Hospital"),
      record("l", .log, "2026-03-05", "IM GR sepsis", provider: "Univ Hospital"),
    ]
    let link = try #require(Matcher().reconcile(records).links.first)
    #expect(link.evidence.dateDistance == 1)
    #expect(link.evidence.provider == "compatible")
    #expect(link.evidence.score >= MatchEvidence.threshold)
  }

  @Test func resultIsTheSameWhateverTheInputOrder() {
    let records = [
      record("t1", .transcript, "2026-01-07", "Grand Rounds"),
      record("t2", .transcript, "2026-01-08", "Grand Rounds"),
      record("l1", .log, "2026-01-07", "Grand Rounds"), record("l2", .log, "2026-01-09", "Grand Rounds"),
    ]
    let forward = groups(records)
    #expect(groups(records.reversed()) == forward)
    #expect(forward.contains(["t1", "l1"]))
  }
}
