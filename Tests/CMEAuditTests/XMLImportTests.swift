import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditAttendance
@testable import CMEAuditImport
@testable import CMEAuditModel

@Suite struct MedBiqXMLImportTests {
  static func module(_ status: String, date: String, credits: String = "1.0", name: String = "Session")
    -> String
  {
    """
          <Module>
            <ModuleName>\(name)</ModuleName>
            <Status>\(status)</Status>
            <StartDateTime>\(date)T08:00:00</StartDateTime>
            <CompletedDateTime>\(date)T23:30:00-08:00</CompletedDateTime>
            <CreditCertificate>
              <CreditReceived>
                <hx:accreditingBody>ACCME</hx:accreditingBody>
                <hx:activityCertification>AMA PRA Category 1 Credit</hx:activityCertification>
                <hx:creditType>CME</hx:creditType>
                <hx:creditUnit>Credit</hx:creditUnit>
                <hx:numberOfCredits>\(credits)</hx:numberOfCredits>
              </CreditReceived>
              <CreditID>ccid:example.org:\(date)</CreditID>
            </CreditCertificate>
          </Module>
    """
  }

  static func report(version: String, modules: [String], learner: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <ActivityReports xmlns="http://ns.medbiq.org/activityreport/\(version)/" xmlns:m="http://ns.medbiq.org/member/v1/" xmlns:hx="http://ns.medbiq.org/lom/extend/v1/">
      <DateTimeCreated>2026-07-01T00:00:00</DateTimeCreated>
      <ActivityReport>
        <ReportingOrganization>Rotation Site</ReportingOrganization>
        \(learner)
        <Activity activityID="A-1">
          <ProviderOrganization>Rotation Site CME</ProviderOrganization>
          <ActivityName>Morning Report</ActivityName>
    \(modules.joined(separator: "\n"))
        </Activity>
      </ActivityReport>
    </ActivityReports>
    """
  }

  func run(_ xml: String) throws -> ImportResult {
    let folder = try TempFolder()
    try folder.write("site.xml", xml)
    return try MedBiqXMLImporter().importSource(folder.spec("site.xml", .transcript))
  }

  @Test(arguments: ["v1", "v2"])
  func completedModulesBecomeRecords(version: String) throws {
    let learner =
      version == "v1"
      ? "<Member><m:UniqueID>L-9</m:UniqueID><m:Name><m:GivenName>Jo</m:GivenName><m:FamilyName>Lee</m:FamilyName></m:Name></Member>"
      : "<Participants><Participant><LocalIdentifier domain=\"x\">L-9</LocalIdentifier></Participant></Participants>"
    let xml = Self.report(
      version: version,
      modules: [
        Self.module("Completed", date: "2026-03-04"), Self.module("Registered", date: "2026-03-11"),
        Self.module("Expired", date: "2026-03-18"),
        Self.module("Completed", date: "2026-03-25", credits: "0.75"),
      ], learner: learner)
    let result = try run(xml)
    #expect(result.issues.isEmpty)
    #expect(result.records.count == 2)
    #expect(result.summary.skipped == 2)
    let first = try #require(result.records.first)
    #expect(first.date == day("2026-03-04"))  // the day as written, no time zone shift
    #expect(first.title == "Morning Report")
    #expect(first.provider == "Rotation Site CME")
    #expect(first.credits.map(\.type) == [.amaPRA1])
    #expect(first.showsAccreditation)
    #expect(first.learner?.institutionID == "L-9")
    #expect(first.source.line != nil)
    #expect(first.id.hasPrefix("transcript:"))
    #expect(result.records[1].credits.map(\.amount) == [Decimal(string: "0.75")!])
    if version == "v1" { #expect(first.learner?.name == "Jo Lee") }
  }

  @Test func aModuleCompletedAfterTheSessionStillLinksToTheLogLine() throws {
    let module = Self.module("Completed", date: "2026-03-04")
      .replacingOccurrences(of: "<CompletedDateTime>2026-03-04", with: "<CompletedDateTime>2026-03-20")
    let result = try run(Self.report(version: "v1", modules: [module], learner: ""))
    let xml = try #require(result.records.first)
    #expect(xml.date == day("2026-03-20"))  // the completion date, as the standard says
    #expect(xml.startedOn == day("2026-03-04"))
    let log = record("l", .log, "2026-03-04", "Morning report")
    let groups = Matcher().reconcile([xml, log]).activities.map(\.recordIDs)
    #expect(groups.count == 1)
  }

  @Test func truncatedXMLKeepsTheRecordsBeforeTheBreak() throws {
    let xml = Self.report(
      version: "v1",
      modules: [Self.module("Completed", date: "2026-03-04"), Self.module("Completed", date: "2026-03-11")],
      learner: "")
    let cut = String(xml.prefix(upTo: xml.range(of: "2026-03-11T23")!.lowerBound))
    let result = try run(cut)
    #expect(result.records.count == 1)
    let issue = try #require(result.issues.first)
    #expect(result.issues.count == 1)
    #expect(issue.reason.contains("truncated"))
    #expect(issue.location.line != nil)
  }

  @Test func badCreditsAndMissingDatesAreUnreadableElements() throws {
    var bad = Self.module("Completed", date: "2026-03-04", credits: "lots")
    let noDate = Self.module("Completed", date: "2026-03-11")
      .replacingOccurrences(of: "<StartDateTime>2026-03-11T08:00:00</StartDateTime>", with: "")
      .replacingOccurrences(of: "<CompletedDateTime>2026-03-11T23:30:00-08:00</CompletedDateTime>", with: "")
    bad += "\n" + noDate + "\n" + Self.module("Completed", date: "2026-03-18")
    let result = try run(Self.report(version: "v2", modules: [bad], learner: ""))
    #expect(result.records.map(\.date) == [day("2026-03-18")])
    try #require(result.issues.count == 2)
    #expect(result.issues[0].reason.contains("not a number"))
    #expect(result.issues[1].reason.contains("no date"))
  }

  @Test func externalEntitiesAreNotResolved() throws {
    let folder = try TempFolder()
    try folder.write("secret.txt", "TOP-SECRET")
    let xml = """
      <?xml version="1.0"?>
      <!DOCTYPE ActivityReports [ <!ENTITY ext SYSTEM "file://\(folder.path("secret.txt"))"> ]>
      <ActivityReports xmlns="http://ns.medbiq.org/activityreport/v1/"><ActivityReport><Activity>
      <ProviderOrganization>P</ProviderOrganization><ActivityName>&ext;</ActivityName>
      <Module><ModuleName>M</ModuleName><Status>Completed</Status><CompletedDateTime>2026-01-01</CompletedDateTime></Module>
      </Activity></ActivityReport></ActivityReports>
      """
    try folder.write("x.xml", xml)
    let result = try? MedBiqXMLImporter().importSource(folder.spec("x.xml", .transcript))
    #expect(result?.records.contains { $0.title.contains("TOP-SECRET") } != true)
  }

  @Test func entityExpansionIsRefused() throws {
    var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE ActivityReports [\n<!ENTITY l0 \"lol\">\n"
    for level in 1..<10 {
      xml += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">\n"
    }
    xml += "]>\n<ActivityReports xmlns=\"http://ns.medbiq.org/activityreport/v1/\"><ActivityReport><Activity>"
    xml += "<ProviderOrganization>P</ProviderOrganization><ActivityName>&l9;</ActivityName>"
    xml += "<Module><ModuleName>M</ModuleName><Status>Completed</Status>"
    xml +=
      "<CompletedDateTime>2026-01-01</CompletedDateTime></Module></Activity></ActivityReport></ActivityReports>"
    let result = try run(xml)
    #expect(result.records.allSatisfy { $0.title.count < 10_000 })
    #expect(result.issues.count == 1)
  }

  @Test(arguments: [("<html><body>hi</body></html>", "root element"), ("not xml at all", "not XML")])
  func otherFilesAreClearErrors(text: String, expected: String) throws {
    #expect {
      try run(text)
    } throws: { error in
      (error as? CMEAuditError)?.errorDescription?.contains(expected) == true
    }
  }
}

/// A CE Broker provider roster: the course's elements above each attendee (`..` in a profile's field paths),
/// one record an attendee.
@Suite struct CEBrokerRosterTests {
  static let roster = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!-- uploaded 2025-09-20 -->
    <rosters>
      <roster>
        <id_provider>50-1234</id_provider>
        <id_course>20-889911</id_course>
        <attendees>
          <attendee>
            <licensee_number>ME123456</licensee_number>
            <first_name>Ann</first_name><last_name>Lee</last_name>
            <date_completed>09/03/2025</date_completed><ce_credit_hours>1.00</ce_credit_hours>
          </attendee>
          <attendee>
            <licensee_number>ME654321</licensee_number>
            <first_name>Bo</first_name><last_name>Kim</last_name>
            <date_completed>09/03/2025</date_completed><ce_credit_hours>1.00</ce_credit_hours>
          </attendee>
        </attendees>
      </roster>
      <roster>
        <id_provider>50-1234</id_provider>
        <attendees>
          <attendee>
            <licensee_number>ME123456</licensee_number>
            <first_name>Ann</first_name><last_name>Lee</last_name>
            <date_completed>09/10/2025</date_completed><ce_credit_hours>1.50</ce_credit_hours>
          </attendee>
        </attendees>
        <id_course>20-889912</id_course>
      </roster>
    </rosters>

    """

  @Test func eachAttendeeIsARecordOfItsCourse() throws {
    let folder = try TempFolder()
    try folder.write("roster.xml", Self.roster)
    let spec = folder.spec("roster.xml", .transcript)
    #expect(ImporterRegistry.importer(for: spec) is CEBrokerRosterImporter)
    let result = try ImporterRegistry.importer(for: spec).importSource(spec)
    #expect(result.summary.format == "ce-broker-roster")
    #expect(result.records.map(\.activityID) == ["20-889911", "20-889911"])
    #expect(result.records.map(\.title) == ["Activity 20-889911", "Activity 20-889911"])
    #expect(result.records.map { $0.date?.description } == ["2025-09-03", "2025-09-03"])
    #expect(result.records.map { $0.learner?.name } == ["Ann Lee", "Bo Kim"])
    #expect(result.records.map { $0.learner?.institutionID } == ["ME123456", "ME654321"])
    #expect(result.records.map { $0.credits.map(\.amount) } == [[1], [1]])
    // The second roster names its course after its attendees: too late for them, and the first roster's
    // course is not carried over to them. Reported, not given the wrong course.
    #expect(result.issues.map(\.location.line) == [23])
    #expect(result.issues.first?.reason == "no activity title")
    // A roster cut short keeps the attendees before the break and says where it broke.
    let cut = String(Self.roster.prefix(upTo: Self.roster.range(of: "<first_name>Bo")!.upperBound))
    try folder.write("cut.xml", cut)
    let cutSpec = folder.spec("cut.xml", .transcript)
    let partial = try ImporterRegistry.importer(for: cutSpec).importSource(cutSpec)
    #expect(partial.records.map { $0.learner?.name } == ["Ann Lee"])
    #expect(partial.issues.count == 1)
    #expect(partial.issues.first?.reason.contains("XML is malformed here") == true)
    // A MedBiquitous file is still a MedBiquitous file.
    try folder.write("site.xml", "<?xml version=\"1.0\"?>\n<ActivityReports/>\n")
    #expect(ImporterRegistry.importer(for: folder.spec("site.xml", .transcript)) is MedBiqXMLImporter)
  }

  /// A profile's paths above the record: an element or an attribute of an ancestor, each record getting its
  /// own ancestor's.
  @Test func aProfileReadsTheElementsAboveTheRecord() throws {
    let folder = try TempFolder()
    try folder.write(
      "export.xml",
      """
      <Export><Course code="GR1"><Title>Grand Rounds</Title><Date>2025-09-03</Date>
      <Learner><Name>Ann Lee</Name><Hours>1</Hours></Learner><Learner><Name>Bo Kim</Name><Hours>1</Hours></Learner>
      </Course><Course code="TB2"><Title>Tumor Board</Title><Date>2025-09-10</Date>
      <Learner><Name>Ann Lee</Name><Hours>1.5</Hours></Learner></Course></Export>
      """)
    var spec = folder.spec("export.xml", .transcript)
    var profile = ImportProfile(path: "export.profile.yaml")
    profile.record = "Export/Course/Learner"
    profile.fields = [
      .title: "../Title", .date: "../Date", .activityID: "../@code", .learner: "Name", .credits: "Hours",
    ]
    spec.profile = profile
    let result = try XMLRecordImporter().importSource(spec)
    #expect(result.issues.isEmpty)
    #expect(result.records.map(\.title) == ["Grand Rounds", "Grand Rounds", "Tumor Board"])
    #expect(result.records.map(\.activityID) == ["GR1", "GR1", "TB2"])
    #expect(result.records.map { $0.date?.description } == ["2025-09-03", "2025-09-03", "2025-09-10"])
    #expect(result.records.map { $0.learner?.name } == ["Ann Lee", "Bo Kim", "Ann Lee"])
  }

  /// In the attendance check, a record known only by its activity id is placed by its date (the one session
  /// that day), not turned away for a title that is only the id.
  @Test func aRosterCreditsTheSessionOfItsDay() throws {
    let folder = try TempFolder()
    try folder.write("roster.xml", Self.roster)
    try folder.write("schedule.yaml", AttendanceTests.series)
    try folder.write(
      "signins.csv",
      "Attendee,Session Date,Session\nAnn Lee,2025-09-03,Medicine Grand Rounds\n"
        + "Bo Kim,2025-09-03,Medicine Grand Rounds\n")
    var input = AttendanceInput(schedule: folder.spec("schedule.yaml", .transcript))
    input.rosters = [folder.spec("signins.csv", .transcript)]
    input.transcripts = [folder.spec("roster.xml", .transcript)]
    let report = try input.run(period: nil, today: day("2026-01-15"))
    let first = try #require(report.sessions.first { $0.date == day("2025-09-03") })
    #expect(first.credited == 2)
    #expect(!report.findings.contains { $0.code == .attendanceNotCredited })
  }
}
