import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditAttendance
@testable import CMEAuditImport
@testable import CMEAuditModel
@testable import CMEAuditReport

/// Faults the red-team pass of issue 25 found, each shown fixed.
extension HostileInputTests {
  /// A worksheet row numbered past Int's range, then one with no number, trapped on `rowNumber + 1`; a cell
  /// at column ZZZZ padded every row to 475,254 fields. Both are read now, the far cell left out and said.
  @Test func aWorksheetsRowNumbersAndFarCellsAreBounded() throws {
    let sheet = """
      <worksheet><sheetData>
      <row r="9223372036854775807"><c r="A1" t="inlineStr"><is><t>Title</t></is></c></row>
      <row><c t="inlineStr"><is><t>Tumor Board</t></is></c><c r="ZZZZ3" t="inlineStr"><is><t>x</t></is></c></row>
      <row r="0"><c t="inlineStr"><is><t>Grand Rounds</t></is></c></row>
      </sheetData></worksheet>
      """
    let (rows, problems) = try SheetParser.parse(
      Data(sheet.utf8), sharedStrings: nil, dateStyles: [], date1904: false, displayPath: "w.xlsx")
    #expect(rows.map(\.fields) == [["Title"], ["Tumor Board"], ["Grand Rounds"]])
    #expect(rows.allSatisfy { $0.line > 0 && $0.line <= SheetParser.maxRows + 2 })
    #expect(problems.count == 1 && problems[0].reason.contains("cell ZZZZ3 is past the 1024 columns"))
  }

  /// A rule's amounts are digits: "5O", ".nan", ".inf" and "1,000" are errors naming the line, not 5, 0 or 1.
  @Test(arguments: ["5O", ".nan", ".inf", "\"1,000\"", "-3"])
  func aRulesAmountIsDigits(_ amount: String) {
    #expect {
      try RuleSet.parse(
        "cycle: {months: 24, ending: 2027-01-31}\nrequirements:\n  - {id: t, credits: \(amount)}\n",
        displayPath: "r.yaml")
    } throws: { ($0 as? CMEAuditError)?.errorDescription?.contains("line 3") == true }
  }

  /// `--output` onto any file the run reads (a rule file, decisions, the physician file, a profile, a
  /// catalog) is refused, as it is for transcripts and logs; the file is left as it was.
  @Test func theReportIsNeverWrittenOverAnyInputOfTheRun() throws {
    let folder = try TempFolder()
    let rules = try folder.write(
      "rules.yaml", "cycle: {months: 24, ending: 2027-01-31}\nrequirements:\n  - {id: t, credits: 1}\n")
    let decisions = try folder.write("decisions.yaml", "decisions: []\n")
    let runner = EndToEndTests()
    for (arguments, target) in [
      (["audit", "--rules", rules.path, EndToEndTests.samples], rules),
      (["reconcile", EndToEndTests.samples, "--decisions", decisions.path], decisions),
    ] {
      let before = try Data(contentsOf: target)
      let run = try runner.cmeaudit(arguments + ["--output", target.path])
      #expect(run.status == 2 && run.stderr.contains("is an input file"), "\(run.stderr)")
      #expect(try Data(contentsOf: target) == before)
    }
  }

  /// A line break in a file's name reaches the text report as a visible escape, not a forged report line;
  /// escapes (a CSV refuses them as binary, but an .xlsx or XML title may carry them) are shown, not obeyed.
  @Test func theTextReportShowsControlCharactersAsEscapes() throws {
    let folder = try TempFolder()
    let name = "log\nERROR   forged.csv"
    try folder.write(name, "Date,Title,Credits\n2026-03-10,Grand Rounds,1\n")
    let report = try Reconciler(period: nil, today: day("2026-07-15")).run(
      ReconcileInput(logs: [folder.spec(name, .log)]))
    let text = TextRenderer(colour: false).render(report)
    #expect(!text.split(separator: "\n").contains { $0.hasPrefix("ERROR   forged") })
    #expect(text.contains("log\\nERROR   forged.csv"))
    #expect(
      TerminalText.safe("\u{1B}[2JGrand Rounds\u{1B}]0;pwned\u{07}") == "\\e[2JGrand Rounds\\e]0;pwned\\x07")
    var titled = report
    try #require(!titled.findings.isEmpty)
    titled.findings[0].message = "\u{1B}[2J'Grand Rounds' is in your log"
    let rendered = TextRenderer(colour: false).render(titled)
    #expect(rendered.contains("\\e[2J'Grand Rounds'"))
    #expect(!rendered.unicodeScalars.contains { $0.value == 0x1B })
  }

  /// A pack's entry names keep to a safe set: a backslash (a folder to Windows), `..` and control characters
  /// are made `_`; ordinary names, a browser's "(1)" and accents are kept.
  @Test(arguments: [
    ("x\\..\\..\\Users\\me\\evil.pdf", "x__.__._Users_me_evil.pdf"),
    ("acp-im-2026 (1).pdf", "acp-im-2026 (1).pdf"), ("Zertifikat Müller.pdf", "Zertifikat Müller.pdf"),
    ("..", "_"), ("...", "__"), ("a\u{1B}[2Jb\nc.pdf", "a__2Jb_c.pdf"),
  ])
  func packEntryNamesAreSafe(_ name: String, _ safe: String) {
    let made = EvidencePack.safeName(name)
    #expect(made == safe)
    #expect(!made.contains("..") && !made.contains("\\") && !made.contains("/"))
  }

  /// An error quoting input is one bounded, printable line: a 1 MB header cell is cut, raw bytes and line
  /// breaks are shown as escapes.
  @Test func errorMessagesAreBoundedAndPrintable() throws {
    let folder = try TempFolder()
    try folder.write("huge.csv", String(repeating: "H", count: 1_000_000) + ",\u{01}x\n1,2\n")
    #expect {
      try CSVActivityImporter().importSource(folder.spec("huge.csv", .transcript))
    } throws: { error in
      let message = (error as? CMEAuditError)?.errorDescription ?? ""
      return message.count < 2_100 && message.contains("more characters left out") && !message.contains("\n")
    }
    #expect(CMEAuditError.usage("a\u{1B}b\nc").errorDescription == "a\\x1Bb\\nc")
  }

  /// A certificates folder given as a symbolic link is followed once (it read as an empty folder, with no
  /// finding); links inside it are still not followed.
  @Test func aSymlinkedCertificatesFolderIsFollowed() throws {
    let folder = try TempFolder()
    try folder.write(
      "real/acp.json", #"{"title": "Internal Medicine Meeting", "date": "2026-04-23", "credits": 1}"#)
    try folder.write("real/acp.pdf", "%PDF-1.4 stub")
    try FileManager.default.createSymbolicLink(
      at: folder.url.appendingPathComponent("link"),
      withDestinationURL: folder.url.appendingPathComponent("real"))
    let result = try CertificateFolderImporter().importSource(folder.spec("link", .certificate))
    #expect(result.records.map(\.title) == ["Internal Medicine Meeting"])
    #expect(result.records.first?.source.path == "link/acp.pdf")
  }

  /// A UTF-16 file over 1 MiB with one lone surrogate: every row is read (the chunk holding it vanished, and
  /// later line numbers were wrong), the surrogate read as U+FFFD.
  @Test func aLoneSurrogateLosesNoRows() throws {
    var text = "Date,Title,Credits\r\n"
    for index in 1...40_000 { text += "2026-03-10,Talk \(index),1\r\n" }
    var data = Data([0xFF, 0xFE])
    for unit in text.utf16 { data += Data([UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
    // "Talk 100" becomes "Talk 1\u{D800}0": a high surrogate with no low one after it.
    let marker = Data("Talk 100,".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    let at = try #require(data.range(of: marker))
    data.replaceSubrange((at.lowerBound + 12)..<(at.lowerBound + 14), with: [0x00, 0xD8])
    let folder = try TempFolder()
    try folder.write("big.csv", data)
    let result = try CSVActivityImporter().importSource(folder.spec("big.csv", .log))
    #expect(result.records.count + result.issues.count == 40_000)
    #expect(result.records.last?.source.line == 40_001)
    #expect(result.records.contains { $0.title == "Talk 1\u{FFFD}0" })
  }
}

/// Fields past `InputLimits.fieldBytes` and text the XML parser drops, in XML and worksheets.
@Suite struct HostileFieldTests {
  static func report(_ activities: String) -> String {
    """
    <?xml version="1.0"?>
    <ActivityReports><ActivityReport>\(activities)</ActivityReport></ActivityReports>
    """
  }

  static func activity(_ name: String, _ day: String) -> String {
    """
    <Activity><ActivityName>\(name)</ActivityName>
    <Module><Status>Completed</Status><CompletedDateTime>\(day)</CompletedDateTime></Module></Activity>

    """
  }

  /// A 3 MB title (200 MB took 49 s and 1.3 GB) and an entity that is not defined ("ACME &co; Rounds" was
  /// read as "ACME  Rounds", the error saying records after it could not be read) each leave their record out,
  /// said with the element; the records around them are read.
  @Test func anXMLTextPastTheLimitOrWithAnUndefinedEntityLeavesItsRecordOut() throws {
    let folder = try TempFolder()
    let xml = Self.report(
      Self.activity("Tumor Board", "2026-03-01")
        + Self.activity(String(repeating: "x", count: 3 << 20), "2026-03-02")
        + Self.activity("ACME &co; Rounds", "2026-03-03") + Self.activity("Grand Rounds", "2026-03-04"))
    try folder.write("t.xml", xml)
    let result = try MedBiqXMLImporter().importSource(folder.spec("t.xml", .transcript))
    #expect(result.records.map(\.title) == ["Tumor Board", "Grand Rounds"])
    #expect(result.issues.count == 2)
    #expect(result.issues.first?.reason.contains("<ActivityName> is longer than 1 MiB") == true)
    #expect(result.issues.last?.reason.contains("<ActivityName> holds an entity that is not defined") == true)
    #expect(!result.issues.contains { $0.reason.contains("could not be read") })
  }

  /// The same through a profile's XML mapping (any XML export).
  @Test func aMappedXMLRecordPastTheLimitIsLeftOut() throws {
    let folder = try TempFolder()
    try folder.write(
      "p.yaml", "record: /rows/row\nfields:\n  date: day\n  title: name\n  credits: hours\n")
    let long = String(repeating: "y", count: 2 << 20)
    try folder.write(
      "x.xml",
      "<rows><row><day>2026-03-01</day><name>\(long)</name><hours>1</hours></row>\n"
        + "<row><day>2026-03-02</day><name>Grand &x; Rounds</name><hours>1</hours></row>\n"
        + "<row><day>2026-03-03</day><name>Tumor Board</name><hours>1</hours></row></rows>\n")
    var spec = folder.spec("x.xml", .transcript)
    spec.profile = try ImportProfile.load(folder.url.appendingPathComponent("p.yaml"), displayPath: "p.yaml")
    let result = try XMLRecordImporter().importSource(spec)
    #expect(result.records.map(\.title) == ["Tumor Board"])
    #expect(result.issues.map(\.location.line) == [1, 2])
  }

  /// A notes list's line of more than 1 MiB is left out and said (a 3 MB title was read and matched).
  @Test func aNotesLinePastTheLimitIsLeftOut() throws {
    let folder = try TempFolder()
    try folder.write(
      "log.md",
      "# My CME\n- 2026-03-01 Grand Rounds \(String(repeating: "x", count: 2 << 20)) 1 credit\n"
        + "- 2026-03-02 Tumor Board 1 credit\n")
    let result = try NotesLogImporter().importSource(folder.spec("log.md", .log))
    #expect(result.records.map(\.title) == ["Tumor Board"])
    #expect(result.issues.map(\.location.line) == [2])
    #expect(result.issues.first?.reason.contains("longer than 1 MiB") == true)
  }

  /// A worksheet cell of more than 1 MiB leaves its row out, with the row's number.
  @Test func aWorksheetCellPastTheLimitLeavesItsRowOut() throws {
    let long = String(repeating: "z", count: 2 << 20)
    let sheet = """
      <worksheet><sheetData>
      <row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c></row>
      <row r="2"><c r="A2" t="inlineStr"><is><t>\(long)</t></is></c></row>
      <row r="3"><c r="A3" t="inlineStr"><is><t>Grand Rounds</t></is></c></row>
      </sheetData></worksheet>
      """
    let (rows, problems) = try SheetParser.parse(
      Data(sheet.utf8), sharedStrings: nil, dateStyles: [], date1904: false, displayPath: "w.xlsx")
    #expect(rows.map(\.fields) == [["Title"], ["Grand Rounds"]])
    #expect(problems.map(\.location.line) == [2])
    #expect(problems.first?.reason.contains("more than 1 MiB") == true)
  }
}

/// Rows read as something else, or not at all (issue 25).
@Suite struct HostileRowTests {
  /// Rows numbered like the header, before it, zero or negative are read as the rows after the last (one
  /// numbered like the header was dropped as the header's own row, with nothing said).
  @Test func worksheetRowsNumberedOutOfOrderAreRead() throws {
    let folder = try TempFolder()
    let sheet = """
      <worksheet><sheetData>
      <row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>Title</t></is></c><c r="C1" t="inlineStr"><is><t>Credits</t></is></c></row>
      <row r="1"><c r="A1" t="inlineStr"><is><t>2026-03-01</t></is></c><c r="B1" t="inlineStr"><is><t>Tumor Board</t></is></c><c r="C1"><v>1</v></c></row>
      <row r="-4"><c t="inlineStr"><is><t>2026-03-02</t></is></c><c t="inlineStr"><is><t>Grand Rounds</t></is></c><c><v>1</v></c></row>
      <row r="0"><c t="inlineStr"><is><t>2026-03-03</t></is></c><c t="inlineStr"><is><t>M&amp;M</t></is></c><c><v>1</v></c></row>
      </sheetData></worksheet>
      """
    let (rows, problems) = try SheetParser.parse(
      Data(sheet.utf8), sharedStrings: nil, dateStyles: [], date1904: false, displayPath: "w.xlsx")
    #expect(problems.isEmpty)
    #expect(rows.map(\.line) == [1, 2, 3, 4])
    let table = try TabularText.locate(in: rows, source: folder.spec("w.xlsx", .log))
    #expect(table.rows.compactMap { table.cell(.title, in: $0) } == ["Tumor Board", "Grand Rounds", "M&M"])
  }

  /// A day in year 1 or 9999 (a placeholder, a typo) trapped the totals (an academic year 0 does not exist):
  /// such a row is reported, saying the year, and the rest read.
  @Test func aDateOutsideTheYearsOfCMEIsReported() throws {
    let folder = try TempFolder()
    try folder.write(
      "log.csv",
      "Date,End Date,Title,Credits\n0001-01-01,,Grand Rounds,1\n2026-03-01,9999-12-31,Tumor Board,1\n"
        + "1/1/1850,,M&M,1\n2026-03-02,,Journal Club,1\n")
    let result = try CSVActivityImporter().importSource(folder.spec("log.csv", .log))
    #expect(result.records.map(\.title) == ["Journal Club"])
    #expect(result.issues.map(\.location.line) == [2, 3, 4])
    #expect(result.issues.allSatisfy { $0.reason.contains("not one a CME activity is dated in (1900–2199)") })
    let run = try EndToEndTests().cmeaudit([
      "reconcile", "--log", folder.path("log.csv"), "--transcript", folder.path("log.csv"),
    ])
    #expect(run.status == 0, "\(run.stderr)")
  }

  /// In a file with a Provider column, a title written on two lines is one title (only its first line was
  /// kept); without one, a second line still names the provider (CME Passport's stacked "Activity").
  @Test func aTwoLineTitleIsOneTitleWhereTheProviderHasAColumn() throws {
    let folder = try TempFolder()
    try folder.write(
      "log.csv", "Date,Title,Provider,Credits\n2026-03-01,\"Grand Rounds:\nHeart Failure\",ACME,1\n")
    try folder.write("stacked.csv", "Date,Activity,Credits\n2026-03-01,\"Grand Rounds\nACME Health\",1\n")
    let log = try CSVActivityImporter().importSource(folder.spec("log.csv", .log))
    #expect(log.records.map(\.title) == ["Grand Rounds: Heart Failure"])
    #expect(log.records.map(\.provider) == ["ACME"])
    let stacked = try CSVActivityImporter().importSource(folder.spec("stacked.csv", .log))
    #expect(stacked.records.map(\.title) == ["Grand Rounds"])
    #expect(stacked.records.map(\.provider) == ["ACME Health"])
  }

  /// The encoding reported is the whole file's: Windows-1252 in a title (a column the first pass does not
  /// decode) was reported as UTF-8, and a large file of UTF-8 and Windows-1252 lines too.
  @Test(arguments: [28, 30_000])
  func theEncodingReportedIsTheWholeFiles(rows: Int) throws {
    let folder = try TempFolder()
    var bytes = Data("Date,Title,Credits\n2026-03-01,Café Rounds,1\n".utf8)
    for index in 0..<rows { bytes += Data("2026-03-\(index % 28 + 1),Grand Rounds \(index),1\n".utf8) }
    bytes += Data("2026-03-28,Caf".utf8) + Data([0xE9]) + Data(" Rounds,1\n".utf8)
    try folder.write("log.csv", bytes)
    let result = try CSVActivityImporter().importSource(folder.spec("log.csv", .log))
    #expect(result.summary.encoding == .mixed)
    #expect(result.records.last?.title == "Café Rounds")
  }
}

/// What the inputs say, in the reports people read (issue 25).
@Suite struct HostileReportTests {
  /// A file name holding a backtick closed the code span it was put in, and what followed was HTML; a CR in a
  /// title started a block of its own. Every code span's fence is longer than the backticks inside it, and
  /// control characters are shown as escapes.
  @Test func markdownKeepsFileNamesInTheirCodeSpansAndTitlesOnTheirLines() throws {
    let folder = try TempFolder()
    let name = "log`<img src=x onerror=alert(1)>``.csv"
    try folder.write(name, "Date,Title,Credits\n2026-03-10,Grand Rounds,1\n")
    var report = try Reconciler(period: nil, today: day("2026-07-15")).run(
      ReconcileInput(logs: [folder.spec(name, .log)]))
    try #require(!report.findings.isEmpty)
    report.findings[0].message = "Grand\r<script>alert(1)</script> Rounds"
    let markdown = MarkdownRenderer().render(report)
    #expect(markdown.contains("```log`<img src=x onerror=alert(1)>``.csv:2```"))
    #expect(markdown.contains("Grand\\\\r\\<script\\>alert(1)\\</script\\> Rounds"))
    #expect(!markdown.contains("\r"))
    #expect(MarkdownText.code("`x`") == "`` `x` ``")
  }

  /// The attendance report's fence is longer than any backtick run in a title (a title of three backticks
  /// closed it), and its text shows control characters as escapes (only the reconcile report's did).
  @Test func theAttendanceReportKeepsTitlesInItsFenceAndOffTheTerminal() throws {
    let folder = try TempFolder()
    try folder.write(
      "schedule.csv",
      "Date,Session,Credits\n2025-09-03,\"Rounds ```\n<img src=x onerror=alert(1)>\",1\n2025-09-10,\u{1B}[2JRounds,1\n"
    )
    try folder.write("signins.csv", "Attendee,Session Date,Session\nAnn Lee,2025-09-03,Rounds\n")
    var input = AttendanceInput(schedule: folder.spec("schedule.csv", .transcript))
    input.rosters = [folder.spec("signins.csv", .transcript)]
    let report = try input.run(period: nil, today: day("2026-01-15"))
    let text = AttendanceRenderer.text(report)
    #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
    #expect(text.contains("\\e[2JRounds"))
    let markdown = AttendanceRenderer.render(report, format: .markdown)
    #expect(markdown.hasPrefix("# Attendance check\n\n````text\n"))
    #expect(markdown.hasSuffix("\n````\n"))
    #expect(markdown.components(separatedBy: "\n").filter { $0.hasPrefix("```") }.count == 2)
  }
}
