import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditImport

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

  /// A column two fields read (an "Accredited Provider" column is the provider too) is named by the first of
  /// them, the same on every run (it was picked from a dictionary, in an order that changed run to run).
  @Test func aColumnReadAsTwoFieldsIsNamedByTheFirst() throws {
    let folder = try TempFolder()
    try folder.write("t.csv", "Date,Title,Accredited Provider,Credits\n2026-03-14,Grand Rounds,UH,1\n")
    for _ in 0..<20 {
      let inspection = Inspector.inspect(folder.spec("t.csv", .transcript))
      #expect(inspection.columns.map(\.field) == ["date", "title", "provider", "credits"])
    }
  }

  /// A portal's row for an activity not completed is counted, not left out unseen.
  @Test func rowsNotCompletedAreCounted() throws {
    let folder = try TempFolder()
    try folder.write(
      "ethosce.csv",
      "title,first_name,last_name,credits,credit_type,complete,date_completed\n"
        + "Tumor Board,Dana,Levy,1.5,AMA PRA Category 1 Credit™,1,2025-09-10T23:59:59\n"
        + "Ethics Update,Dana,Levy,1,AMA PRA Category 1 Credit™,0,\n")
    let inspection = Inspector.inspect(folder.spec("ethosce.csv", .transcript))
    #expect(inspection.records == 1)
    #expect(inspection.skipped == 1)
    #expect(
      InspectionRenderer.text(inspection).contains(
        "records   1 read, 0 rejected, 1 not completed (no credit)"))
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

  /// Inspect says what the import does: a UTF-16 text with tabs is tab-separated, whatever commas its dates
  /// hold; and its own message does not send the user to inspect.
  @Test func inspectReadsAFileAsTheImportDoes() throws {
    let folder = try TempFolder()
    // A Teams attendance report: its summary's lines have one tab each, its two tables' rows two commas each
    // (dates with times) and a different number of tabs: the sniffer alone would say commas.
    let lines = [
      "1. Summary", "Meeting title\tMedicine Grand Rounds", "Attended participants\t2",
      "Start time\t9/3/25, 11:55:12 AM", "End time\t9/3/25, 1:05:40 PM", "Meeting duration\t1h 10m",
      "Average attendance time\t58m", "", "2. Participants",
      "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
      "Ann Lee\t9/3/25, 11:58:03 AM\t9/3/25, 1:02:11 PM\t1h 4m\tann@example.org\tann@example.org\tAttendee",
      "Bo Kim\t9/3/25, 12:01:44 PM\t9/3/25, 1:00:02 PM\t58m\tbo@example.org\tbo@example.org\tAttendee",
      "Cy Ray\t9/3/25, 12:10:00 PM\t9/3/25, 12:20:00 PM\t10m\tcy@example.org\tcy@example.org\tAttendee", "",
      "3. In-Meeting Activities", "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
      "Ann Lee\t9/3/25, 11:58:03 AM\t9/3/25, 1:02:11 PM\t1h 4m\tann@example.org\tAttendee",
      "Bo Kim\t9/3/25, 12:01:44 PM\t9/3/25, 1:00:02 PM\t58m\tbo@example.org\tAttendee",
      "Cy Ray\t9/3/25, 12:10:00 PM\t9/3/25, 12:20:00 PM\t10m\tcy@example.org\tAttendee",
    ]
    var data = Data([0xFF, 0xFE])
    data.append(lines.joined(separator: "\n").data(using: .utf16LittleEndian)!)
    try folder.write("teams.csv", data)
    #expect(CSVReader.sniffDelimiter(lines.joined(separator: "\n")) == ",")  // what the sniffer alone says
    let inspection = Inspector.inspect(folder.spec("teams.csv", .log))
    #expect(inspection.delimiter == "tab")
    try folder.write("odd.csv", "Nom,Titre\nA,B\n")
    let odd = Inspector.inspect(folder.spec("odd.csv", .log))
    #expect(odd.problem?.contains("no recognisable header") == true)
    #expect(odd.problem?.contains("cmeaudit inspect") == false)
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
