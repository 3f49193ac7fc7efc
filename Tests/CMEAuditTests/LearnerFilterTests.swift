import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditImport
@testable import CMEAuditModel
@testable import CMEAuditReport

/// `reconcile` is one physician's check: an export naming several learners is flagged, and `--learner`
/// keeps one learner's records (and those naming none, such as a personal log).
@Suite struct LearnerFilterTests {
  static let transcript = """
    Last Name,First Name,NPI,Email,Activity Date,Activity Title,Credits Awarded,Credit Type
    Patel,Priya,1100229651,priya.patel@example.org,2025-09-03,Medicine Grand Rounds,1.00,AMA PRA Category 1
    Smith,John,1100142540,john.smith@example.org,2025-09-03,Medicine Grand Rounds,1.00,AMA PRA Category 1
    Patel,Priya,1100229651,priya.patel@example.org,2025-09-10,Tumor Board,1.00,AMA PRA Category 1
    Smith,Jane,1100300007,jane.smith@example.org,2025-09-10,Tumor Board,1.00,AMA PRA Category 1
    Smith,John,1100142540,john.smith@example.org,2025-09-17,Journal Club,1.00,AMA PRA Category 1

    """

  func run(learner: String?) throws -> Report {
    let folder = try TempFolder()
    try folder.write("transcript.csv", Self.transcript)
    try folder.write("log.csv", "Date,Activity Title,Credits\n2025-09-03,Medicine Grand Rounds,1\n")
    var input = ReconcileInput(
      transcripts: [folder.spec("transcript.csv", .transcript)], logs: [folder.spec("log.csv", .log)])
    input.learner = learner
    return try Reconciler(period: nil, today: day("2026-01-15")).run(input)
  }

  @Test func anExportNamingSeveralLearnersIsFlagged() throws {
    let report = try run(learner: nil)
    let flagged = report.findings.filter { $0.code == .severalLearners }
    #expect(flagged.count == 1)
    #expect(flagged.first?.severity == .warning)
    #expect(flagged.first?.message.contains("3 learners (Jane Smith, John Smith, Priya Patel)") == true)
    #expect(flagged.first?.locations == [Provenance(path: "transcript.csv", line: nil)])
    #expect(report.sources.map(\.otherLearners) == [0, 0])
  }

  @Test(arguments: ["1100229651", "PRIYA.PATEL@example.org", "Patel, Priya", "Priya Patel MD"])
  func oneLearnersRecordsAreKept(learner: String) throws {
    let report = try run(learner: learner)
    #expect(!report.findings.contains { $0.code == .severalLearners })
    let transcript = try #require(report.sources.first { $0.kind == .transcript })
    #expect(transcript.records == 2)
    #expect(transcript.otherLearners == 3)
    #expect(report.sources.first { $0.kind == .log }?.otherLearners == 0)
    // The log (no learner column) is hers: its line matches her 3 September record; the tumor board she
    // did not log is missing from it, and none of the Smiths' records is.
    #expect(
      report.records.map(\.title).sorted() == [
        "Medicine Grand Rounds", "Medicine Grand Rounds", "Tumor Board",
      ])
    #expect(report.findings.map(\.code) == [.missingFromLog])
    let text = TextRenderer(colour: false).render(report)
    #expect(text.contains("csv, utf-8: 2 records, 3 of other learners left out"))
  }

  @Test func aLearnerTheFilesDoNotNameOrANameThatFitsTwoIsAnError() throws {
    #expect {
      try run(learner: "Zed Zee")
    } throws: { error in
      guard case .usage(let message) = error as? CMEAuditError else { return false }
      return message.contains("no record names this learner")
        && message.contains("the files name Jane Smith, John Smith, Priya Patel.")
    }
    #expect {
      try run(learner: "J Smith")
    } throws: { error in
      guard case .usage(let message) = error as? CMEAuditError else { return false }
      return message.contains("fits 2 learners (Jane Smith, John Smith)")
    }
  }

  /// Two learners of one name with different NPIs stay two, even when a mention with no NPI (a name and an
  /// email) agrees with both.
  @Test func differentNPIsAreNeverOneLearner() throws {
    let folder = try TempFolder()
    try folder.write(
      "transcript.csv",
      """
      Learner,NPI,Email,Date,Activity Title,Credits
      John Smith,,js@example.org,2025-09-10,Tumor Board,1
      John Smith,1100142540,,2025-09-03,Medicine Grand Rounds,1
      John Smith,1100300007,,2025-09-17,Journal Club,1

      """)
    let input = ReconcileInput(transcripts: [folder.spec("transcript.csv", .transcript)])
    let report = try Reconciler(period: nil, today: day("2026-01-15")).run(input)
    #expect(report.findings.first { $0.code == .severalLearners }?.message.contains("2 learners") == true)
  }

  @Test func theSamplesNameOnePhysician() throws {
    let report = try Reconciler(period: Period.academicYear(2025), today: day("2026-07-15"))
      .run(
        FolderLayout.read(EndToEndTests.packageRoot.appendingPathComponent("samples/resident-2025-26").path))
    // Jordan Lee, named by the transcript (with NPI), the VA's XML and the certificates, is one person.
    #expect(report.records.contains { $0.learner?.name == "Jordan Lee, MD" })
    #expect(!report.findings.contains { $0.code == .severalLearners })
  }

  /// An NPI mistyped on one row of the physician's own transcript fails the NPI check digit: it does not make
  /// a second learner (whose record `--learner` would leave out), and it is reported where it was typed.
  @Test func anNPIThatFailsItsCheckDigitIsReportedNotASecondLearner() throws {
    let folder = try TempFolder()
    try folder.write(
      "transcript.csv",
      """
      Learner,NPI,Date,Activity Title,Credits
      "Jordan Lee, MD",1234567893,2025-09-03,Medicine Grand Rounds,1
      "Jordan Lee, MD",1234567839,2025-09-10,Tumor Board,1
      "Jordan Lee, MD",1234567893,2025-09-17,Journal Club,1

      """)
    for learner in [nil, "1234567893"] {
      var input = ReconcileInput(transcripts: [folder.spec("transcript.csv", .transcript)])
      input.learner = learner
      let report = try Reconciler(period: nil, today: day("2026-01-15")).run(input)
      #expect(report.sources.map(\.otherLearners) == [0], "\(learner ?? "no --learner")")
      #expect(report.records.count == 3)
      #expect(!report.findings.contains { $0.code == .severalLearners })
      let flagged = report.findings.filter { $0.code == .invalidNPI }
      #expect(flagged.count == 1)
      #expect(flagged.first?.severity == .warning)
      #expect(flagged.first?.locations == [Provenance(path: "transcript.csv", line: 3)])
      #expect(
        flagged.first?.message.hasPrefix("NPI 1234567839 (Jordan Lee, MD) fails the NPI check digit") == true)
      #expect(flagged.first?.records.count == 1)
    }
    // Given to --learner, such a number is said to be no NPI, not searched for.
    var input = ReconcileInput(transcripts: [folder.spec("transcript.csv", .transcript)])
    input.learner = "1234567839"
    #expect {
      try Reconciler(period: nil, today: day("2026-01-15")).run(input)
    } throws: { error in
      guard case .usage(let message) = error as? CMEAuditError else { return false }
      return message.contains("is not an NPI: its check digit fails")
    }
  }
}
