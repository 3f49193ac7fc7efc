import Foundation
import Testing

/// Errors that fit the option: `--roster` and `--activities` files say the columns they need, and take a
/// profile written right after them.
extension EndToEndTests {
  @Test func aRosterOrCatalogWithoutItsColumnsSaysWhatItNeedsAndTakesAProfile() throws {
    let folder = try TempFolder()
    let office = Self.packageRoot.appendingPathComponent("samples/office-2025").path
    try folder.write("sheet.csv", "Attendee Full Name,Session Day,Talk\nJohn Smith,2025-09-03,Grand Rounds\n")
    let refused = try cmeaudit([
      "attendance", "--schedule", office + "/schedule.yaml", "--roster", folder.path("sheet.csv"),
    ])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("expected columns such as Date, and Name"))
    #expect(refused.stderr.contains("--profile FILE right after --roster"))
    try folder.write(
      "sheet.profile.yaml", "columns:\n  learner: Attendee Full Name\n  date: Session Day\n  title: Talk\n")
    let mapped = try cmeaudit([
      "attendance", "--schedule", office + "/schedule.yaml", "--roster", folder.path("sheet.csv"),
      "--profile",
      folder.path("sheet.profile.yaml"), "--format", "json",
    ])
    #expect(mapped.status == 0 || mapped.status == 1, "\(mapped.stderr)")
    let roster = (mapped.json["sources"] as? [[String: Any]])?.first { $0["kind"] as? String == "roster" }
    #expect(roster?["records"] as? Int == 1 && roster?["rejected"] as? Int == 0)
    try folder.write("catalog.csv", "Number,Name\n1,Grand Rounds\n")
    let catalog = try cmeaudit([
      "reconcile", "--log", Self.samples + "/logs/my-cme-log.csv", "--activities", folder.path("catalog.csv"),
    ])
    #expect(
      catalog.status == 2 && catalog.stderr.contains("ACCME Activity ID (or Activity ID) and Activity Title"))
    #expect(!catalog.stderr.contains("Credit Type, Credits"))
  }
}
