import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditImport
@testable import CMEAuditModel

@Suite struct NotesImportTests {
  func run(_ text: String, name: String = "notes.md") throws -> ImportResult {
    let folder = try TempFolder()
    try folder.write(name, text)
    let spec = folder.spec(name, .log)
    return try ImporterRegistry.importer(for: spec).importSource(spec)
  }

  /// A tracker's text report: a title block, section headings, the accreditor and its category in two fields,
  /// the title last, and section subtotals and a total: three activities, no unreadable line.
  @Test func aTrackersTextReport() throws {
    let result = try run(
      """
      CME Tracker report: Samuel Osei, DO
      Generated 2026-01-05

      Category 1A
      2025-09-10 | AOA | Category 1A | 4.00 | OMM Update: Lumbar Spine
      2025-10-02 | AOA | Category 1A | 1.00 | Grand Rounds: Sepsis
      Category 1A: 5.00

      Category 2B
      2025-11-12 | AOA | Category 2B | 2.00 | Journal reading (JAOA)
      Category 2B: 2.00

      Total hours: 7.00
      """, name: "tracker.txt")
    #expect(result.issues.isEmpty)
    #expect(
      result.records.map(\.title) == [
        "OMM Update: Lumbar Spine", "Grand Rounds: Sepsis", "Journal reading (JAOA)",
      ])
    #expect(result.records.map { $0.credits.first?.type } == [.aoa1A, .aoa1A, .aoa2B])
    #expect(result.summary.totalRows == 3 && result.summary.headingLines == 4)
    // A line with a date that cannot be read is still reported: only headings are passed over.
    let broken = try run(
      "2025-09-10 | AOA | Category 1A | 4.00 | OMM Update\n2025-13-45 | Broken line | 1.0\n")
    #expect(broken.issues.count == 1)
  }

  @Test func readsEveryStyleOfLine() throws {
    let text = """
      # CME 2025–26

      ## Grand rounds
      - 2026-03-04 | IM Grand Rounds – Heart Failure | University Hospital CME | AMA PRA Cat 1 | 1.0
      - 3/11/2026 - Grand Rounds - Sepsis - University Hospital - AMA PRA Cat 1 - 1
      * Mar 18, 2026; Medicine GR: gout; 1 credit
      1. 2026-03-25\tGrand Rounds\t0.75

      | Date | Activity | Provider | Type | Credits |
      |------|----------|----------|------|---------|
      | 4/23/2026 - 4/25/2026 | ACP Internal Medicine Meeting | ACP | AMA PRA Category 1 | 18.5 |
      • 2026-05-06 | Journal Club | | Category 2 | 1
      """
    let result = try run(text)
    #expect(result.issues.isEmpty)
    #expect(result.summary.format == "notes")
    let records = result.records
    #expect(records.map(\.source.line) == [4, 5, 6, 7, 11, 12])
    #expect(
      records.map(\.title) == [
        "IM Grand Rounds – Heart Failure", "Grand Rounds - Sepsis", "Medicine GR: gout", "Grand Rounds",
        "ACP Internal Medicine Meeting", "Journal Club",
      ])
    #expect(
      records.map(\.provider) == ["University Hospital CME", "University Hospital", nil, nil, "ACP", nil])
    #expect(records.map { $0.credits.first?.type } == [.amaPRA1, .amaPRA1, nil, nil, .amaPRA1, .amaPRA2])
    #expect(
      records.map { $0.credits.first?.amount } == [
        1, 1, 1, Decimal(string: "0.75"), Decimal(string: "18.5"), 1,
      ])
    #expect(records[4].endDate == day("2026-04-25"))
  }

  /// A line written as a sentence (no separator) is read by its ends: the date first, the credits last;
  /// a total line is counted, not reported; a bare number after a space belongs to the title.
  @Test func sentencesAndTotalLines() throws {
    let text = """
      - Oct 8, 2025: Tumor board, 1.0 credit
      - Wed 9/24/2025 Grand Rounds – Sepsis 60 min
      - 10/15/2025 Medicine Grand Rounds (1.5)
      - 10/22/2025 Medicine Grand Rounds Part 2
      - 2025/10/29 Journal club: 1 hr
      Total: 4.0
      Total CME credits 5
      """
    let result = try run(text)
    #expect(
      result.records.map(\.title) == [
        "Tumor board", "Grand Rounds – Sepsis", "Medicine Grand Rounds", "Journal club",
      ])
    #expect(
      result.records.map { $0.date?.description } == ["2025-10-08", "2025-09-24", "2025-10-15", "2025-10-29"])
    #expect(result.records.map { $0.credits.map(\.amount) } == [[1], [1], [1.5], [1]])
    #expect(result.summary.totalRows == 2)
    #expect(result.issues.map(\.location.line) == [4])
  }

  /// Notes typed on a phone: the notes app makes ` - ` an en or em dash, the credit type follows the amount,
  /// the date runs into the title.
  @Test func phoneNotes() throws {
    let text = """
      - 1/15/2025 — Pain management & opioid prescribing (Stanford CME) — 2 cr Cat 1
      - Feb 3 2025: Implicit bias in healthcare, UCSF, 1.5 AMA PRA Cat 1
      - 3/12/25 Geriatric medicine update – 8 hrs Category 1
      - 3/19/2025 -- Ethics in end-of-life care -- Mercy Hospital -- 1 credit
      - 3/26/2025 Tumor board 1 Category 1
      - 4/2/2025 Grand Rounds – Part 2
      - 4/9/2025 ???
      """
    let result = try run(text)
    #expect(
      result.records.map(\.title) == [
        "Pain management & opioid prescribing (Stanford CME)", "Implicit bias in healthcare, UCSF",
        "Geriatric medicine update", "Ethics in end-of-life care", "Tumor board",
      ])
    #expect(
      result.records.map { $0.date?.description } == [
        "2025-01-15", "2025-02-03", "2025-03-12", "2025-03-19", "2025-03-26",
      ])
    #expect(result.records.map(\.provider) == [nil, nil, nil, "Mercy Hospital", nil])
    #expect(result.records.map { $0.credits.map(\.amount) } == [[2], [1.5], [8], [1], [1]])
    #expect(
      result.records.map { $0.credits.map(\.type) } == [
        [.amaPRA1], [.amaPRA1], [.amaPRA1], [nil], [.amaPRA1],
      ])
    // "Grand Rounds – Part 2" is no title and provider, nor 2 credits: reported, as is "???".
    #expect(result.issues.map(\.location.line) == [6, 7])
  }

  @Test func linesItCannotReadAreReportedWithTheirNumbers() throws {
    let text = """
      2026-03-04 | Grand Rounds | 1

      went to journal club, no idea when
      2026-02-30 | Impossible day | 1
      2026-03-11 | Grand Rounds | Univ | AMA PRA Cat 1 | lots
      """
    let result = try run(text, name: "log.txt")
    #expect(result.records.map(\.source.line) == [1])
    try #require(result.issues.map(\.location.line) == [3, 4, 5])
    #expect(result.issues[0].reason.contains("cannot read this line"))
    #expect(result.issues[2].reason.contains("not a number"))
  }

  @Test func aHeaderLineSetsTheColumns() throws {
    let text = """
      Credits ; Date ; Activity Title ; Evaluation Completed
      1.5 ; 2026-03-04 ; Heart Failure Update ; no
      """
    let record = try #require(try run(text, name: "log.md").records.first)
    #expect(record.title == "Heart Failure Update")
    #expect(record.credits.first?.amount == Decimal(string: "1.5"))
    #expect(record.evaluation == .pending)
  }

  @Test func aTabSeparatedTextExportIsReadAsATable() throws {
    let text = "Date\tActivity Title\tCredits\n2026-03-04\t\"Rounds, Sepsis\"\t1\n"
    let result = try run(text, name: "export.txt")
    #expect(result.summary.format == "csv")
    #expect(result.records.first?.title == "Rounds, Sepsis")
  }
}
