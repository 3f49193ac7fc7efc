import Foundation
import Testing
import ZIPFoundation

@testable import CMEAudit
@testable import CMEAuditImport
@testable import CMEAuditModel

/// Workbooks in Fixtures/ are written by Fixtures/make_workbooks.py (openpyxl and LibreOffice).
@Suite struct XLSXImportTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Fixtures")

  func run(_ name: String, kind: RecordKind = .log, sheet: String? = nil) throws -> ImportResult {
    let spec = SourceSpec(
      url: Self.fixtures.appendingPathComponent(name), displayPath: name, kind: kind, sheet: sheet)
    return try ImporterRegistry.importer(for: spec).importSource(spec)
  }

  @Test(arguments: ["log-openpyxl.xlsx", "log-libreoffice.xlsx", "log-1904.xlsx"])
  func readsLogsFromEveryWriter(name: String) throws {
    let result = try run(name)
    #expect(result.issues.isEmpty)
    #expect(result.summary.format == "xlsx")
    #expect(result.summary.sheet == "CME Log")  // the instructions sheet before it has no header
    #expect(result.records.map(\.date) == ["2025-09-03", "2025-10-04", "2025-10-20", "2025-11-05"].map(day))
    #expect(result.records.map(\.source.line) == [4, 5, 6, 7])  // the guidance rows above the header count
    #expect(result.records[0].title == "Medicine Grand Rounds – Sepsis")
    #expect(result.records[0].credits.first?.raw == "1 AMA PRA Category 1 Credit™")
    #expect(result.records[1].credits.map(\.amount) == [Decimal(string: "6.25")!])
    #expect(result.records[1].certificateReference == "acc-hf.pdf")
    #expect(result.records.map(\.evaluation) == [.completed, .completed, .unknown, .pending])
    #expect(result.records[2].credits.map(\.type) == [.amaPRA2])
  }

  @Test func aSheetCanBeNamed() throws {
    #expect(try run("log-openpyxl.xlsx", sheet: "cme log").records.count == 4)
    #expect {
      try run("log-openpyxl.xlsx", sheet: "Instructions")
    } throws: { ($0 as? CMEAuditError)?.errorDescription?.contains("no recognisable header") == true }
    #expect {
      try run("log-openpyxl.xlsx", sheet: "2024")
    } throws: { ($0 as? CMEAuditError)?.errorDescription?.contains("'Instructions', 'CME Log'") == true }
  }

  @Test func theExcelSerialDaysAreRight() {
    #expect(ExcelDate.day(serial: 1, date1904: false) == day("1900-01-01"))
    #expect(ExcelDate.day(serial: 59, date1904: false) == day("1900-02-28"))
    #expect(ExcelDate.day(serial: 60, date1904: false) == nil)  // the phantom 29 February 1900
    #expect(ExcelDate.day(serial: 61, date1904: false) == day("1900-03-01"))
    #expect(ExcelDate.day(serial: 46095.75, date1904: false) == day("2026-03-14"))
    #expect(ExcelDate.day(serial: 0, date1904: true) == day("1904-01-01"))
    #expect(ExcelDate.day(serial: 44633, date1904: true) == day("2026-03-14"))
    #expect(ExcelDate.day(serial: -3, date1904: false) == nil)
  }

  @Test func thePhantomLeapDayIsAnUnreadableRow() throws {
    let result = try run("phantom-1900.xlsx", kind: .transcript)
    #expect(result.records.map(\.title) == ["First of March 1900"])
    #expect(result.records.first?.date == day("1900-03-01"))
    #expect(result.issues.map(\.location.line) == [2])
    #expect(result.issues.first?.reason.contains("serial 60") == true)
  }

  @Test func aCellPastTheStringTableIsAnUnreadableRow() throws {
    let result = try run("broken-short-string-table.xlsx")
    #expect(result.records.count == 3)
    #expect(result.issues.map(\.location.line) == [7])
    #expect(result.issues.first?.reason.contains("past the table") == true)
  }

  @Test func aFormulaWithoutASavedResultIsAnUnreadableRow() throws {
    let result = try run("formula-unsaved.xlsx")
    #expect(result.records.map(\.source.line) == [3])
    #expect(result.issues.map(\.location.line) == [2])
    #expect(result.issues.first?.reason.contains("cell C2 holds a formula") == true)
    // The total row's uncalculated =SUM(…) below is a total row all the same, not a row to fix.
    #expect(result.summary.totalRows == 1)
  }

  @Test(arguments: [
    ("broken-no-shared-strings.xlsx", "shared string table, which the workbook lacks"),
    ("broken-truncated.xlsx", "zip container is damaged"),
  ])
  func brokenWorkbooksAreClearErrors(name: String, expected: String) throws {
    #expect {
      try run(name)
    } throws: { error in
      let message = (error as? CMEAuditError)?.errorDescription ?? ""
      return message.hasPrefix(name + ": ") && message.contains(expected)
    }
  }

  @Test func aZipThatIsNoWorkbookIsAClearError() throws {
    let folder = try TempFolder()
    try folder.write("notes.txt", "hello")
    let zip = try Archive(url: folder.url.appendingPathComponent("fake.xlsx"), accessMode: .create)
    try zip.addEntry(with: "notes.txt", relativeTo: folder.url)
    #expect {
      try XLSXActivityImporter().importSource(folder.spec("fake.xlsx", .log))
    } throws: { ($0 as? CMEAuditError)?.errorDescription?.contains("no xl/workbook.xml") == true }
  }

  @Test func decompressionIsBounded() throws {
    let archive = try Archive(
      url: Self.fixtures.appendingPathComponent("log-libreoffice.xlsx"), accessMode: .read)
    #expect(try XLSXWorkbook.part(archive, "xl/sharedStrings.xml", "w.xlsx") != nil)
    #expect {
      try XLSXWorkbook.part(archive, "xl/sharedStrings.xml", "w.xlsx", limit: 100)
    } throws: { ($0 as? CMEAuditError)?.errorDescription?.contains("zip bomb") == true }
  }

  /// Fuzz/run found ZIPFoundation inflating forever when a part's deflate stream runs past the end of the
  /// file. Here: a stored block that promises 65,535 bytes and has one.
  @Test func aPartWhoseStreamRunsPastTheEndIsAnErrorNotAHang() throws {
    func le(_ value: Int, _ bytes: Int) -> [UInt8] {
      (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
    let name = Array("xl/workbook.xml".utf8)
    let stream: [UInt8] = [0x00, 0xFF, 0xFF, 0x00, 0x00, 0x41]
    let sizes = le(0, 4) + le(stream.count, 4) + le(100, 4)  // CRC, compressed, uncompressed
    let local =
      [0x50, 0x4B, 0x03, 0x04] + le(20, 2) + le(0, 2) + le(8, 2) + le(0, 2) + le(0x21, 2) + sizes
      + le(name.count, 2) + le(0, 2) + name + stream
    let central =
      [0x50, 0x4B, 0x01, 0x02] + le(20, 2) + le(20, 2) + le(0, 2) + le(8, 2) + le(0, 2) + le(0x21, 2)
      + sizes + le(name.count, 2) + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(0, 4) + name
    let end =
      [0x50, 0x4B, 0x05, 0x06] + le(0, 2) + le(0, 2) + le(1, 2) + le(1, 2) + le(central.count, 4)
      + le(local.count, 4) + le(0, 2)
    let archive = try Archive(data: Data(local + central + end), accessMode: .read)
    let start = ContinuousClock.now
    #expect {
      try XLSXWorkbook.part(archive, "xl/workbook.xml", "w.xlsx")
    } throws: { ($0 as? CMEAuditError)?.errorDescription?.contains("cannot be decompressed") == true }
    #expect(ContinuousClock.now - start < .seconds(30))
  }

  @Test func numbersKeepTheirDecimalsAndLoseBinaryNoise() {
    #expect(SheetParser.numberText("1.1000000000000001") == "1.1")
    #expect(SheetParser.numberText("6.25") == "6.25")
    #expect(SheetParser.numberText("18.5") == "18.5")
    #expect(SheetParser.numberText("0.30000000000000004") == "0.3")
    #expect(SheetParser.columnIndex("AB12") == 27)
    #expect(SheetParser.columnIndex("A1") == 0)
  }

  @Test(
    arguments: [
      (14, nil, true), (0, nil, false), (164, "yyyy\\-mm\\-dd", true), (165, "mm:ss", false),
      (166, "[Red]0.00", false), (167, "\"Day\" 0", false), (168, "d-mmm-yy", true), (2, nil, false),
    ] as [(Int, String?, Bool)])
  func dateFormatsAreRecognised(id: Int, code: String?, isDate: Bool) {
    #expect(StylesParser.isDateFormat(id: id, code: code) == isDate)
  }
}
