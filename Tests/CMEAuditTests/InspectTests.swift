import Foundation
import Testing

@testable import CMEAudit

@Suite struct InspectTests {
  @Test func aRecognisedFileShowsItsMappingRecordsAndRejects() throws {
    let folder = try TempFolder()
    try folder.write(
      "log.csv",
      "Date;Activity Title;Credits Earned;Mood\n25/03/2026;Grand Rounds;1;fine\n3/4/2026;M&M;lots;tired\n"
        + "Total;;1;\n")
    let inspection = Inspector.inspect(folder.spec("log.csv", .log))
    #expect(inspection.problem == nil)
    #expect(inspection.format == "csv")
    #expect(inspection.delimiter == ";")
    #expect(inspection.dateOrder == .dmy)
    #expect(inspection.headerLine == 1)
    #expect(inspection.columns.map(\.field) == ["date", "title", "credits", nil])
    #expect(inspection.unmapped.map(\.header) == ["Mood"])
    #expect(inspection.records == 1)
    #expect(inspection.sample.first?.title == "Grand Rounds")
    #expect(inspection.rejected.map(\.location.line) == [3])
    #expect(inspection.suggestedProfile == nil)
    let text = InspectionRenderer.text(inspection)
    #expect(text.contains("4. 'Mood' → not used"))
    #expect(text.contains("line 3: credits 'lots' is not a number"))
    #expect(inspection.totalRows == 1)
    #expect(text.contains("records   1 read, 1 rejected, 1 total row left out"))
  }

  @Test func anUnrecognisedFileGetsASuggestedProfileThatWorks() throws {
    let folder = try TempFolder()
    try folder.write("riverside.csv", ProfileTests.riverside)
    let inspection = Inspector.inspect(folder.spec("riverside.csv", .transcript))
    #expect(inspection.problem?.contains("no recognisable header") == true)
    let suggestion = try #require(inspection.suggestedProfile)
    #expect(suggestion.contains("title: \"Kurs\""))
    #expect(suggestion.contains("date: \"Datum\""))
    #expect(suggestion.contains("credits: \"Stunden\""))
    #expect(suggestion.contains("skipRows: 3"))
    // The suggestion, as it stands, reads the file.
    var spec = folder.spec("riverside.csv", .transcript)
    spec.profile = try ImportProfile.parse(suggestion, displayPath: "suggested.yaml")
    let result = try CSVActivityImporter().importSource(spec)
    #expect(result.records.map(\.title) == ["Innere Medizin Fortbildung", "Kardiologie Update"])
    #expect(result.issues.map(\.location.line) == [7])  // 31.02.2026 does not exist
  }

  @Test func aSuggestionTakesTheHeadersItKnowsAtTheirWord() throws {
    // A French export: "Crédits" is the credits column (accents aside), the NPI a number but not credit.
    let folder = try TempFolder()
    try folder.write(
      "export.csv",
      "Nom;Prénom;NPI;Date;Titre;Crédits;Type\n"
        + "Gonzalez;Maria;1234567893;14.07.2025;Cardiology Grand Rounds;1,00;AMA PRA Category 1\n"
        + "Gonzalez;Maria;1234567893;02.08.2025;ACLS Renewal;4,25;AMA PRA Category 1\n"
        + "Gonzalez;Maria;1234567893;05.11.2025;Lipid Management Webinar;0,50;AMA PRA Category 1\n")
    let inspection = Inspector.inspect(folder.spec("export.csv", .transcript))
    let suggestion = try #require(inspection.suggestedProfile)
    #expect(suggestion.contains("npi: \"NPI\""))
    #expect(suggestion.contains("credits: \"Crédits\""))
    #expect(suggestion.contains("creditType: \"Type\""))
    #expect(suggestion.contains("title: \"Titre\""))
    #expect(!suggestion.contains("credits: \"NPI\""))
    var spec = folder.spec("export.csv", .transcript)
    spec.profile = try ImportProfile.parse(suggestion, displayPath: "suggested.yaml")
    let result = try CSVActivityImporter().importSource(spec)
    #expect(
      result.records.map(\.title) == ["Cardiology Grand Rounds", "ACLS Renewal", "Lipid Management Webinar"])
    #expect(result.records.map { $0.learner?.npi } == Array(repeating: "1234567893", count: 3))
    #expect(result.records.flatMap(\.credits).map(\.amount) == [1, 4.25, 0.5])
  }

  @Test func workbooksShowTheirSheet() throws {
    let spec = SourceSpec(
      url: XLSXImportTests.fixtures.appendingPathComponent("log-libreoffice.xlsx"), displayPath: "log.xlsx",
      kind: .log)
    let inspection = Inspector.inspect(spec)
    #expect(inspection.format == "xlsx")
    #expect(inspection.sheet == "CME Log")
    #expect(inspection.headerLine == 3)
    #expect(inspection.records == 4)
  }

  @Test func theJSONFormIsDecodable() throws {
    let folder = try TempFolder()
    try folder.write("t.csv", "Date,Title,Credits\n2026-03-04,Rounds,1\n")
    let json = InspectionRenderer.json(Inspector.inspect(folder.spec("t.csv", .transcript)))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["records"] as? Int == 1)
    #expect((object["columns"] as? [[String: Any]])?.count == 3)
  }
}
