import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditImport
@testable import CMEAuditModel

/// The shared corpus (files nobody on this team wrote, copied into Fixtures/corpus with their READMEs) reads
/// as its README says a user expects.
@Suite struct CorpusTests {
  static let corpus = EndToEndTests.packageRoot.appendingPathComponent("Tests/CMEAuditTests/Fixtures/corpus")

  func read(_ relative: String) throws -> ImportResult {
    let spec = SourceSpec(
      url: Self.corpus.appendingPathComponent(relative), displayPath: relative, kind: .transcript)
    return try ImporterRegistry.importer(for: spec).importSource(spec)
  }

  /// Verified-style totals by type of the file's records, as the report's per-type table adds them.
  func totals(_ result: ImportResult) -> [String: Decimal] {
    var sums: [String: Decimal] = [:]
    for line in result.records.flatMap(\.credits) {
      sums[line.type?.rawValue ?? "unspecified", default: 0] += line.amount
    }
    return sums
  }

  /// The standard's own sample: Status on the Activity, no date, no credit: completed, so a reported problem.
  @Test func medbiqSampleIsCompletedAndReported() throws {
    let result = try read("medbiq/sample_activityreport_v2.xml")
    #expect(result.records.isEmpty && result.summary.skipped == 0)
    #expect(result.issues.count == 1)
    #expect(result.issues.first?.reason.contains("has no date") == true)
  }

  @Test func medbiqStatusOnTheActivityOrTheModule() throws {
    let result = try read("medbiq/activityreport_v2_credit.xml")
    #expect(totals(result) == ["ama-pra-1": Decimal(string: "10.5")!, "moc": Decimal(string: "7.5")!])
    #expect(result.summary.skipped == 1)  // Day 2, only registered
    #expect(result.records.first?.activityID == "12345")
  }

  /// CE Broker: "Completed" holds dates, a credit cell's last line is the course's total, the course number
  /// stands under the title and the provider's number under its name.
  @Test func ceBrokerReport() throws {
    let result = try read("cebroker/cebroker_ce_report.csv")
    #expect(result.records.map(\.date) == ["2024-03-11", "2023-08-01", "2023-05-25", "2022-09-08"].map(day))
    #expect(result.records.map(\.totalCredits) == [2, 4, 0, 1])
    #expect(result.records.map(\.activityID) == ["20-900105", "20-537457", "20-900109", "20-730308"])
    #expect(result.records.first?.title == "Prevention of Medical Errors for Florida Physicians")
    #expect(result.records.first?.provider == "FLORIDA MEDICAL ASSOCIATION")
    #expect(result.issues.isEmpty && result.summary.skipped == 0)
  }

  /// CME Passport: lines naming MOC parts under a points line say where the points fall, not more credit.
  @Test func cmePassportTranscript() throws {
    let result = try read("cmepassport/cmepassport_transcript.csv")
    #expect(result.records.count == 4)
    #expect(totals(result) == ["ama-pra-1": Decimal(string: "8.5")!, "moc": 17])
  }

  /// An attendance export with no credit column: the suggestion maps no credit and defaults no type, says
  /// what it could not find, and passed back yields no credit.
  @Test func anAttendanceExportGetsNoInventedCredit() throws {
    let spec = SourceSpec(
      url: Self.corpus.appendingPathComponent("ccpd/CDC_Student_Report_excerpt.csv"), displayPath: "cdc.csv",
      kind: .transcript)
    let inspection = Inspector.inspect(spec)
    let suggestion = try #require(inspection.suggestedProfile)
    #expect(!suggestion.contains("credits: \"Part\"") && !suggestion.contains("\n  creditType:"))
    #expect(suggestion.contains("# not found: credits"))
    var profiled = spec
    profiled.profile = try ImportProfile.parse(suggestion, displayPath: "suggested.yaml")
    let result = try CSVActivityImporter().importSource(profiled)
    #expect(result.records.flatMap(\.credits).isEmpty)
    #expect(result.issues.count == 6 && result.issues.allSatisfy { $0.reason == "no credits" })
  }
}
