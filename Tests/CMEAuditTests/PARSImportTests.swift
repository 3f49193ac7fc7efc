import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditImport
@testable import CMEAuditModel

/// The ACCME PARS learner batch template: header on row 2 under a guidance row, no title or provider, CME
/// credits plus board credit pairs, completion dates as text or Excel serials.
@Suite struct PARSImportTests {
  static let template = """
    "Guidance: one row per learner per activity. Do not edit learner records: delete and resubmit.",,,,,,,,,,,,,
    Record Action,ACCME Activity ID,Completion Date,First Name,Last Name,Date of Birth,Licensing State,Licensing ID or NPI,Number of CME Credits,Certifying Board,Certifying Board ID,Total Board Credits,Credit Type ,Credits Awarded for Credit Type
    Add,201912345,03/14/2026,Jordan,Lee,07/22,CA,1234567893,1.00,ABIM,123456,1.00,MK,1.00
    Add,201967890,46110,Jordan,Lee,07/22,CA,1234567893,6.50,,,,,
    Delete,201900001,03/20/2026,Jordan,Lee,07/22,CA,1234567893,2.00,,,,,
    Add,201955555,03/21/2026,Jordan,Lee,07/22,CA,1234567893,1.00,ABIM,123456,1.00,MK,many

    """

  @Test func readsTheTemplate() throws {
    let result = try importCSV(Self.template)
    #expect(result.summary.skipped == 1)  // the Delete row
    #expect(result.records.map(\.activityID) == ["201912345", "201967890"])
    #expect(result.records.map(\.title) == ["Activity 201912345", "Activity 201967890"])
    #expect(result.records.map(\.date) == [day("2026-03-14"), day("2026-03-29")])  // 46110 is an Excel serial
    #expect(result.records[0].credits.map(\.type) == [.amaPRA1, .moc])
    #expect(result.records[0].credits.map(\.raw) == ["1.00 AMA PRA Category 1", "1.00 MK"])
    #expect(result.records[1].credits.map(\.type) == [.amaPRA1])
    #expect(result.records[0].learner == Learner(name: "Jordan Lee", npi: "1234567893"))
    #expect(result.issues.map(\.location.line) == [6])
  }

  @Test func anActivitiesFileNamesTheActivities() throws {
    let folder = try TempFolder()
    try folder.write(
      "activities.csv",
      "ACCME Activity ID,Activity Title,Provider\n201912345,Medicine Grand Rounds: Sepsis,University Hospital\n,No id,\n"
    )
    let catalog = try ActivityCatalog.load(folder.spec("activities.csv", .transcript))
    var records = try importCSV(Self.template).records
    catalog.name(&records)
    #expect(records.map(\.title) == ["Medicine Grand Rounds: Sepsis", "Activity 201967890"])
    #expect(records.first?.provider == "University Hospital")
    #expect(catalog.issues.map(\.location.line) == [3])
  }

  @Test func withoutTitlesTheActivityIDLinksTheLog() throws {
    let transcript = try importCSV(Self.template).records
    let log = record("l", .log, "2026-03-15", "Grand Rounds", credits: [(.amaPRA1, 1)])
    var withID = log
    withID.activityID = "201912345"
    let unlinked = Matcher().reconcile(transcript + [log]).activities.filter { $0.recordIDs.count > 1 }
    #expect(unlinked.isEmpty)
    let linked = Matcher().reconcile(transcript + [withID]).activities.filter { $0.recordIDs.count > 1 }
    #expect(linked.map(\.recordIDs) == [["l", transcript[0].id]])
  }
}
