import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditImport
@testable import CMEAuditModel

@Suite struct ProfileTests {
  static let riverside = """
    Riverside Health CME export
    Generated 2026-07-01

    Kurs;Datum;Stunden;Kategorie;Veranstalter
    Innere Medizin Fortbildung;14.03.2026;1,5;Kat I;Riverside
    Kardiologie Update;04.04.2026;2;Kat II;
    Falsches Datum;31.02.2026;1;Kat I;Riverside

    """

  static let riversideProfile = """
    # Riverside's export: German headers, day-first dotted dates
    columns:
      title: Kurs
      date: Datum
      credits: Stunden
      creditType: Kategorie
      provider: Veranstalter
    dateFormat: dd.MM.yyyy
    skipRows: 2
    creditTypes:
      Kat I: ama-pra-1
      Kat II: ama-pra-2
    defaults:
      provider: Riverside Health
    """

  func run(_ text: String, profile yaml: String, name: String = "export.csv") throws -> ImportResult {
    let folder = try TempFolder()
    try folder.write(name, text)
    var spec = folder.spec(name, .transcript)
    spec.profile = try ImportProfile.parse(yaml, displayPath: "p.yaml")
    return try ImporterRegistry.importer(for: spec).importSource(spec)
  }

  @Test func aProfileMapsAnExportNoRuleRecognises() throws {
    let result = try run(Self.riverside, profile: Self.riversideProfile)
    #expect(result.records.map(\.title) == ["Innere Medizin Fortbildung", "Kardiologie Update"])
    #expect(result.records.map(\.date) == [day("2026-03-14"), day("2026-04-04")])
    #expect(result.records.map(\.provider) == ["Riverside", "Riverside Health"])  // the default fills the gap
    #expect(result.records.map { $0.credits.first?.type } == [.amaPRA1, .amaPRA2])
    #expect(result.records.first?.credits.first?.amount == Decimal(string: "1.5"))
    #expect(result.issues.map(\.location.line) == [7])
    #expect(result.issues.first?.reason.contains("dd.MM.yyyy") == true)
  }

  @Test func numberedColumnsNeedNoHeader() throws {
    let profile = """
      columns: {date: 1, title: 2, credits: 3}
      defaults: {creditType: AMA PRA Category 1}
      encoding: windows-1252
      """
    var data = Data("2026-03-14,Caf".utf8)
    data.append(contentsOf: [0xE9])
    data.append(Data(" Rounds,1\n2026-03-21,Rounds,0.5\n".utf8))
    let folder = try TempFolder()
    try folder.write("raw.csv", data)
    var spec = folder.spec("raw.csv", .transcript)
    spec.profile = try ImportProfile.parse(profile, displayPath: "p.yaml")
    let result = try CSVActivityImporter().importSource(spec)
    #expect(result.records.map(\.title) == ["Café Rounds", "Rounds"])
    #expect(result.records.map(\.source.line) == [1, 2])
    #expect(result.records.map { $0.credits.first?.type } == [.amaPRA1, .amaPRA1])
    #expect(result.summary.encoding == .windows1252)
  }

  @Test func aNamedColumnTheFileLacksIsAnErrorNamingBoth() throws {
    let profile = Self.riversideProfile.replacingOccurrences(of: "title: Kurs", with: "title: Course")
    #expect {
      try run(Self.riverside, profile: profile)
    } throws: { error in
      let message = (error as? CMEAuditError)?.errorDescription ?? ""
      return message.hasPrefix("export.csv: profile p.yaml") && message.contains("'Course' (title)")
        && !message.contains("Kurs'")
    }
  }

  @Test(arguments: [
    ("colums:\n  title: x\n", "line 1: unknown key 'colums'"),
    ("columns:\n  titel: Kurs\n", "line 2: columns: unknown field 'titel'"),
    ("skipRows: many\n", "line 1: skipRows: a number of rows"),
    ("columns:\n  date: 0\n", "numbers start at 1"),
    ("creditTypes:\n  Kat I: category-one\n", "line 2: creditTypes.Kat I: one of ama-pra-1"),
    ("dateOrder: ymd\n", "dateOrder: mdy or dmy"),
    ("encoding: ebcdic\n", "encoding: one of"),
    ("- just\n- a list\n", "a profile is a mapping"),
    ("columns: [unclosed\n", "not valid YAML"),
  ])
  func mistakesInAProfileAreErrorsWithTheirLine(yaml: String, expected: String) {
    #expect {
      try ImportProfile.parse(yaml, displayPath: "p.yaml")
    } throws: { error in
      let message = (error as? CMEAuditError)?.errorDescription ?? ""
      return message.hasPrefix("p.yaml: ") && message.contains(expected)
    }
  }

  @Test func aProfileMapsAnyXMLExport() throws {
    let xml = """
      <?xml version="1.0"?>
      <Export vendor="Riverside">
        <Course completed="2026-03-14">
          <Name>Heart Failure Update</Name>
          <Credit type="AMA PRA Category 1 Credit"><Amount>1.5</Amount></Credit>
        </Course>
        <Course completed="2026-02-30">
          <Name>Impossible day</Name>
          <Credit type="AMA PRA Category 1 Credit"><Amount>1</Amount></Credit>
        </Course>
        <Course completed="2026-03-21"><Name>Sepsis</Name><Credit type="Category 2"><Amount>2</Amount></Credit></Course>
      </Export>
      """
    let profile = """
      record: /Export/Course
      fields:
        title: Name
        date: "@completed"
        credits: Credit/Amount
        creditType: Credit/@type
      defaults:
        provider: Riverside Health
      """
    let result = try run(xml, profile: profile, name: "export.xml")
    #expect(result.summary.format == "xml")
    #expect(result.records.map(\.title) == ["Heart Failure Update", "Sepsis"])
    #expect(result.records.map(\.source.line) == [3, 11])
    #expect(result.records.map { $0.credits.first?.type } == [.amaPRA1, .amaPRA2])
    #expect(result.records.first?.provider == "Riverside Health")
    #expect(result.issues.map(\.location.line) == [7])
    #expect {
      try run(xml, profile: "record: /Export/Activity\nfields: {title: Name}", name: "export.xml")
    } throws: {
      ($0 as? CMEAuditError)?.errorDescription?.contains("has no /Export/Activity elements") == true
    }
  }

  @Test func aProfileNamesTheSheetOfAWorkbook() throws {
    let folder = try TempFolder()
    try FileManager.default.copyItem(
      at: XLSXImportTests.fixtures.appendingPathComponent("log-openpyxl.xlsx"),
      to: folder.url.appendingPathComponent("log.xlsx"))
    var spec = folder.spec("log.xlsx", .log)
    spec.profile = try ImportProfile.parse(
      "sheet: CME Log\nskipRows: 3\ncolumns: {date: 1, title: 2, credits: 5}", displayPath: "p.yaml")
    let result = try XLSXActivityImporter().importSource(spec)
    #expect(result.summary.sheet == "CME Log")
    #expect(result.records.count == 4)
    #expect(result.records.first?.title == "Medicine Grand Rounds – Sepsis")
  }
}
