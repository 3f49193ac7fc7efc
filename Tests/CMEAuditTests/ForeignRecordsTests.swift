import Foundation
import Testing

@testable import CMEAuditAnalysis
@testable import CMEAuditModel

/// The cases behind the matcher's misses on records other hands wrote: providers by their initials or short
/// names, a provider named in the title, and those together with a swapped day.
@Suite struct ForeignRecordsTests {
  /// A year's other records, so that the titles' words are weighted as in a real run.
  let year = (0..<8).map { index in
    record("t\(index)", .transcript, "2026-0\(index + 1)-1\(index)", "Medicine Grand Rounds: Topic \(index)")
  }

  func linked(_ log: ActivityRecord, _ certificate: ActivityRecord) -> Link? {
    Matcher().reconcile([log, certificate] + year).links.first {
      Set($0.records) == [log.id, certificate.id]
    }
  }

  func certificate(_ date: String, _ title: String, provider: String) -> ActivityRecord {
    var certificate = record("c", .certificate, date, title, credits: [(.amaPRA1, 1.5)], provider: provider)
    certificate.accreditationStatement = "accredited by the ACCME"
    return certificate
  }

  /// "SHM sepsis online course" for the Society of Hospital Medicine's "Sepsis Management Online Course": the
  /// initialism in the title is the provider's, not a title word.
  @Test func aProvidersInitialismInTheTitle() throws {
    let log = record(
      "l", .log, "2026-02-03", "SHM sepsis online course", credits: [(.amaPRA1, 1.5)],
      provider: "Society of Hospital Medicine")
    let course = certificate(
      "2026-02-03", "Sepsis Management Online Course", provider: "Society of Hospital Medicine")
    let link = try #require(linked(log, course))
    #expect(link.evidence.titleSimilarity > 0.75)
  }

  /// The same with the day and month of an ISO date swapped: linked, and reported as a date-mismatch.
  @Test func anInitialismAndASwappedDay() throws {
    var log = record(
      "l", .log, "2026-03-02", "SHM sepsis online course", credits: [(.amaPRA1, 1.5)],
      provider: "Society of Hospital Medicine")
    log.rawDate = "2026-03-02"
    let course = certificate(
      "2026-02-03", "Sepsis Management Online Course", provider: "Society of Hospital Medicine")
    let link = try #require(linked(log, course))
    #expect(link.evidence.dayMonthSwapped)
    let findings = FindingRules(context: FindingRuleExample.defaultContext).findings(
      for: Matcher().reconcile([log, course] + year), issues: [])
    #expect(findings.contains { $0.code == .dateMismatch && $0.message.contains("2026-02-03") })
  }

  /// A provider named only in the title ("(IDSA)", the log's provider left blank) vouches for the provider.
  @Test func aProviderNamedOnlyInTheTitle() throws {
    let log = record(
      "l", .log, "2026-02-03", "Antimicrobial stewardship essentials (IDSA)", credits: [(.amaPRA1, 1.5)])
    let course = certificate(
      "2026-02-03", "Antimicrobial Stewardship Essentials", provider: "Infectious Diseases Society of America"
    )
    let link = try #require(linked(log, course))
    #expect(link.evidence.provider == "compatible" && link.evidence.titleSimilarity > 0.9)
  }

  /// Short names from the list of common providers, and initials, match the spelled-out names; two known
  /// providers do not match each other.
  @Test(arguments: [
    ("CHEST", "American College of Chest Physicians", ProviderMatcher.Verdict.compatible),
    ("SHM", "Society of Hospital Medicine", .compatible),
    ("acp", "American College of Physicians (ACP)", .compatible),
    ("ACC", "American College of Cardiology", .compatible),
    ("ACC", "American College of Physicians", .incompatible),
  ])
  func shortNames(_ short: String, _ full: String, _ verdict: ProviderMatcher.Verdict) {
    #expect(ProviderMatcher.compare(short, full) == verdict)
  }

  /// Clinical abbreviations in a log's title read as the words they stand for.
  @Test(arguments: [
    ("DKA update", "Diabetic Ketoacidosis Update"), ("GR: CHF", "Grand Rounds: Congestive Heart Failure"),
    ("ACLS renewal", "Advanced Cardiac Life Support Renewal"), ("AFib M&M", "Atrial Fibrillation M&M"),
  ])
  func clinicalAbbreviations(_ short: String, _ long: String) {
    #expect(TitleSimilarity.score(short, long) >= 0.9)
  }

  /// A transcript naming every weekly grand rounds session by the series alone, and a log typing the topic
  /// but not "Medicine": each log line links to the session of its day (or the day before), and a line
  /// without the series' words to none.
  @Test func sessionsNamedByTheSeriesAlone() {
    let sessions = ["2025-07-02", "2025-07-09", "2025-07-16", "2025-07-23"].enumerated().map { week, date in
      record("t\(week)", .transcript, date, "Medicine Grand Rounds", provider: "Riverside Health")
    }
    let logs = [
      record("l0", .log, "2025-07-02", "grand rounds sepsis bundles"),
      record("l1", .log, "2025-07-10", "GR - gout flares"),  // a day late
      record("l2", .log, "2025-07-16", "journal club"),
    ]
    let links = Set(Matcher().reconcile(sessions + logs).links.map { Set($0.records) })
    #expect(links == [["l0", "t0"], ["l1", "t1"]])
  }
}
