import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditImport
@testable import CMEAuditModel

/// Files that are broken on purpose: none may crash, hang, read outside its inputs or exhaust memory.
@Suite struct HostileInputTests {
  @Test func deeplyNestedXMLIsRefusedNotFollowedDown() throws {
    let folder = try TempFolder()
    let depth = 50_000
    try folder.write(
      "deep.xml",
      "<ActivityReports>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        + "</ActivityReports>")
    let result = try MedBiqXMLImporter().importSource(folder.spec("deep.xml", .transcript))
    #expect(result.records.isEmpty)
  }

  /// A field past `InputLimits.fieldBytes` (a 20 MB quoted one, and a plain one cut by many chunks) leaves
  /// its row out, reported with its line; the rows around it are read, in memory of about the limit (the
  /// 500 MB field of issue 25 took 3.6 GB and four minutes, most of it matching a 500 MB title).
  @Test(arguments: [true, false])
  func aFieldPastTheLimitLeavesItsRowOutAndSaysSo(quoted: Bool) throws {
    let folder = try TempFolder()
    var text = "Date,Title,Credits\n2026-03-04," + (quoted ? "\"" : "")
    text += String(repeating: "x", count: (quoted ? 20 : 3) << 20)
    text += (quoted ? "\"" : "") + ",1\n2026-03-11,Grand Rounds,1\n"
    try folder.write("big.csv", text)
    text = ""
    let result = try CSVActivityImporter().importSource(folder.spec("big.csv", .transcript))
    #expect(result.records.map(\.title) == ["Grand Rounds"])
    #expect(result.records.map(\.source.line) == [3])
    #expect(result.issues.map(\.location.line) == [2])
    #expect(result.issues.first?.reason.contains("longer than 1 MiB") == true)
  }

  /// Empty lines are no rows: six million are read in the memory of the one record (ten million took 5.6 GB;
  /// CI runs this under a 2 GiB cap).
  @Test func emptyLinesAreNoRows() throws {
    let folder = try TempFolder()
    let text =
      "Date,Title,Credits\n" + String(repeating: "\n", count: 6_000_000) + "2026-03-11,Grand Rounds,1\n"
    try folder.write("blank.csv", text)
    let file = try DelimitedFile(folder.spec("blank.csv", .transcript))
    #expect(file.headLines == 1)
    #expect(TableReader.estimatedRows(file, partSize: nil) ?? 0 < 100)
    let result = try CSVActivityImporter().importSource(folder.spec("blank.csv", .transcript))
    #expect(result.records.map(\.source.line) == [6_000_002])
    #expect(result.issues.isEmpty)
  }

  @Test func nulBytesAndInvalidUTF8AfterTheStartAreReadAsText() throws {
    var data = Data("Date,Title,Credits\n".utf8)
    for _ in 0..<200 { data.append(Data("2026-03-04,Grand Rounds,1\n".utf8)) }  // past the binary sniff
    data.append(Data("2026-03-05,Bad".utf8))
    data.append(contentsOf: [0x00, 0xC3, 0x28, 0xFF])
    data.append(Data(" title,1\n".utf8))
    let folder = try TempFolder()
    try folder.write("odd.csv", data)
    let result = try CSVActivityImporter().importSource(folder.spec("odd.csv", .transcript))
    #expect(result.records.count == 201)
    #expect(result.records.last?.title.hasPrefix("Bad") == true)
  }

  /// A stray NUL in a small log is text like the same NUL further into a large file; a file with NULs all
  /// over (a workbook or UTF-16 saved as .csv) is still refused as binary.
  @Test func aStrayNulInASmallFileIsReadAsText() throws {
    let folder = try TempFolder()
    var data = Data("Date,Title,Credits\n2026-03-04,Grand Rounds".utf8)
    data.append(0x00)
    data.append(Data(" Sepsis,1\n2026-03-11,Grand Rounds,1\n".utf8))
    try folder.write("log.csv", data)
    let result = try CSVActivityImporter().importSource(folder.spec("log.csv", .log))
    #expect(result.records.map(\.title) == ["Grand Rounds\u{0} Sepsis", "Grand Rounds"])
    try folder.write(
      "utf16.csv", "Date,Title,Credits\n2026-03-04,Grand Rounds,1\n".data(using: .utf16LittleEndian)!)
    #expect(throws: CMEAuditError.self) {
      try CSVActivityImporter().importSource(folder.spec("utf16.csv", .log))
    }
  }

  @Test func aRowOfAMillionColumnsIsHandled() throws {
    let folder = try TempFolder()
    let wide = String(repeating: ",x", count: 1_000_000)
    try folder.write(
      "wide.csv", "Date,Title,Credits\n2026-03-04,Grand Rounds,1\(wide)\n2026-03-11,Grand Rounds,1\n")
    let result = try CSVActivityImporter().importSource(folder.spec("wide.csv", .transcript))
    #expect(result.records.count == 1)
    #expect(result.issues.first?.reason.contains("row has more than 1024 fields") == true)
    // The row holds one field past the columns a table is read to, not a million (30 MB of commas held 575 MB).
    let rows = CSVReader(delimiter: ",").read("a" + String(repeating: ",", count: 5_000) + "\nb,c\n").rows
    #expect(rows.map(\.fields.count) == [InputLimits.columns + 1, 2])
  }

  @Test func metadataNamingAFileOutsideTheFolderIsReportedAndNeverRead() throws {
    let folder = try TempFolder()
    try folder.write("secret.pdf", "outside")
    try folder.write(
      "certs/a.json", #"{"title": "A", "date": "2026-01-01", "credits": 1, "file": "../secret.pdf"}"#)
    try folder.write(
      "certs/b.json", #"{"title": "B", "date": "2026-01-01", "credits": 1, "file": "/etc/passwd"}"#)
    try folder.write("certs/certificates.csv", "File,Title,Date,Credits\n../../secret.pdf,C,2026-01-01,1\n")
    let result = try CertificateFolderImporter().importSource(folder.spec("certs", .certificate))
    #expect(result.records.isEmpty)
    #expect(result.issues.count == 3)
    #expect(result.issues.allSatisfy { $0.reason.contains("not in the folder") })
  }
}

@Suite struct XMLTextTests {
  /// Fuzz/run found it: an element name that is not UTF-8 made FoundationXML trap (the process died).
  @Test func anElementNameThatIsNotUTF8IsRefusedNotACrash() throws {
    let folder = try TempFolder()
    try folder.write("bad.xml", Data([0x3C, 0xC2, 0x69, 0x0A, 0x20]))  // "<\xC2i\n "
    #expect(throws: CMEAuditError.self) {
      try MedBiqXMLImporter().importSource(folder.spec("bad.xml", .transcript))
    }
    let text = "<?xml version=\"1.0\"?>\n<ActivityReports>\n<A\u{FFFD}>"
    var data = Data(text.utf8)
    data.replaceSubrange(data.count - 4..<data.count - 1, with: [0xE0, 0x80])  // overlong, on line 3
    try folder.write("overlong.xml", data)
    do {
      _ = try MedBiqXMLImporter().importSource(folder.spec("overlong.xml", .transcript))
      Issue.record("an overlong sequence was read")
    } catch {
      #expect("\(error)".contains("line 3"))
    }
  }

  /// Fuzz/run again: the same trap through a declaration whose encoding name is itself not UTF-8, and
  /// through a workbook part.
  @Test func aDamagedDeclarationOrWorkbookPartIsRefusedNotACrash() throws {
    let folder = try TempFolder()
    var xml = Data("<?xml version=\"1.0\" encoding=\"UTF".utf8)
    xml.append(contentsOf: [0xD2, 0x38])
    xml.append(Data("\"?>\n<ActivityReports xmlns=\"http://ns.medbiq.org/activityreport/v1/\">\n<A".utf8))
    xml.append(contentsOf: [0xC2, 0x69])
    xml.append(Data("/>\n</ActivityReports>\n".utf8))
    try folder.write("declared.xml", xml)
    #expect(throws: CMEAuditError.self) {
      try MedBiqXMLImporter().importSource(folder.spec("declared.xml", .transcript))
    }
    #expect {
      try XLSXPartParser().run(
        Data([0x3C, 0xC2, 0x69, 0x0A, 0x20]), part: "xl/worksheets/sheet1.xml", displayPath: "w.xlsx")
    } throws: { ($0 as? CMEAuditError)?.errorDescription?.contains("not valid UTF-8") == true }
    // A part in an encoding the parser converts is left to it.
    var latin = Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>".utf8)
    latin.append(0xE9)  // é in ISO-8859-1: not UTF-8, and not meant to be
    latin.append(Data("</a>".utf8))
    #expect(XMLText.problem(in: latin) == nil)
    #expect(XMLText.problem(in: Data("<a>".utf8) + Data([0xE9]) + Data("</a>".utf8)) != nil)
  }

  /// Fuzz/run a third time: `<?x?>`, a processing instruction with no data, crashed FoundationXML (it reads
  /// the missing data as a C string).
  @Test func anEmptyProcessingInstructionIsRefusedNotACrash() throws {
    for text in ["<?xm?>\n<a/>", "<a>\n<?target   ?></a>", "<a><?t\n?></a>"] {
      let folder = try TempFolder()
      try folder.write("pi.xml", text)
      #expect {
        try MedBiqXMLImporter().importSource(folder.spec("pi.xml", .transcript))
      } throws: { ($0 as? CMEAuditError)?.errorDescription?.contains("processing instruction") == true }
    }
    // Fuzz/run a fourth time (a CE Broker roster seed): libxml2 gave up on `<?\u{1}x<` and read the `<?x2r?>`
    // inside it as an instruction of its own, with no data.
    for text in [
      "<rosters><roster><id<?\u{1}x<?x2r?>\n</roster></rosters>", "<a><?a<?b?></a>", "<a><?a b<?c?></a>",
    ] {
      #expect(XMLText.problem(in: Data(text.utf8)) != nil, "\(text)")
      let folder = try TempFolder()
      try folder.write("pi.xml", text)
      let spec = folder.spec("pi.xml", .transcript)
      #expect(throws: CMEAuditError.self) { try ImporterRegistry.importer(for: spec).importSource(spec) }
    }
    // Instructions with data, declarations and look-alikes are read as before.
    for text in ["<?xml version=\"1.0\"?><a/>", "<a><?target data?></a>", "<a>1 <? 2 ?> 3</a>", "<a>?></a>"] {
      #expect(XMLText.problem(in: Data(text.utf8)) == nil, "\(text)")
    }
  }

  /// The UTF-8 check agrees with Swift's own validation on random bytes.
  @Test func theUTF8CheckAgreesWithTheStandardLibrary() throws {
    let folder = try TempFolder()
    let interesting: [UInt8] = [
      0x41, 0x0A, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F, 0xEF, 0xF0, 0x90, 0xF4, 0x8F,
      0xF5, 0xFF,
    ]
    for index in 0..<400 {
      let bytes = (0..<Int.random(in: 1...8)).map { _ in interesting.randomElement()! }
      let file = try folder.write("r\(index).bin", Data(bytes))
      let valid = String(validating: bytes, as: UTF8.self) != nil
      #expect((XMLText.problem(in: file, head: Data(bytes)) == nil) == valid, "\(bytes)")
    }
  }
}
