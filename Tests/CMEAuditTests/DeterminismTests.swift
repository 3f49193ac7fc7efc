import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditImport
@testable import CMEAuditModel
@testable import CMEAuditReport

/// Links and findings depend on what the records say, never on a file's name or its rows' order.
@Suite struct DeterminismTests {
  /// A log line naming no provider and two transcript rows of the same day, title and amount from two
  /// departments, which tie on every score: the log line links to the row of its own credit type, whatever
  /// the files are called, in whatever order they are given and their rows written.
  @Test func theSameFilesUnderAnyNameAndOrderGiveTheSameFindings() throws {
    let header = "Date,Title,Provider,Credit Type,Credits\n"
    let logRows = [
      "2026-03-10,Grand Rounds: Sepsis,,AMA PRA Category 1,1", "2026-03-24,Tumor Board,,AMA PRA Category 1,1",
    ]
    let rows = [
      "2026-03-10,Grand Rounds: Sepsis,Department of Family Medicine,AAFP Prescribed,1",
      "2026-03-10,Grand Rounds: Sepsis,Department of Medicine,AMA PRA Category 1 Credit,1",
      "2026-03-17,Grand Rounds: Stroke,University Hospital,AMA PRA Category 1 Credit,1",
    ]
    var outcomes: Set<[String]> = []
    let names = [
      ("log.csv", "a.csv"), ("my cme (1).csv", "z.csv"), ("Log.csv", "transcript (2).csv"),
      ("2026.csv", "PARS export 2026.csv"), ("z-log.csv", "0.csv"),
    ]
    for (logName, name) in names {
      for reversed in [false, true] {
        let folder = try TempFolder()
        try folder.write(
          logName, header + (reversed ? logRows.reversed() : logRows).joined(separator: "\n") + "\n")
        try folder.write(name, header + (reversed ? rows.reversed() : rows).joined(separator: "\n") + "\n")
        let logs = try CSVActivityImporter().importSource(folder.spec(logName, .log)).records
        let transcript = try CSVActivityImporter().importSource(folder.spec(name, .transcript)).records
        let context = AuditContext(
          hasLogs: true, hasCertificates: false, certificateFileNames: [], today: day("2026-07-15"),
          period: nil)
        let records = reversed ? transcript + logs : logs + transcript
        let findings = FindingRules(context: context).findings(for: Matcher().reconcile(records), issues: [])
        outcomes.insert(
          findings.map { finding in
            // The files' names and the rows' lines are where, not what: they change with the files.
            let message = finding.message.replacingOccurrences(of: name, with: "T")
              .replacingOccurrences(of: logName, with: "L")
              .replacingOccurrences(of: #"([TL]):\d+"#, with: "$1:n", options: .regularExpression)
            return "\(finding.code.rawValue) \(message)"
          }.sorted())
      }
    }
    #expect(outcomes.count == 1, "\(outcomes)")
    #expect(outcomes.first?.contains { $0.hasPrefix("credit-type-mismatch") } == false)
  }

  /// A transcript row known only by its ACCME activity id links to the one log line of the same day and
  /// credit; with two such log lines it links to neither (no guess).
  @Test func aRowKnownOnlyByItsActivityIDLinksToTheOneLineOfItsDayAndCredit() {
    var row = record(
      "t", .transcript, "2026-03-10", RowPreparer.untitled("20-889911"), credits: [(.amaPRA1, 2)])
    row.activityID = "20-889911"
    let line = record("l", .log, "2026-03-10", "Controlled substances course", credits: [(.amaPRA1, 2)])
    let other = record("o", .log, "2026-03-11", "Journal club", credits: [(.amaPRA1, 1)])
    let linked = Matcher().reconcile([row, line, other])
    #expect(linked.links.map(\.records) == [["l", "t"]])
    #expect(linked.links.first?.evidence.onlyActivityID == true)
    let twin = record("l2", .log, "2026-03-10", "Ethics course", credits: [(.amaPRA1, 2)])
    #expect(Matcher().reconcile([row, line, twin]).links.isEmpty)
  }

  /// A short log whose dates settle no day/month order (3/4/2026) takes the order the physician's transcript
  /// settles (3/25/2026 is month first), and the report says so; with --date-order given, that order stands.
  @Test func aLogTakesTheDayMonthOrderItsTranscriptSettles() throws {
    let folder = try TempFolder()
    try folder.write("log.csv", "Date,Title,Credits\n3/4/2026,Tumor Board,1\n4/5/2026,Ethics Rounds,1\n")
    try folder.write(
      "transcript.csv",
      "Date,Title,Credit Type,Credits\n3/4/2026,Tumor Board,AMA PRA Category 1,1\n3/25/2026,M&M,AMA PRA Category 1,1\n"
    )
    let input = ReconcileInput(
      transcripts: [folder.spec("transcript.csv", .transcript)], logs: [folder.spec("log.csv", .log)])
    let report = try Reconciler(period: nil, today: day("2026-07-15")).run(input)
    let log = try #require(report.sources.first { $0.path == "log.csv" })
    #expect(log.rejected == 0 && log.dateOrder == .mdy && log.dateOrderSettledBy == "transcript.csv")
    #expect(report.records.filter { $0.kind == .log }.map(\.date) == [day("2026-03-04"), day("2026-04-05")])
    #expect(
      TextRenderer(colour: false).render(report).contains("dates read month first as transcript.csv settles"))
    var ordered = input
    ordered.logs[0].dateOrder = .dmy
    let given = try Reconciler(period: nil, today: day("2026-07-15")).run(ordered)
    #expect(given.records.filter { $0.kind == .log }.map(\.date) == [day("2026-04-03"), day("2026-05-04")])
  }

  /// Two identical copies of a certificate: the one the log names is the original, whatever their order;
  /// with no log naming either, the plainer name ("x.pdf", not "x (1).pdf").
  @Test func theCopyALogNamesIsTheOriginal() {
    func certificate(_ id: String, _ file: String) -> ActivityRecord {
      var record = record(
        id, .certificate, "2026-02-03", "Sepsis Management Online Course", credits: [(.amaPRA1, 1.5)])
      record.file = "certificates/" + file
      record.fileSHA256 = "same-bytes"
      return record
    }
    var log = record("l", .log, "2026-02-03", "SHM sepsis online course", credits: [(.amaPRA1, 1.5)])
    log.certificateReference = "sepsis.pdf"
    let other = certificate("b", "download.pdf")
    let named = certificate("a", "sepsis.pdf")
    for order in [[other, named, log], [named, other, log], [log, other, named]] {
      let result = Matcher().reconcile(order)
      #expect(result.duplicates.map(\.duplicateID) == ["b"] && result.duplicates.first?.originalID == "a")
      #expect(result.activities.contains { Set($0.recordIDs) == ["l", "a"] })
    }
    let plain = certificate("p", "acp.pdf")
    let copy = certificate("c", "acp (1).pdf")
    #expect(Matcher().reconcile([copy, plain]).duplicates.map(\.duplicateID) == ["c"])
  }
}
