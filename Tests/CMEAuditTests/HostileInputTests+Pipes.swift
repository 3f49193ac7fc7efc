import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAttendance
@testable import CMEAuditImport
@testable import CMEAuditModel

/// YAML's aliases, a schedule's expansion, and inputs that are not regular files (issue 25).
@Suite struct HostileYAMLAndPipeTests {
  /// Aliases used inside mapping keys: thirteen levels took 10 s to compose (three times longer a level).
  static func aliasedKeys(levels: Int) -> String {
    var lines = ["decisions:", "  - note: &a0 {x: 1}"]
    for level in 1...levels {
      lines.append("  - note: &a\(level) { ? *a\(level - 1) : 1, ? [*a\(level - 1), *a\(level - 1)] : 2 }")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Ten levels of ten aliases: ten billion values from twelve lines.
  static let laughs =
    (["decisions:", "  - note: &a0 [x, y, z, w, v, u, t, s, r, q]"]
    + (1...9).map {
      "  - note: &a\($0) [" + Array(repeating: "*a\($0 - 1)", count: 10).joined(separator: ",") + "]"
    })
    .joined(separator: "\n") + "\n"

  @Test func aliasesAsKeysAndAliasBombsAreRefusedAtOnce() throws {
    let file = YAMLFile(displayPath: "d.yaml")
    let clock = ContinuousClock()
    let took = try clock.measure {
      #expect {
        try file.compose(Self.aliasedKeys(levels: 20))
      } throws: {
        ($0 as? CMEAuditError)?.errorDescription?.contains("line 3: a list, a mapping or an alias") == true
      }
      #expect {
        try file.compose(Self.laughs)
      } throws: {
        ($0 as? CMEAuditError)?.errorDescription?.contains("expand to more than 1000000 values") == true
      }
    }
    #expect(took < .seconds(5))  // not a timing test: the unbounded cases take hours
    // Aliases where cmeaudit's files use them (a value repeated) are read as before, as are complex keys in a
    // file without aliases (the reader then says the key is unknown).
    let fine = try file.compose("defaults: &d {credits: 1}\nseries:\n  - *d\n  - *d\n")
    #expect(fine?.mapping?["series"]?.sequence?.count == 2)
    #expect(try file.compose("? [a, b]\n: 1\n") != nil)
    // An alias written straight against its colon is a key too (libyaml ends an alias's name there).
    #expect(AliasCheck.keyProblem(in: "a: &x [1]\nb: {*x: 1}\n")?.line == 2)
    #expect(AliasCheck.keyProblem(in: "a: &x [1]\nb: *x\nc: \"*x: 1\"\n") == nil)
  }

  @Test func aDecisionsFileWithAliasedKeysStopsTheRunWithItsLine() throws {
    let folder = try TempFolder()
    try folder.write("decisions.yaml", Self.aliasedKeys(levels: 16))
    let run = try EndToEndTests().cmeaudit([
      "reconcile", EndToEndTests.samples, "--decisions", folder.path("decisions.yaml"),
    ])
    #expect(run.status == 2 && run.stderr.contains("decisions.yaml: line 3:"), "\(run.stderr)")
  }

  /// Twenty aliased series from year 1 to 9999 took 2.7 GB and aborted (twenty of three centuries are still
  /// too many; a series runs within the years of CME); negative credits and an unknown
  /// credit type were taken.
  @Test(arguments: [
    (
      "series:\n  - &s {title: Rounds, weekday: monday, from: 1900-01-01, to: 2199-12-31}\n"
        + (1...19).map { _ in "  - *s\n" }.joined(), "more than 50000 sessions"
    ),
    // Found by the yaml fuzz harness: a series from the year 914 (58,000 sessions, 10 s under the sanitizers).
    (
      "series:\n  - {title: Rounds, weekday: wednesday, from: 0914-09-03, to: 2025-12-17}\n",
      "within 1900–2199, the years of CME"
    ),
    (
      "series:\n  - {title: Rounds, weekday: monday, from: 2026-01-01, to: 2026-02-01, credits: -5}\n",
      "credits:"
    ),
    (
      "series:\n  - {title: Rounds, weekday: monday, from: 2026-01-01, to: 2026-02-01, creditType: cat-9}\n",
      "creditType: one of ama-pra-1"
    ),
  ])
  func aSchedulesSeriesAreBounded(_ yaml: String, _ message: String) {
    #expect {
      try ScheduleReader.series(
        yaml,
        source: SourceSpec(url: URL(fileURLWithPath: "/s.yaml"), displayPath: "s.yaml", kind: .transcript))
    } throws: { ($0 as? CMEAuditError)?.errorDescription?.contains(message) == true }
  }

  @Test func aSchedulesCreditTypeIsReadAsWritten() throws {
    let sessions = try ScheduleReader.series(
      "series:\n  - {title: Rounds, weekday: monday, from: 2026-01-01, to: 2026-01-31, credits: 1, "
        + "creditType: AMA PRA Category 1}\n",
      source: SourceSpec(url: URL(fileURLWithPath: "/s.yaml"), displayPath: "s.yaml", kind: .transcript))
    #expect(sessions.count == 4 && sessions.allSatisfy { $0.creditType == .amaPRA1 && $0.credits == 1 })
  }

  /// Runs `command` in bash (for process substitution) with the built binary as `$CMEAUDIT`.
  static func bash(_ command: String, in folder: TempFolder) throws -> EndToEndTests.Run {
    try EndToEndTests.run(
      URL(fileURLWithPath: "/bin/bash"), ["-c", command], in: folder.url,
      environment: ["CMEAUDIT": EndToEndTests.binary.path, "PATH": "/usr/bin:/bin"])
  }

  /// `--log <(cat log.csv)` was read from the middle of a row (the import reads a file twice) and an XML
  /// through a pipe hung (opened three times): both are read once and held, and find what the files find.
  @Test func inputsThroughPipesAreReadOnceAndFindWhatFilesFind() throws {
    let folder = try TempFolder()
    let samples = EndToEndTests.samples
    let files = "--log \(samples)/logs/my-cme-log.csv --transcript \(samples)/transcripts/va-rotation.xml"
    let piped =
      "--log <(cat \(samples)/logs/my-cme-log.csv) --transcript <(cat \(samples)/transcripts/va-rotation.xml)"
    let direct = try Self.bash("\"$CMEAUDIT\" reconcile \(files) --format json", in: folder)
    let throughPipes = try Self.bash("\"$CMEAUDIT\" reconcile \(piped) --format json", in: folder)
    #expect(direct.status == 0 && throughPipes.status == 0, "\(throughPipes.stderr)")
    let codes = { (run: EndToEndTests.Run) in
      ((run.json["findings"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }.sorted()
    }
    #expect(!codes(direct).isEmpty && codes(throughPipes) == codes(direct))
    #expect((throughPipes.json["records"] as? [Any])?.count == (direct.json["records"] as? [Any])?.count)
  }

  /// A FIFO nobody writes to is waited on for a few seconds, then refused naming it (it blocked forever); a
  /// device is refused at once.
  @Test func aFIFOWithoutAWriterAndADeviceAreRefused() throws {
    let folder = try TempFolder()
    #expect(mkfifo(folder.path("log.csv"), 0o600) == 0)
    let started = ContinuousClock.now
    let fifo = try EndToEndTests().cmeaudit(["reconcile", "--log", folder.path("log.csv")])
    #expect(fifo.status == 2 && fifo.stderr.contains("log.csv: is a pipe nothing wrote to within 5 seconds"))
    #expect(ContinuousClock.now - started < .seconds(30))
    let device = try EndToEndTests().cmeaudit(["reconcile", "--log", "/dev/zero"])
    #expect(
      device.status == 2 && device.stderr.contains("/dev/zero: is a device or socket"), "\(device.stderr)")
  }

  /// A loop of symbolic links given as a folder or a file says so (it read "no such folder").
  @Test func aLoopOfSymbolicLinksIsReportedAsOne() throws {
    let folder = try TempFolder()
    try FileManager.default.createSymbolicLink(
      atPath: folder.path("a"), withDestinationPath: folder.path("b"))
    try FileManager.default.createSymbolicLink(
      atPath: folder.path("b"), withDestinationPath: folder.path("a"))
    for option in ["--certificates", "--log"] {
      let run = try EndToEndTests().cmeaudit(["reconcile", option, folder.path("a")])
      #expect(run.status == 2 && run.stderr.contains("symbolic links lead round in a loop"), "\(run.stderr)")
    }
  }

  /// A sidecar past `InputLimits.sidecarBytes` is a problem of that file (a 1 GB one took 3.2 GB).
  @Test func aSidecarPastTheLimitIsReportedNotRead() throws {
    let folder = try TempFolder()
    try folder.write("certs/acp.pdf", "%PDF-1.4 not really")
    try folder.write("certs/acp.json", Data(count: InputLimits.sidecarBytes + 1))
    let result = try CertificateFolderImporter().importSource(folder.spec("certs", .certificate))
    #expect(
      result.issues.contains {
        $0.location.path == "certs/acp.json" && $0.reason.contains("larger than 1 MiB")
      })
  }
}

/// Where `--output` may write, and how (issue 25).
@Suite struct HostileOutputTests {
  /// Through a symbolic link into an input folder, or onto an input by a hard or symbolic link: refused,
  /// compared by device and inode (the direct paths were refused; the links wrote).
  @Test func noLinkLeadsTheReportOverOrIntoAnInput() throws {
    let folder = try TempFolder()
    let me = folder.url.appendingPathComponent("me")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: EndToEndTests.samples), to: me)
    try FileManager.default.createSymbolicLink(
      atPath: folder.path("linked-logs"), withDestinationPath: me.path + "/logs")
    try FileManager.default.linkItem(
      atPath: me.path + "/logs/my-cme-log.csv", toPath: folder.path("hard.csv"))
    try FileManager.default.createSymbolicLink(
      atPath: folder.path("soft.csv"), withDestinationPath: me.path + "/logs/my-cme-log.csv")
    let log = try Data(contentsOf: me.appendingPathComponent("logs/my-cme-log.csv"))
    for (output, message) in [
      ("linked-logs/report.txt", "is inside the input folder"), ("hard.csv", "is an input file"),
      ("soft.csv", "is an input file"),
    ] {
      let run = try EndToEndTests().cmeaudit(["reconcile", "me", "--output", output], in: folder.url)
      #expect(run.status == 2 && run.stderr.contains(message), "\(output): \(run.stderr)")
    }
    #expect(try Data(contentsOf: me.appendingPathComponent("logs/my-cme-log.csv")) == log)
    #expect(!FileManager.default.fileExists(atPath: me.path + "/logs/report.txt"))
  }

  /// A device or FIFO is written into, not replaced by a regular file; a FIFO nobody reads is an error.
  @Test func aDeviceOrFIFOIsWrittenAsAStream() throws {
    let folder = try TempFolder()
    let toNull = try EndToEndTests().cmeaudit(["reconcile", EndToEndTests.samples, "--output", "/dev/null"])
    #expect(toNull.status == 0)
    var info = stat()
    #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    #expect(mkfifo(folder.path("report.fifo"), 0o600) == 0)
    let read = try HostileYAMLAndPipeTests.bash(
      "cat report.fifo > got.txt & sleep 0.3; \"$CMEAUDIT\" reconcile \(EndToEndTests.samples) --output report.fifo; wait",
      in: folder)
    #expect(read.status == 0, "\(read.stderr)")
    #expect(
      try String(contentsOfFile: folder.path("got.txt"), encoding: .utf8).contains("CME reconciliation"))
    #expect(stat(folder.path("report.fifo"), &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    let nobody = try EndToEndTests().cmeaudit([
      "reconcile", EndToEndTests.samples, "--output", folder.path("report.fifo"),
    ])
    #expect(nobody.status == 2 && nobody.stderr.contains("is a pipe nothing reads from"))
  }

  /// A temporary file a killed run left beside the report is removed by the next run; one of a run still
  /// going is left alone; a report is never left half-written under its own name.
  @Test func aKilledRunsTemporaryFileIsRemovedByTheNext() throws {
    let folder = try TempFolder()
    // The name README gives: `.NAME.cmeaudit-partial-PID` beside the report.
    let prefix = ".report.txt.cmeaudit-partial-"
    let (stale, live) = (prefix + "999999999", prefix + String(getpid()))
    try folder.write(stale, "half a report")
    try folder.write(live, "another run's")
    let run = try EndToEndTests().cmeaudit(
      ["reconcile", EndToEndTests.samples, "--output", "report.txt"], in: folder.url)
    #expect(run.status == 0)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
    #expect(!names.contains(stale) && names.contains(live) && names.contains("report.txt"))
    #expect(!names.contains { $0.hasPrefix(prefix) && $0 != live })
  }
}

/// What a certificates folder holds besides certificates (issue 25).
@Suite struct HostileCertificateFolderTests {
  /// A subfolder that cannot be read, and a FIFO named like a certificate, are each reported; the rest of
  /// the folder is read (both were skipped without a word). Run as an unprivileged user: root reads any
  /// folder.
  @Test func anUnreadableSubfolderAndAFIFOAreReported() throws {
    let folder = try TempFolder()
    let certificates = URL(fileURLWithPath: EndToEndTests.samples).appendingPathComponent("certificates")
    try folder.write(
      "certs/ok/sepsis.pdf", Data(contentsOf: certificates.appendingPathComponent("sepsis-module.pdf")))
    try folder.write(
      "certs/locked/hf.pdf", Data(contentsOf: certificates.appendingPathComponent("hf-symposium.pdf")))
    #expect(mkfifo(folder.path("certs/pipe.pdf"), 0o644) == 0)
    for path in ["", "certs", "certs/ok"] { chmod(folder.path(path), 0o755) }
    chmod(folder.path("certs/ok/sepsis.pdf"), 0o644)
    chmod(folder.path("certs/locked"), 0)
    defer { chmod(folder.path("certs/locked"), 0o755) }
    let arguments = ["reconcile", "--certificates", "certs", "--as-of", "2026-07-01"]
    let run =
      getuid() == 0
      ? try EndToEndTests.run(
        URL(fileURLWithPath: "/usr/bin/setpriv"),
        ["--reuid=65534", "--regid=65534", "--clear-groups", EndToEndTests.binary.path] + arguments,
        in: folder.url)
      : try EndToEndTests().cmeaudit(arguments, in: folder.url)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("at certs/locked\n        Could not import: a folder that cannot be read"))
    #expect(run.stdout.contains("at certs/pipe.pdf\n        Could not import: not a regular file"))
    #expect(run.stdout.contains("certificates-folder: 1 records, 2 unreadable"))
  }
}
