import Foundation
import Testing
import ZIPFoundation

@testable import CMEAudit
@testable import CMEAuditImport

/// Runs the built `cmeaudit` binary as a user would and checks stdout, stderr and the exit code.
@Suite struct EndToEndTests {
  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String

    var json: [String: Any] {
      (try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any]) ?? [:]
    }
  }

  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let samples = packageRoot.appendingPathComponent("samples/resident-2025-26").path

  static var binary: URL {
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("cmeaudit")
    if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
    return packageRoot.appendingPathComponent(".build/debug/cmeaudit")
  }

  func cmeaudit(_ arguments: [String], in directory: URL? = nil) throws -> Run {
    try Self.run(Self.binary, arguments, in: directory)
  }

  /// Runs a program to its end, with what it wrote.
  static func run(
    _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil
  )
    throws -> Run
  {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  @Test func theSampleYearFindsEveryPlantedProblem() throws {
    let run = try cmeaudit([
      "reconcile", Self.samples, "--academic-year", "2025", "--format", "json", "--as-of", "2026-07-15",
    ])
    #expect(run.status == 0)
    let report = run.json
    #expect(report["schemaVersion"] as? Int == 1)
    let findings = try #require(report["findings"] as? [[String: Any]])
    func count(_ code: String, _ reason: String? = nil) -> Int {
      findings.filter {
        $0["code"] as? String == code && (reason == nil || $0["reason"] as? String == reason)
      }.count
    }
    #expect(count("missing-from-log") == 5)
    #expect(count("missing-certificate") == 1)
    #expect(count("unverifiable", "no-record") == 2)
    #expect(count("unverifiable", "no-accreditation") == 1)
    #expect(count("unverifiable", "participation-only") == 1)
    #expect(count("unverifiable", "self-reported") == 4)
    #expect(count("duplicate") == 3)
    #expect(count("credit-mismatch") == 1)
    #expect(count("credit-type-mismatch") == 1)
    #expect(count("claim-pending") == 1)
    #expect(count("unreadable-row") == 2)
    #expect(findings.count == 22)

    let totals = try #require((report["totals"] as? [String: Any])?["byType"] as? [[String: Any]])
    let cat1 = try #require(totals.first { $0["type"] as? String == "ama-pra-1" })
    #expect((cat1["verified"] as? NSNumber)?.decimalValue == Decimal(string: "88.75"))
    #expect((cat1["claimed"] as? NSNumber)?.decimalValue == Decimal(87))
    let moc = try #require(totals.first { $0["type"] as? String == "moc" })
    #expect((moc["verified"] as? NSNumber)?.decimalValue == Decimal(string: "6.5"))
    #expect(totals.first { $0["type"] as? String == "ama-pra-2" }?["verified"] as? NSNumber == 0)

    // Every location names a file of the sample, by its path relative to the folder.
    for finding in findings {
      for location in finding["locations"] as? [[String: Any]] ?? [] {
        let path = try #require(location["path"] as? String)
        #expect(FileManager.default.fileExists(atPath: Self.samples + "/" + path), "\(path)")
      }
    }
  }

  @Test func theTextReportReadsAsAPhysicianWouldExpect() throws {
    let run = try cmeaudit(["reconcile", Self.samples, "--academic-year", "2025", "--as-of", "2026-07-15"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("CME reconciliation, 2025-07-01 to 2026-06-30"))
    #expect(run.stdout.contains("logs/my-cme-log.csv:63"))
    #expect(run.stdout.contains("credits 'TBD' is not a number"))
    #expect(run.stdout.contains("→ "))
    #expect(!run.stdout.contains("\u{1B}["))  // no colour when not on a terminal
    #expect(run.stderr.isEmpty)
  }

  /// The sample's text report, kept as a golden file for review. `RECORD_SNAPSHOTS=1 swift test` rewrites it.
  @Test func theSampleReportMatchesItsGoldenFile() throws {
    let run = try cmeaudit(["reconcile", Self.samples, "--academic-year", "2025", "--as-of", "2026-07-15"])
    let golden = Self.packageRoot.appendingPathComponent("Tests/CMEAuditTests/Golden/resident-2025-26.txt")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try Data(run.stdout.utf8).write(to: golden)
      return
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    let actualLines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    if let index = zip(actualLines, expectedLines).enumerated().first(where: { $0.element.0 != $0.element.1 }
    )?.offset {
      Issue.record(
        "line \(index + 1) differs:\n  expected: \(expectedLines[index])\n  actual:   \(actualLines[index])")
    }
    #expect(actualLines.count == expectedLines.count)
  }

  @Test func explainListsEveryLinkWithItsEvidence() throws {
    let run = try cmeaudit(["reconcile", Self.samples, "--academic-year", "2025", "--explain"])
    #expect(run.stdout.contains("Links ("))
    #expect(run.stdout.contains("transcripts/va-rotation.xml:56 ~ logs/my-cme-log.csv:4\n    score 0.81"))
    #expect(run.stdout.contains("1 day apart"))
    let plain = try cmeaudit(["reconcile", Self.samples, "--academic-year", "2025"])
    #expect(!plain.stdout.contains("Links ("))
  }

  @Test func recordIDsAreStableAcrossRuns() throws {
    let args = ["reconcile", Self.samples, "--format", "json", "--as-of", "2026-07-15"]
    let first = try cmeaudit(args)
    let second = try cmeaudit(args)
    #expect(first.stdout == second.stdout)
    #expect(!first.stdout.isEmpty)
  }

  @Test func theOrderOfTheInputFilesDoesNotChangeTheResult() throws {
    let log = Self.samples + "/logs/my-cme-log.csv"
    let hospital = Self.samples + "/transcripts/university-hospital.csv"
    let site = Self.samples + "/transcripts/va-rotation.xml"
    let a = try cmeaudit([
      "reconcile", "--log", log, "--transcript", hospital, "--transcript", site, "--format", "json",
    ])
    let b = try cmeaudit([
      "reconcile", "--transcript", site, "--transcript", hospital, "--log", log, "--format", "json",
    ])
    func summary(_ run: Run) -> [String] {
      let findings = (run.json["findings"] as? [[String: Any]] ?? []).map {
        "\($0["code"] ?? "") \($0["records"] ?? "")"
      }
      let records = (run.json["records"] as? [[String: Any]] ?? []).map {
        "\($0["id"] ?? "") \($0["activity"] ?? "")"
      }
      return (findings + records).sorted()
    }
    #expect(summary(a) == summary(b))
    #expect(!summary(a).isEmpty)
  }

  @Test func aDecisionsFileSettlesFindingsForTheNextRun() throws {
    let folder = try TempFolder()
    try folder.write(
      "log.csv", "Date,Activity Title,Credit Type,Credits Earned\n2026-03-04,Journal reading,Category 2,2\n")
    let first = try cmeaudit(["reconcile", "--log", "log.csv", "--format", "json"], in: folder.url)
    let finding = try #require((first.json["findings"] as? [[String: Any]])?.first)
    let id = try #require((finding["records"] as? [String])?.first)
    try folder.write(
      "decisions.yaml",
      "decisions:\n  - accept: unverifiable/self-reported\n    record: \(id)\n    note: my board counts it\n")
    let second = try cmeaudit(
      [
        "reconcile", "--log", "log.csv", "--decisions", "decisions.yaml", "--format", "json", "--fail-on",
        "warning",
      ],
      in: folder.url)
    #expect(second.status == 0)
    #expect((second.json["findings"] as? [[String: Any]])?.isEmpty == true)
    let accepted = (second.json["decisions"] as? [String: Any])?["accepted"] as? [[String: Any]]
    #expect(accepted?.first?["note"] as? String == "my board counts it")
    let text = try cmeaudit(
      ["reconcile", "--log", "log.csv", "--decisions", "decisions.yaml"], in: folder.url)
    #expect(text.stdout.contains("accepted unverifiable (self-reported)"))
  }

  @Test func theOfficeSampleFindsEveryPlantedProblem() throws {
    let office = Self.packageRoot.appendingPathComponent("samples/office-2025").path
    let args = [
      "attendance", "--schedule", office + "/schedule.yaml", "--roster", office + "/signins.csv",
      "--transcript",
      office + "/transcript-export.csv", "--log", office + "/logs", "--as-of", "2026-01-15",
    ]
    let run = try cmeaudit(args + ["--format", "json"])
    #expect(run.status == 0)
    let findings = run.json["findings"] as? [[String: Any]] ?? []
    var counts: [String: Int] = [:]
    for finding in findings {
      let name = (finding["code"] as? String ?? "") + ((finding["reason"] as? String).map { "/\($0)" } ?? "")
      counts[name, default: 0] += 1
    }
    #expect(
      counts == [
        "session-without-attendance": 1, "attendance-not-credited": 3, "credit-without-attendance": 2,
        "credit-exceeds-designation": 1, "duplicate/same-activity": 1, "claimed-not-recorded": 1,
        "unknown-learner/ambiguous": 1, "unknown-learner/no-identity": 1,
      ])
    #expect(
      findings.filter { $0["code"] as? String == "attendance-not-credited" }.allSatisfy {
        $0["learner"] != nil && $0["session"] != nil
      })
    #expect((run.json["sessions"] as? [[String: Any]])?.count == 15)
    #expect((run.json["learners"] as? [[String: Any]])?.count == 30)  // John Smith's three spellings are one
    let csv = try cmeaudit(args + ["--format", "csv", "--fail-on", "error"])
    #expect(csv.status == 1)
    #expect(csv.stdout.hasPrefix("\u{FEFF}learner,learner id,session,date,severity,code"))
  }

  @Test func failOnSetsTheExitCode() throws {
    let errors = try cmeaudit(["reconcile", Self.samples, "--fail-on", "error", "--format", "csv"])
    #expect(errors.status == 1)
    #expect(errors.stdout.hasPrefix("\u{FEFF}severity,code,reason,path,line,message,action,records"))
    let folder = try TempFolder()
    try folder.write(
      "log.csv", "Date,Activity Title,Credit Type,Credits Earned\n2026-03-04,Grand Rounds,AMA PRA Cat 1,1\n")
    try folder.write(
      "t.csv", "Date,Title,Credit Type,Credits\n2026-03-04,Medicine Grand Rounds,AMA PRA Category 1,1\n")
    let clean = try cmeaudit(
      ["reconcile", "--log", "log.csv", "--transcript", "t.csv", "--fail-on", "warning"], in: folder.url)
    #expect(clean.status == 0)
    #expect(clean.stdout.contains("Findings: none"))
  }

  @Test func anExcelLogAndAUTF16TranscriptWorkInOneRun() throws {
    let folder = try TempFolder()
    let log = Self.packageRoot.appendingPathComponent("Tests/CMEAuditTests/Fixtures/log-libreoffice.xlsx")
    try FileManager.default.copyItem(at: log, to: folder.url.appendingPathComponent("log.xlsx"))
    let transcript =
      "Date\tCourse Title\tCredit Category\tCredits Awarded\r\n"
      + "2025-09-03\tMedicine Grand Rounds: Sepsis\tAMA PRA Category 1 Credit™\t1.00\r\n"
      + "2025-11-05\tGrand Rounds: Sepsis Follow-up\tAMA PRA Category 1 Credit™\t1.50\r\n"
    var utf16 = Data([0xFF, 0xFE])
    utf16.append(transcript.data(using: .utf16LittleEndian)!)
    try folder.write("transcript.txt", utf16)
    let run = try cmeaudit(
      ["reconcile", "--log", "log.xlsx", "--transcript", "transcript.txt", "--format", "json"], in: folder.url
    )
    #expect(run.status == 0)
    let sources = run.json["sources"] as? [[String: Any]] ?? []
    #expect(sources.map { $0["format"] as? String } == ["xlsx", "csv"])
    #expect(sources.last?["encoding"] as? String == "utf-16le")
    let codes = (run.json["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }.sorted()
    // The Category 2 reading and the summit are unbacked; the follow-up's evaluation is pending.
    #expect(codes == ["claim-pending", "unverifiable", "unverifiable"])
  }

  @Test func theDateOrderOptionSettlesAmbiguousDates() throws {
    let folder = try TempFolder()
    try folder.write("log.csv", "Date,Activity Title,Credits Earned\n3/4/2026,Grand Rounds,1\n")
    let unsettled = try cmeaudit(["reconcile", "--log", "log.csv", "--format", "json"], in: folder.url)
    let codes = (unsettled.json["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    #expect(codes == ["unreadable-row"])
    let settled = try cmeaudit(
      ["reconcile", "--log", "log.csv", "--date-order", "dmy", "--format", "json"], in: folder.url)
    let records = settled.json["records"] as? [[String: Any]] ?? []
    #expect(records.map { $0["date"] as? String } == ["2026-04-03"])
    #expect((settled.json["sources"] as? [[String: Any]])?.first?["dateOrder"] as? String == "dmy")
  }

  @Test func aProfileBelongsToTheInputBeforeIt() throws {
    let folder = try TempFolder()
    try folder.write("riverside.csv", ProfileTests.riverside)
    try folder.write("riverside.yaml", ProfileTests.riversideProfile)
    try folder.write(
      "log.csv", "Date,Activity Title,Credits Earned\n2026-03-14,Innere Medizin Fortbildung,1.5\n")
    let run = try cmeaudit(
      [
        "reconcile", "--log", "log.csv", "--transcript", "riverside.csv", "--profile", "riverside.yaml",
        "--format", "json",
      ], in: folder.url)
    #expect(run.status == 0)
    let sources = run.json["sources"] as? [[String: Any]] ?? []
    #expect(sources.map { $0["records"] as? Int } == [1, 2])
    // The profile is for the transcript only: given for the log it would not find its columns.
    let misplaced = try cmeaudit(
      ["reconcile", "--log", "log.csv", "--profile", "riverside.yaml", "--transcript", "riverside.csv"],
      in: folder.url)
    #expect(misplaced.status == 2)
    #expect(misplaced.stderr.contains("log.csv: profile riverside.yaml names column"))
    // In a folder, NAME.profile.yaml maps NAME.csv.
    try folder.write("year/transcripts/riverside.csv", ProfileTests.riverside)
    try folder.write("year/transcripts/riverside.profile.yaml", ProfileTests.riversideProfile)
    let layout = try cmeaudit(["reconcile", "year", "--format", "json"], in: folder.url)
    #expect(layout.status == 0)
    #expect(
      (layout.json["sources"] as? [[String: Any]])?.map { $0["path"] as? String } == [
        "transcripts/riverside.csv"
      ])
  }

  @Test func inspectExplainsAFileAndSuggestsAProfile() throws {
    let folder = try TempFolder()
    try folder.write("riverside.csv", ProfileTests.riverside)
    let unknown = try cmeaudit(["inspect", "riverside.csv"], in: folder.url)
    #expect(unknown.status == 2)
    #expect(unknown.stdout.contains("suggested profile"))
    try folder.write("riverside.yaml", ProfileTests.riversideProfile)
    let known = try cmeaudit(["inspect", "riverside.csv", "--profile", "riverside.yaml"], in: folder.url)
    #expect(known.status == 0)
    #expect(known.stdout.contains("1. 'Kurs' → title"))
    #expect(known.stdout.contains("records   2 read, 1 rejected"))
  }

  /// The lock file Excel or Word keeps beside an open document (`~$…`, a few bytes, no workbook) and the
  /// files Windows keeps in folders are no one's input, in any folder: a log open in Excel while the audit
  /// ran stopped it.
  @Test func lockAndSystemFilesInTheFoldersAreLeftOut() throws {
    let folder = try TempFolder()
    try folder.write("me/logs/log.csv", "Date,Activity Title,Credits\n2025-09-10,Medicine Grand Rounds,1\n")
    let lock = Data([0x0B] + Array("Jordan Lee".utf8) + [UInt8](repeating: 0x20, count: 151))
    for name in [
      "me/logs/~$log.xlsx", "me/transcripts/~$export.xlsx", "me/certificates/~$notes.docx",
      "me/logs/desktop.ini",
      "me/certificates/Thumbs.db",
    ] {
      try folder.write(name, lock)
    }
    try folder.write(
      "me/transcripts/export.csv", "Date,Activity Title,Credits\n2025-09-10,Medicine Grand Rounds,1\n")
    let run = try cmeaudit(["reconcile", "me", "--format", "json"], in: folder.url)
    #expect(run.status == 0)
    #expect(
      !run.stdout.contains("~$") && !run.stdout.contains("desktop.ini") && !run.stdout.contains("Thumbs"))
    #expect(run.json["sources"].map { "\($0)".contains("log.csv") } == true)
    // A log folder given to the attendance check too.
    try folder.write(
      "schedule.yaml",
      "series:\n  - {title: Medicine Grand Rounds, weekday: wednesday, from: 2025-09-03, to: 2025-09-17}\n")
    let attendance = try cmeaudit(
      ["attendance", "--schedule", "schedule.yaml", "--log", "me/logs", "--format", "csv"], in: folder.url)
    #expect(attendance.status != 2)
    #expect(!attendance.stdout.contains("~$"))
  }

  @Test func anUnreadableInputIsAClearErrorNamingTheFile() throws {
    let run = try cmeaudit(["reconcile", "--transcript", "/nonexistent/export.csv"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("/nonexistent/export.csv"))
    #expect(run.stdout.isEmpty)
    let folder = try TempFolder()
    try folder.write("garbage.csv", Data((0..<512).map { UInt8(($0 * 37) % 256) }))
    let garbage = try cmeaudit(["reconcile", "--log", "garbage.csv"], in: folder.url)
    #expect(garbage.status == 2)
    #expect(garbage.stderr.contains("garbage.csv"))
  }

  @Test func theCommandLineIsChecked() throws {
    #expect(try cmeaudit(["reconcile"]).status == 64)
    #expect(try cmeaudit(["reconcile", Self.samples, "--from", "2026-13-01"]).status == 64)
    #expect(
      try cmeaudit(["reconcile", Self.samples, "--academic-year", "2025", "--from", "2025-01-01"]).status
        == 64)
    // Checked once the files are read: a wrong command line all the same (it exited 2, as for an input).
    let backwards = try cmeaudit(["reconcile", Self.samples, "--from", "2026-01-01", "--to", "2025-01-01"])
    #expect(backwards.status == 64)
    #expect(backwards.stderr.contains("--from 2026-01-01 is after --to 2025-01-01"))
    let stranger = try cmeaudit(["reconcile", Self.samples, "--learner", "Zed Zee"])
    #expect(stranger.status == 64)
    #expect(stranger.stderr.contains("the files name Jordan Lee, MD."))
    // attendance checks every learner: reconcile's options it would ignore are refused.
    let office = Self.packageRoot.appendingPathComponent("samples/office-2025").path
    let ignored = try cmeaudit([
      "attendance", "--schedule", office + "/schedule.yaml", "--roster", office + "/signins.csv",
      "--transcript", office + "/transcript-export.csv", "--certificates", office,
    ])
    #expect(ignored.status == 64)
    #expect(ignored.stderr.contains("it does not take --certificates"))
    // attendance needs something to check, and sign-ins alone are enough.
    let nothing = try cmeaudit(["attendance", "--schedule", office + "/schedule.yaml"])
    #expect(nothing.status == 64)
    #expect(nothing.stderr.contains("Give at least one source: --roster, --transcript, --log or a folder."))
    let signIns = try cmeaudit([
      "attendance", "--schedule", office + "/schedule.yaml", "--roster", office + "/signins.csv",
      "--as-of", "2026-01-15",
    ])
    #expect(signIns.status == 0)
    #expect(signIns.stdout.contains("session-without-attendance 1"))
    #expect(!signIns.stdout.contains("attendance-not-credited"))
    // attendance --learner: one learner's report, or a usage error naming what is wrong.
    let attendance = [
      "attendance", "--schedule", office + "/schedule.yaml", "--roster", office + "/signins.csv",
      "--transcript", office + "/transcript-export.csv", "--as-of", "2026-01-15", "--learner",
    ]
    let dana = try cmeaudit(attendance + ["dana.levy@hospital.example.org"])
    #expect(dana.status == 0)
    #expect(dana.stdout.hasPrefix("Attendance check, all dates, for Dana Levy (npi:1100023757)\n"))
    #expect(dana.stdout.contains("Learners (1)\n"))
    let json = try cmeaudit(attendance + ["dana.levy@hospital.example.org", "--format", "json"])
    #expect(json.stdout.contains("\"learner\" : \"npi:1100023757\""))
    for (learner, message) in [
      ("Zed Zee", "no sign-in, credit record or log names this learner"),
      ("J Smith", "fits 2 learners (Jane Smith or John A Smith MD)"),
      ("1100023758", "is not an NPI: its check digit fails"),
    ] {
      let refused = try cmeaudit(attendance + [learner])
      #expect(refused.status == 64, "\(learner)")
      #expect(refused.stderr.contains(message), "\(learner): \(refused.stderr)")
    }
    // The sample's Jordan Lee is named three ways (an NPI, the VA's learner id, a name alone): one learner.
    let all = try cmeaudit(["reconcile", Self.samples, "--as-of", "2026-07-15"]).stdout
    for learner in ["1234567893", "Jordan Lee", "VA-55821"] {
      let mine = try cmeaudit(["reconcile", Self.samples, "--as-of", "2026-07-15", "--learner", learner])
      #expect(mine.status == 0, "\(learner)")
      #expect(mine.stdout == all, "\(learner)")
    }
  }

  @Test func theReportIsWrittenToOutputAndNeverOverAnInput() throws {
    let folder = try TempFolder()
    let log = "Date,Activity Title,Credits Earned\n2026-03-04,Grand Rounds,1\n"
    try folder.write("log.csv", log)
    let written = try cmeaudit(
      ["reconcile", "--log", "log.csv", "--output", "out/report.json", "--format", "json"], in: folder.url)
    #expect(written.status == 2)  // the output folder does not exist: a clear error, nothing half-written
    try FileManager.default.createDirectory(
      at: folder.url.appendingPathComponent("out"), withIntermediateDirectories: true)
    let ok = try cmeaudit(
      ["reconcile", "--log", "log.csv", "--output", "out/report.json", "--format", "json"], in: folder.url)
    #expect(ok.status == 0)
    #expect(ok.stdout.isEmpty)
    #expect(FileManager.default.fileExists(atPath: folder.path("out/report.json")))
    let refused = try cmeaudit(["reconcile", "--log", "log.csv", "--output", "./log.csv"], in: folder.url)
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("input"))
    #expect(try String(contentsOfFile: folder.path("log.csv"), encoding: .utf8) == log)
  }

  @Test func aReportIsNeverWrittenIntoAFolderOfLogs() throws {
    let folder = try TempFolder()
    let log = "Date,Activity Title,Credits Earned\n2026-03-04,Grand Rounds,1\n"
    try folder.write("logs/ann-lee.csv", log)
    try folder.write("schedule.csv", "Date,Title,Designated Credits\n2026-03-04,Grand Rounds,1\n")
    try folder.write("signins.csv", "Attendee,Session Date\nAnn Lee,2026-03-04\n")
    let arguments = [
      "attendance", "--schedule", "schedule.csv", "--roster", "signins.csv", "--log", "logs", "--format",
      "csv",
      "--output",
    ]
    // Logs alone have nothing to be checked against.
    let alone = try cmeaudit(["attendance", "--schedule", "schedule.csv", "--log", "logs"], in: folder.url)
    #expect(alone.status == 64)
    #expect(alone.stderr.contains("give --roster or --transcript too"))
    for target in ["logs/report.csv", "logs/ann-lee.csv"] {
      let refused = try cmeaudit(arguments + [target], in: folder.url)
      #expect(refused.status == 2)
      #expect(refused.stderr.contains("input folder logs"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("logs")) == ["ann-lee.csv"])
    #expect(try String(contentsOfFile: folder.path("logs/ann-lee.csv"), encoding: .utf8) == log)
    #expect(try cmeaudit(arguments + ["report.csv"], in: folder.url).status == 0)
    // Nor into a subfolder of the folder convention, which the next run would read back.
    try folder.write("me/logs/log.csv", log)
    let layout = try cmeaudit(
      ["reconcile", "me", "--format", "csv", "--output", "me/logs/report.csv"], in: folder.url)
    #expect(layout.status == 2)
    #expect(!FileManager.default.fileExists(atPath: folder.path("me/logs/report.csv")))
    #expect(
      try cmeaudit(["reconcile", "me", "--format", "csv", "--output", "me/report.csv"], in: folder.url).status
        == 0)
  }

  @Test func theBenchmarkReaderCountsEveryRow() throws {
    let folder = try TempFolder()
    try folder.write("t.csv", "Date,Title\n2026-01-01,\"Two\nlines\"\n2026-01-02,x\n\n2026-01-03,y")
    let run = try cmeaudit(["benchmark-read", "t.csv"], in: folder.url)
    #expect(run.status == 0)
    // The header, a quoted line break, an empty line (no row), no newline at the end.
    #expect(run.stdout.hasPrefix("rows=4 bytes=60 "))
    #expect(try !cmeaudit(["--help"]).stdout.contains("benchmark-read"))
  }

  @Test func everyCommandsHelpReadsAsProse() throws {
    // A line of a discussion ending in `\\` showed the backslash in the help, not one wrapped paragraph.
    for command in ["reconcile", "audit", "attendance", "pack", "inspect"] {
      let help = try cmeaudit(["help", command]).stdout
      #expect(help.contains("USAGE: cmeaudit \(command)"), "\(command)")
      #expect(!help.contains("\\"), "\(command)")
    }
  }

  @Test func thePeriodLeavesOutOtherYears() throws {
    let folder = try TempFolder()
    try folder.write(
      "log.csv",
      "Date,Activity Title,Credit Type,Credits Earned\n2025-06-30,Old Rounds,AMA PRA Cat 1,1\n2025-07-01,New Rounds,AMA PRA Cat 1,1\n"
    )
    let run = try cmeaudit(
      ["reconcile", "--log", "log.csv", "--academic-year", "2025", "--format", "json"], in: folder.url)
    let records = run.json["records"] as? [[String: Any]] ?? []
    #expect(records.map { $0["title"] as? String } == ["New Rounds"])
    let source = (run.json["sources"] as? [[String: Any]])?.first
    #expect(source?["outsidePeriod"] as? Int == 1)
    #expect((run.json["period"] as? [String: String])?["from"] == "2025-07-01")
  }

  @Test func inputFilesAreNeverModified() throws {
    func fingerprint() throws -> [String: Data] {
      var result: [String: Data] = [:]
      let enumerator = FileManager.default.enumerator(atPath: Self.samples)!
      while let path = enumerator.nextObject() as? String {
        if let data = FileManager.default.contents(atPath: Self.samples + "/" + path) { result[path] = data }
      }
      return result
    }
    let before = try fingerprint()
    _ = try cmeaudit(["reconcile", Self.samples, "--format", "json"])
    #expect(try fingerprint() == before)
  }
}
