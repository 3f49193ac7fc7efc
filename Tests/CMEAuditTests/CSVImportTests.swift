import Crypto
import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditImport
@testable import CMEAuditModel

@Suite struct CSVReaderTests {
  @Test func quotedFieldsKeepDelimitersQuotesAndNewlines() {
    let text =
      "Date,Title,Credits\r\n2026-03-14,\"Rounds, \"\"Heart\"\" Failure\",1\r\n2026-03-21,\"Two\nlines\",1\r\n2026-03-28,Plain,1\r\n"
    let rows = CSVReader(delimiter: ",").read(text).rows
    #expect(rows.map(\.line) == [1, 2, 3, 5])
    #expect(rows[1].fields == ["2026-03-14", "Rounds, \"Heart\" Failure", "1"])
    #expect(rows[2].fields[1] == "Two\nlines")
  }

  @Test(arguments: [
    ("a,b,c\n1,2,3\n", Character(",")), ("a;b;c\n1;2,5;3\n", ";"), ("a\tb\tc\n1\t2\t3\n", "\t"),
  ])
  func sniffsTheDelimiter(text: String, expected: Character) {
    #expect(CSVReader.sniffDelimiter(text) == expected)
  }

  /// The rule written plainly (split into lines, one candidate at a time): the one-pass sniffer must agree.
  static func referenceDelimiter(_ bytes: [UInt8]) -> Character {
    let lines = bytes.prefix(16_384).split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }).prefix(20)
    var (best, bestScore): (Character, Int) = (",", 0)
    for candidate: Character in [",", ";", "\t", "|"] {
      var frequency: [Int: Int] = [:]
      for line in lines {
        var (count, quoted) = (0, false)
        for byte in line {
          if byte == 0x22 { quoted.toggle() } else if byte == candidate.asciiValue!, !quoted { count += 1 }
        }
        if count > 0 { frequency[count, default: 0] += 1 }
      }
      guard let (count, lines) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else {
        continue
      }
      if lines * 1000 + count > bestScore { (best, bestScore) = (candidate, lines * 1000 + count) }
    }
    return best
  }

  @Test func theSnifferAgreesWithTheRuleOnRandomText() {
    var random = SplitMix(seed: 7)
    let alphabet = Array("ab,,;;\t||\"\"\n\r 1".utf8)
    for round in 0..<3_000 {
      let length = round < 2_900 ? random.next(upTo: 120) : 20_000
      let bytes = (0..<length).map { _ in alphabet[random.next(upTo: alphabet.count)] }
      let sniffed = bytes.withUnsafeBufferPointer { CSVReader.sniffDelimiter(bytes: $0) }
      #expect(
        sniffed == Self.referenceDelimiter(bytes), "\(String(decoding: bytes.prefix(200), as: UTF8.self))")
    }
  }

  @Test func aFieldLikeTheOneAboveIsReadAsWrittenNotAsTheOneAbove() {
    // A field equal to the one above it is taken from that row; one that differs by a byte, is longer,
    // shorter or empty is read from its own bytes.
    let text = "a,b,c\nx,\"y\",zé\nx,y,zè\n\"x\",yy,\n,y,z\nx,,z\n"
    let expected: [[String]] = [
      ["a", "b", "c"], ["x", "y", "zé"], ["x", "y", "zè"], ["x", "yy", ""], ["", "y", "z"], ["x", "", "z"],
    ]
    for chunk in [1, 2, 3, 7, 100] {
      var reader = CSVReader(delimiter: ",")
      var rows: [CSVRow] = []
      let bytes = Array(text.utf8)
      for start in stride(from: 0, to: bytes.count, by: chunk) {
        Array(bytes[start..<min(start + chunk, bytes.count)]).withUnsafeBufferPointer {
          reader.feed($0) { rows.append($0) }
        }
      }
      _ = reader.finish { rows.append($0) }
      #expect(rows.map(\.fields) == expected, "chunks of \(chunk)")
    }
  }

  @Test func chunksSplitAnywhereReadTheSameAsTheWhole() {
    let text =
      "Date,Title,Credits\r\n2026-03-14,\"Rounds, \"\"Heart\"\"\r\nFailure\",1\r\n\r\n2026-03-21,Café,1\rLast,\"open"
    let whole = CSVReader(delimiter: ",").read(text)
    let bytes = Array(text.utf8)
    for cut in 1..<bytes.count {
      for second in [cut, min(cut + 1, bytes.count)] {
        var reader = CSVReader(delimiter: ",")
        var rows: [CSVRow] = []
        for part in [bytes[..<cut], bytes[cut..<second], bytes[second...]] {
          Array(part).withUnsafeBufferPointer { reader.feed($0) { rows.append($0) } }
        }
        let unterminated = reader.finish { rows.append($0) }
        #expect(rows == whole.rows, "cut at \(cut), \(second)")
        #expect(unterminated == whole.unterminatedQuoteLine)
      }
    }
  }

  /// A first pass wants a few columns: the rest of each row is skipped (16 bytes at a time up to a quote or a
  /// line end). Rows, lines, offsets, the wanted fields and an unterminated quote must be what reading every
  /// field gives, wherever the chunks are cut and whatever the rows hold past the wanted columns.
  @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
  func aMaskedReadSkipsTheRestOfARowAndMissesNothing(seed: UInt64) {
    var random = SplitMix(seed: seed)
    let pieces = [
      "plain", "", " ", "a \"quoted\" word", "\"quoted, with comma\"", "\"two\nlines\"", "\"cr\rline\"",
      "\"doubled \"\"q\"\" here\"", "  \"spaced quote\"", "Café", "x\"",
      "a longer field of forty-odd bytes, no quote",
    ]
    var text = ""
    for _ in 0..<400 {
      let width = 1 + random.next(upTo: 9)
      text += (0..<width).map { _ in pieces[random.next(upTo: pieces.count)] }.joined(separator: ",")
      text += ["\n", "\r\n", "\r", "\n\n"][random.next(upTo: 4)]
    }
    if seed.isMultiple(of: 2) { text += "last,\"never closed, it goes on\n" }
    let bytes = Array(text.utf8)
    func read(mask: ColumnMask?, chunk: Int) -> ([CSVRow], Int?) {
      var reader = CSVReader(delimiter: ",")
      reader.mask = mask
      var rows: [CSVRow] = []
      var start = 0
      while start < bytes.count {
        let end = min(start + chunk, bytes.count)
        Array(bytes[start..<end]).withUnsafeBufferPointer { reader.feed($0) { rows.append($0) } }
        start = end
      }
      let unterminated = reader.finish { rows.append($0) }
      return (rows, unterminated)
    }
    var all: [CSVRow] = []
    // Unwanted columns before, between and after the wanted ones.
    for wanted in [
      [false, true], [false, false, true, false, true], [true, false, false, false, false, true],
    ] {
      for chunk in [7, 16, 33, 4096] {
        // The same chunks (a CR at a chunk's end leaves the next row's offset unknown).
        let unterminated: Int?
        (all, unterminated) = read(mask: nil, chunk: chunk)
        let (masked, maskedUnterminated) = read(mask: ColumnMask(wanted: wanted), chunk: chunk)
        #expect(masked.count == all.count, "chunk \(chunk)")
        #expect(maskedUnterminated == unterminated)
        func field(_ row: CSVRow, _ column: Int) -> String? {
          column < row.fields.count ? row.fields[column] : nil
        }
        // The first difference, if any (not every row after it).
        let differing = zip(masked, all).first { row, full in
          row.line != full.line || row.offset != full.offset
            || wanted.indices.contains { column in
              field(row, column)
                != (wanted[column] ? field(full, column) : field(full, column).map { _ in "" })
            }
        }
        #expect(differing == nil, "mask \(wanted), chunk \(chunk): \(String(describing: differing))")
      }
    }
    #expect(all.count > 350)  // 400 lines, less the empty ones (no rows)
    #expect(all.contains { $0.fields.count > 1 && $0.fields[1].contains("\n") })
  }

  @Test func reportsAnUnterminatedQuote() {
    let output = CSVReader(delimiter: ",").read("Date,Title\n2026-01-01,\"never closed\n2026-01-02,x\n")
    #expect(output.unterminatedQuoteLine == 2)
  }
}

@Suite struct CSVImportTests {
  /// Record ids are prefixes of SHA-256 digests, taken in one call (not with swift-crypto's `SHA256`, which
  /// allocates a context for each): the digests Crypto gives, at lengths around the 64-byte block, so the ids
  /// are what they were.
  @Test(arguments: [0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 1000])
  func recordIDsAreSHA256Prefixes(length: Int) {
    let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    let expected = SHA256.hash(data: bytes).prefix(6).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    #expect(bytes.withUnsafeBufferPointer { RecordIdentity.sha256Prefix($0.baseAddress, length) } == expected)
    // FIPS 180-2's first example: SHA-256("abc") = ba7816bf8f01cfea...
    #expect(
      Array("abc".utf8).withUnsafeBufferPointer { RecordIdentity.sha256Prefix($0.baseAddress, 3) }
        == 0xba78_16bf_8f01)
  }

  @Test(arguments: [
    "Date,Activity Title,Provider,Credit Type,Credits Earned",
    "ACTIVITY DATE;Course Name;Sponsor;Credit Designation;Credits Awarded",
    "Session Date\tEvent\tOrganizer\tCategory\tAmount",
    "date completed,activity_name,accredited provider,type,# of Hours Credit",
  ])
  func recognisesHeaderSynonyms(header: String) throws {
    let delimiter = header.contains(";") ? ";" : header.contains("\t") ? "\t" : ","
    let row = ["3/14/2026", "IM Grand Rounds", "University Hospital", "AMA PRA Category 1 Credit™", "1.00"]
      .joined(separator: delimiter)
    let result = try importCSV(header + "\n" + row + "\n")
    #expect(result.issues.isEmpty)
    let record = try #require(result.records.first)
    #expect(record.date == day("2026-03-14"))
    #expect(record.title == "IM Grand Rounds")
    #expect(record.provider == "University Hospital")
    #expect(record.credits.map(\.type) == [.amaPRA1])
    #expect(record.credits.map(\.amount) == [1])
    #expect(record.source == Provenance(path: "t.csv", line: 2))
    #expect(record.id.hasPrefix("transcript:"))
  }

  @Test func idsDependOnWhatARowSaysNotWhereItStands() throws {
    let rows = [
      "2026-03-04,Grand Rounds: Sepsis,1", "2026-03-11,Grand Rounds: Gout,1",
      "2026-03-11,Grand Rounds: Gout,1",
    ]
    let first = try importCSV("Date,Title,Credits\n" + rows.joined(separator: "\n") + "\n")
    let shuffled = try importCSV(
      "Date,Title,Credits\n2026-02-25,Grand Rounds: Anemia,1\n"
        + [rows[1], rows[0], rows[2]].joined(separator: "\n") + "\n")
    let ids = Dictionary(
      first.records.map { ($0.title + "\($0.source.line!)", $0.id) }, uniquingKeysWith: { a, _ in a })
    #expect(Set(first.records.map(\.id)).count == 3)  // identical rows get a counter
    #expect(shuffled.records.first { $0.title == "Grand Rounds: Sepsis" }?.id == ids["Grand Rounds: Sepsis2"])
    #expect(Set(shuffled.records.map(\.id)).isSuperset(of: first.records.map(\.id)))
  }

  @Test func continuationRowsAndRowPerCreditTypeMergeIntoOneRecord() throws {
    let text = """
      Date(s),Activity Title,# of Hours Credit
      03/14/2026,Heart Failure Symposium,5.25 (AMA PRA Category 1)
      ,,5.25 (ABIM MOC points)
      03/21/2026,Grand Rounds,1.00 (AMA PRA Category 1)
      03/21/2026,Grand Rounds,1.00 (ABIM MOC points)
      03/28/2026,Grand Rounds,1.00 (AMA PRA Category 1)
      03/14/2026,Heart Failure Symposium,5.25 (AAFP Prescribed)
      03/28/2026,Grand Rounds,1.00 (AMA PRA Category 1)

      """
    let result = try importCSV(text)
    #expect(result.issues.isEmpty)
    #expect(result.records.count == 4)
    #expect(result.records[3].source.line == 8)  // the same type again: a second posting, not merged
    #expect(result.records[0].credits.map(\.type) == [.amaPRA1, .moc, .aafpPrescribed])
    #expect(
      result.records[0].credits.map(\.amount) == [
        Decimal(string: "5.25")!, Decimal(string: "5.25")!, Decimal(string: "5.25")!,
      ])
    #expect(result.records[1].credits.map(\.type) == [.amaPRA1, .moc])
    #expect(result.records[2].date == day("2026-03-28"))
  }

  /// A row with nothing but an amount that is the sum of the credit above it (Excel's =SUM at the foot of
  /// the column, with no label) is a total row, not more credit for the last activity (which doubled the
  /// claim). An amount that is not that sum, or names a credit type, is still more credit for the activity
  /// above; the sum starts again after each total row.
  @Test func anUnlabelledSumUnderTheColumnIsATotalRow() throws {
    let text = """
      Date,Activity Title,Credit Type,Credits
      2025-09-03,Grand Rounds,,1
      2025-09-10,Tumor board,,1.5
      ,,AMA PRA Category 2,1
      2025-09-17,Journal club,,1
      ,,,4.5
      2025-10-01,Grand Rounds,,1
      ,,,0.5
      2025-10-08,Grand Rounds,,1
      ,,,2.5

      """
    let result = try importCSV(text, kind: .log)
    #expect(result.records.map { $0.credits.map(\.amount) } == [[1], [1.5, 1], [1], [1, 0.5], [1]])
    #expect(result.summary.totalRows == 2)
    #expect(result.issues.isEmpty)
  }

  /// A log's "Total" row is the sum of the rows above: counted as a total row, not reported as a row
  /// missing its title or date, and never added to the last activity as more credit. An activity whose
  /// title starts with "Total" but has no date is still a row missing its date.
  @Test func totalRowsAreLeftOutAndCounted() throws {
    let text = """
      Date,Activity Title,Credits
      2025-09-03,Medicine Grand Rounds,1
      2025-09-10,Total Knee Arthroplasty Update,2
      ,Total Knee Arthroplasty Update,2
      Total,,3
      ,Total CME credits:,3
      ,,
      Grand total,,3
      ,Total Knee,1

      """
    let result = try importCSV(text, kind: .log)
    #expect(result.records.map(\.title) == ["Medicine Grand Rounds", "Total Knee Arthroplasty Update"])
    #expect(result.records.map { $0.credits.map(\.amount) } == [[1], [2]])
    #expect(result.summary.totalRows == 3)
    #expect(result.issues.map(\.location.line) == [4, 9])
    #expect(result.issues.allSatisfy { $0.reason == "no date" })
    #expect(
      !RowPreparer.isTotalRow(CSVRow(line: 2, fields: ["Total", "2025-09-03"]), dateText: "2025-09-03"))
    #expect(RowPreparer.isTotalRow(CSVRow(line: 2, fields: [" TOTALS: ", "", "45"]), dateText: nil))
    #expect(
      RowPreparer.isTotalRow(CSVRow(line: 2, fields: ["", "Sum of hours", "45"]), dateText: nil))
    #expect(
      !RowPreparer.isTotalRow(CSVRow(line: 2, fields: ["", "Summary of the year", "45"]), dateText: nil))
    #expect(!RowPreparer.isTotalRow(CSVRow(line: 2, fields: ["", "Total Knee", "1"]), dateText: nil))
    #expect(
      RowPreparer.isTotalRow(
        CSVRow(line: 2, fields: ["", "Total AMA PRA Category 1 hours", "45"]), dateText: nil))
  }

  @Test func malformedRowsAreReportedAndTheRestImported() throws {
    let text = """
      Date,Title,Credits,Credit Type
      2026-02-30,Impossible day,1,AMA PRA Category 1
      2026-03-04,Good one,1,AMA PRA Category 1
      2026-03-05,Bad credits,one,AMA PRA Category 1
      2026-03-06,Ragged, extra comma,1,AMA PRA Category 1
      2026-03-07,Short row
      ,,,
      2026-03-11,Good two,0.75,AMA PRA Category 1

      """
    let result = try importCSV(text)
    #expect(result.records.map(\.title) == ["Good one", "Good two"])
    #expect(result.issues.map(\.location.line) == [2, 4, 5, 6])
    #expect(result.issues[0].reason.contains("2026-02-30"))
    #expect(result.issues[1].reason.contains("not a number"))
    #expect(result.issues[2].reason.contains("fields"))
    #expect(result.issues[3].reason.contains("no credits"))
    #expect(result.summary.records == 2)
    #expect(result.summary.rejected == 4)
  }

  @Test func cmePassportStacksTitleOverProviderAndCreditLines() throws {
    let text =
      "Completion Date,Activity,Credits Earned\n03/14/2026,\"Heart Failure Update 2026\nAmerican College of Cardiology\","
      + "\"7 AMA PRA Category 1 Credits™\n7 ABO Points\"\n"
    let record = try #require(try importCSV(text).records.first)
    #expect(record.title == "Heart Failure Update 2026")
    #expect(record.provider == "American College of Cardiology")
    #expect(record.credits.map(\.type) == [.amaPRA1, .moc])
    #expect(record.credits.map(\.unit) == [.credit, .point])
  }

  @Test func theFileSettlesTheDayMonthOrder() throws {
    let dayFirst = try importCSV("Date,Title,Credits\n25/03/2026,Rounds,1\n3/4/2026,Rounds,1\n")
    #expect(dayFirst.records.map(\.date) == [day("2026-03-25"), day("2026-04-03")])
    #expect(dayFirst.summary.dateOrder == .dmy)
    let monthFirst = try importCSV("Date,Title,Credits\n3/25/2026,Rounds,1\n3/4/2026,Rounds,1\n")
    #expect(monthFirst.records.map(\.date) == [day("2026-03-25"), day("2026-03-04")])
  }

  @Test func ambiguousDatesAreReportedUnlessTheUserChoosesAnOrder() throws {
    let text = "Date,Title,Credits\n3/4/2026,Rounds,1\n5/5/2026,Rounds,1\n2026-06-01,Rounds,1\n"
    let unknown = try importCSV(text)
    #expect(unknown.records.map(\.date) == [day("2026-05-05"), day("2026-06-01")])
    #expect(unknown.issues.map(\.location.line) == [2])
    #expect(unknown.issues.first?.reason.contains("2026-03-04 or 2026-04-03") == true)
    #expect(unknown.issues.first?.reason.contains("--date-order") == true)
    let folder = try TempFolder()
    try folder.write("t.csv", text)
    var spec = folder.spec("t.csv", .transcript)
    spec.dateOrder = .dmy
    let chosen = try CSVActivityImporter().importSource(spec)
    #expect(chosen.issues.isEmpty)
    #expect(chosen.records.first?.date == day("2026-04-03"))
  }

  @Test func logColumnsAreRead() throws {
    let text = """
      Date,Activity Title,Provider,Credit Type,Credits Earned,Certificate,Evaluation Completed,Topics,Notes
      4/23/2026 - 4/25/2026,ACP Meeting,ACP,AMA PRA Category 1,18.5,acp.pdf,no,pain; opioids,
      5/1/2026,Noon conference,,,2,,,,estimated hours

      """
    let result = try importCSV(text, kind: .log)
    #expect(result.issues.isEmpty)
    let meeting = result.records[0]
    #expect(meeting.endDate == day("2026-04-25"))
    #expect(meeting.certificateReference == "acp.pdf")
    #expect(meeting.evaluation == .pending)
    #expect(meeting.topics == ["pain", "opioids"])
    #expect(!meeting.selfReported)
    #expect(result.records[1].selfReported)
    #expect(result.records[1].credits.map(\.type) == [nil])
  }

  @Test func rowsNotCompletedAreSkippedInTranscriptsAndPendingInLogs() throws {
    let text = """
      external_course_id,title,credits,credit_type,complete,date_completed
      GR-1,Grand Rounds: Sepsis,1.00,AMA PRA Category 1 Credit™,1,2025-09-03T13:00:00Z
      GR-1,Grand Rounds: Sepsis,1.00,ABIM MOC Medical Knowledge,1,2025-09-03T13:00:00Z
      GR-2,Grand Rounds: Delirium,1.00,AMA PRA Category 1 Credit™,0,2025-09-10

      """
    let transcript = try importCSV(text)
    #expect(transcript.records.map(\.title) == ["Grand Rounds: Sepsis"])
    #expect(transcript.records[0].credits.map(\.type) == [.amaPRA1, .moc])
    #expect(transcript.records[0].activityID == "GR-1")
    #expect(transcript.summary.skipped == 1)
    let log = try importCSV(text, kind: .log)
    #expect(log.records.map(\.evaluation) == [.unknown, .pending])
    #expect(log.summary.skipped == 0)
  }

  @Test func decodesBOMAndWindows1252() throws {
    let folder = try TempFolder()
    var bom = Data([0xEF, 0xBB, 0xBF])
    bom.append(Data("Date,Title,Credits\n2026-01-01,Rounds,1\n".utf8))
    try folder.write("bom.csv", bom)
    var cp1252 = Data("Date,Title,Credits,Credit Type\n2026-01-01,Caf".utf8)
    cp1252.append(contentsOf: [0xE9, 0x20, 0x93, 0x52, 0x94, 0x2C, 0x31, 0x2C])
    cp1252.append(Data("AMA PRA Category 1 Credit".utf8))
    cp1252.append(contentsOf: [0x99, 0x0A])
    try folder.write("win.csv", cp1252)
    let a = try CSVActivityImporter().importSource(folder.spec("bom.csv", .transcript))
    #expect(a.summary.encoding == .utf8BOM)
    #expect(a.records.first?.title == "Rounds")
    let b = try CSVActivityImporter().importSource(folder.spec("win.csv", .transcript))
    #expect(b.summary.encoding == .windows1252)
    #expect(b.records.first?.title == "Café “R”")
    #expect(b.records.first?.credits.first?.raw.hasSuffix("Credit™") == true)
    #expect(b.records.first?.credits.first?.type == .amaPRA1)
  }

  @Test func mixedEncodingsAreReadLineByLine() throws {
    var data = Data(
      "Date,Title,Credits,Credit Type\n2026-01-01,Grand Rounds – Sepsis,1,AMA PRA Category 1\n".utf8)
    data.append(Data("2026-01-08,Caf".utf8))
    data.append(contentsOf: [0xE9, 0x20, 0x96, 0x20])  // "é – " in Windows-1252
    data.append(Data("Rounds,1,AMA PRA Category 1 Credit".utf8))
    data.append(contentsOf: [0x99, 0x0A])
    let folder = try TempFolder()
    try folder.write("mixed.csv", data)
    let result = try CSVActivityImporter().importSource(folder.spec("mixed.csv", .transcript))
    #expect(result.summary.encoding == .mixed)
    #expect(result.records.map(\.title) == ["Grand Rounds – Sepsis", "Café – Rounds"])
    #expect(result.records.map(\.source.line) == [2, 3])
    #expect(result.records[1].credits.first?.raw.hasSuffix("Credit™") == true)
  }

  @Test(arguments: [
    (Data(), "empty"), (Data([0x00, 0x01, 0xFF, 0x00, 0x13, 0x37]), "binary"),
    (Data("just some words\nno header here\n".utf8), "header"),
  ])
  func unreadableFilesAreClearErrors(data: Data, expected: String) throws {
    let folder = try TempFolder()
    try folder.write("bad.csv", data)
    do {
      _ = try CSVActivityImporter().importSource(folder.spec("bad.csv", .transcript))
      Issue.record("expected an error")
    } catch {
      #expect(error.errorDescription?.hasPrefix("bad.csv: ") == true)
      #expect(error.errorDescription?.contains(expected) == true)
    }
  }

  @Test func missingFileNamesTheFile() {
    #expect(throws: CMEAuditError.unreadable(path: "nope.csv", reason: "no such file")) {
      try CSVActivityImporter().importSource(
        SourceSpec(url: URL(fileURLWithPath: "/nonexistent/nope.csv"), displayPath: "nope.csv", kind: .log))
    }
  }
}
