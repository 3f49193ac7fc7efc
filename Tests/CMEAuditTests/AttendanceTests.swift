import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditAttendance
@testable import CMEAuditImport
@testable import CMEAuditModel
@testable import CMEAuditSupport

@Suite struct AttendanceTests {
  static let series = """
    series:
      - title: Medicine Grand Rounds
        weekday: wednesday
        from: 2025-09-03
        to: 2025-09-24
        except: [2025-09-17]
        credits: 1.0
        creditType: ama-pra-1
    """

  func sessions() throws -> [Session] {
    let folder = try TempFolder()
    try folder.write("schedule.yaml", Self.series)
    return try ScheduleReader.read(folder.spec("schedule.yaml", .transcript)).sessions
  }

  @Test func aSeriesRuleGivesItsSessions() throws {
    #expect(try sessions().map(\.date) == ["2025-09-03", "2025-09-10", "2025-09-24"].map(day))
    #expect(try sessions().allSatisfy { $0.credits == 1 && $0.creditType == .amaPRA1 })
  }

  @Test func aCSVScheduleIsReadToo() throws {
    let folder = try TempFolder()
    try folder.write(
      "schedule.csv",
      "Date,Session,Designated Credits,Credit Type,Session ID\n2025-09-04,M&M Conference,0.75,AMA PRA Category 1,MM-1\nsoon,Bad,1,,\n"
    )
    let (read, issues) = try ScheduleReader.read(folder.spec("schedule.csv", .transcript))
    #expect(read.map(\.sessionID) == ["MM-1"])
    #expect(read.map(\.credits) == [Decimal(string: "0.75")])
    #expect(issues.map(\.location.line) == [3])
  }

  @Test(arguments: [
    (
      "series:\n  - {title: GR, weekday: funday, from: 2025-09-03, to: 2025-09-24}\n",
      "weekday: monday to sunday"
    ),
    ("series:\n  - {title: GR, weekday: wednesday, from: 2025-09-24, to: 2025-09-03}\n", "from: and to:"),
    (
      "series:\n  - {title: GR, weekday: wednesday, from: 2025-09-03, to: 2025-09-24, when: never}\n",
      "unknown key 'when'"
    ),
    ("sessions: []\n", "holds series: with a list"),
  ])
  func mistakesInASeriesRuleAreErrorsNamingTheFile(yaml: String, expected: String) throws {
    let folder = try TempFolder()
    try folder.write("s.yaml", yaml)
    #expect {
      try ScheduleReader.read(folder.spec("s.yaml", .transcript))
    } throws: { error in
      let message = (error as? CMEAuditError)?.errorDescription ?? ""
      return message.hasPrefix("s.yaml: ") && message.contains(expected)
    }
  }

  @Test func rosterRowsThatCannotBeReadAreReported() throws {
    let folder = try TempFolder()
    try folder.write(
      "signins.csv",
      "Attendee,Email,Session Date\nAnn Lee,ann@example.org,09/24/2025\nBo Kim,bo@example.org,someday\nCy Ray,cy@example.org,09/03/2025\n"
    )
    let (entries, issues, _, _) = try RosterReader.read(folder.spec("signins.csv", .transcript))
    #expect(entries.map(\.learner.email) == ["ann@example.org", "cy@example.org"])  // 09/24 settles the order
    #expect(issues.map(\.location.line) == [3])
    #expect(issues.first?.reason.contains("someday") == true)
    try folder.write("unsettled.csv", "Attendee,Email,Session Date\nAnn Lee,ann@example.org,09/03/2025\n")
    let unsettled = try RosterReader.read(folder.spec("unsettled.csv", .transcript))
    #expect(unsettled.issues.first?.reason.contains("--date-order") == true)
    try folder.write("empty.csv", "Who,When\nAnn,today\n")
    #expect(throws: CMEAuditError.self) { try RosterReader.read(folder.spec("empty.csv", .transcript)) }
  }

  func entry(_ name: String, _ date: String, email: String? = nil, registration: Bool = false)
    -> AttendanceEntry
  {
    AttendanceEntry(
      learner: Learner(name: name, email: email), date: day(date), title: "Medicine Grand Rounds",
      sessionID: nil,
      checkIn: nil, source: Provenance(path: "signins.csv", line: 2), isRegistration: registration)
  }

  func credit(_ name: String, _ date: String, _ amount: Decimal = 1, npi: String? = nil) -> ActivityRecord {
    var record = record(
      "c-\(name)-\(date)-\(amount)", .transcript, date, "Medicine Grand Rounds", credits: [(.amaPRA1, amount)]
    )
    record.learner = Learner(name: name, npi: npi)
    return record
  }

  func codes(entries: [AttendanceEntry], credits: [ActivityRecord] = [], logs: [ActivityRecord] = []) throws
    -> [String]
  {
    AttendanceAuditor(period: nil, today: day("2026-01-15"))
      .audit(sessions: try sessions(), entries: entries, credits: credits, logs: logs)
      .findings.map { $0.code.rawValue + ($0.reason.map { "/\($0)" } ?? "") }.sorted()
  }

  /// Every session attended and credited: nothing to report.
  var clean: (entries: [AttendanceEntry], credits: [ActivityRecord]) {
    let days = ["2025-09-03", "2025-09-10", "2025-09-24"]
    return (days.map { entry("Ann Lee", $0) }, days.map { credit("Ann Lee", $0) })
  }

  /// A mistyped NPI on one credit row neither makes a second learner (whose sign-ins by name would then fit
  /// two people) nor passes unseen: the row counts for the learner its name gives, and a warning names it.
  @Test func aMistypedNPIIsReportedAndTheRowIsMatchedByName() throws {
    let days = ["2025-09-03", "2025-09-10", "2025-09-24"]
    let entries = days.map { entry("Rosa Alvarez", $0) }
    var credits = days.map { credit("Rosa Alvarez", $0, npi: "1100142540") }
    credits[1].learner = Learner(name: "Rosa Alvarez", npi: "1100142504")
    credits[1].source.line = 3
    let report = AttendanceAuditor(period: nil, today: day("2026-01-15")).audit(
      sessions: try sessions(), entries: entries, credits: credits, logs: [])
    #expect(report.learners.map(\.id) == ["npi:1100142540"])
    #expect(report.learners.first?.credited == 3)
    #expect(report.findings.map(\.code) == [.invalidNPI])
    let finding = try #require(report.findings.first)
    #expect(finding.learner == "npi:1100142540")
    #expect(finding.locations == [credits[1].source])
    #expect(finding.message.hasPrefix("NPI 1100142504 (Rosa Alvarez) fails the NPI check digit (on 1 row)"))
  }

  /// `--learner`: each session as it stands for one learner, their findings, the sessions' own, and a
  /// sign-in whose name could be them; every other learner's findings are left out.
  @Test func oneLearnersReport() throws {
    let entries = [
      entry("Ann Lee", "2025-09-03"), entry("Bo Kim", "2025-09-03"), entry("Bo Kim", "2025-09-10"),
      entry("A. Lee", "2025-09-10"),
    ]
    let credits = [
      credit("Ann Lee", "2025-09-03"), credit("Bo Kim", "2025-09-03"), credit("Amy Lee", "2025-09-03"),
    ]
    var auditor = AttendanceAuditor(period: nil, today: day("2026-01-15"))
    let everyone = auditor.audit(sessions: try sessions(), entries: entries, credits: credits, logs: [])
    let ann = try #require(everyone.learners.first { $0.name == "Ann Lee" }).id
    auditor.learner = ann
    let report = auditor.audit(sessions: try sessions(), entries: entries, credits: credits, logs: [])
    #expect(report.learner == ann)
    #expect(report.learners.map(\.name) == ["Ann Lee"])
    #expect(report.sessions.map(\.signedIn) == [1, 0, 0])
    #expect(report.sessions.map(\.credited) == [1, 0, 0])
    // Bo Kim's sign-in not credited is his; the 24th has no sign-in at all; "A. Lee" could be Ann or Amy.
    #expect(everyone.findings.contains { $0.code == .attendanceNotCredited })
    #expect(
      report.findings.map(\.code).sorted { $0.rawValue < $1.rawValue } == [
        .sessionWithoutAttendance, .unknownLearner,
      ])
    #expect(report.sessions.map(\.problems) == [0, 0, 1])  // the ambiguous sign-in names no session
    #expect(AttendanceRenderer.text(report).hasPrefix("Attendance check, all dates, for Ann Lee (\(ann))\n"))
    #expect(AttendanceRenderer.html(report).contains("<p class=\"period\">For Ann Lee (\(ann))</p>"))
    #expect(!AttendanceRenderer.html(everyone).contains("<p class=\"period\">For "))
  }

  /// Sign-ins with no transcript given: the sessions no one signed in to, and nothing said of credit; and
  /// the other way round.
  @Test func signInsAloneSayNothingOfCredit() throws {
    var auditor = AttendanceAuditor(period: nil, today: day("2026-01-15"))
    auditor.creditsGiven = false
    let report = auditor.audit(
      sessions: try sessions(), entries: Array(clean.entries.dropLast()), credits: [], logs: [])
    #expect(report.findings.map(\.code) == [.sessionWithoutAttendance])
    // The text and the page show a dash for the credit no input could show.
    var read = report
    read.sources = [AttendanceReport.SourceTally(kind: "roster")]
    #expect(AttendanceRenderer.counts(read.sessions[0], in: read) == ("1", "-"))
    read.sources.append(AttendanceReport.SourceTally(kind: "transcript"))
    #expect(AttendanceRenderer.counts(read.sessions[0], in: read) == ("1", "0"))
    auditor.creditsGiven = true
    let credited = auditor.audit(
      sessions: try sessions(), entries: Array(clean.entries.dropLast()), credits: [], logs: [])
    #expect(credited.findings.filter { $0.code == .attendanceNotCredited }.count == 2)
    // Credit with no sign-ins given: nothing said of attendance, the credit still checked.
    auditor.signInsGiven = false
    let posted = auditor.audit(
      sessions: try sessions(), entries: [], credits: clean.credits + [clean.credits[0]], logs: [])
    #expect(posted.findings.map(\.code) == [.duplicate])
  }

  @Test func aCleanSeriesHasNoFindings() throws {
    #expect(try codes(entries: clean.entries, credits: clean.credits).isEmpty)
  }

  @Test func sessionWithoutAttendance() throws {
    #expect(
      try codes(entries: Array(clean.entries.dropLast()), credits: Array(clean.credits.dropLast())) == [
        "session-without-attendance"
      ])
    // A registration list is not attendance.
    let registered = Array(clean.entries.dropLast()) + [entry("Ann Lee", "2025-09-24", registration: true)]
    #expect(
      try codes(entries: registered, credits: Array(clean.credits.dropLast())) == [
        "session-without-attendance"
      ])
  }

  @Test func attendanceNotCreditedAndCreditWithoutAttendance() throws {
    let entries = clean.entries + [entry("Bo Kim", "2025-09-03")]
    #expect(try codes(entries: entries, credits: clean.credits) == ["attendance-not-credited"])
    let credits = clean.credits + [credit("Cy Ray", "2025-09-10")]
    #expect(try codes(entries: clean.entries, credits: credits) == ["credit-without-attendance"])
  }

  @Test func aSessionHeldADayLateStillMatches() throws {
    let entries = [
      entry("Ann Lee", "2025-09-03"), entry("Ann Lee", "2025-09-11"), entry("Ann Lee", "2025-09-24"),
    ]
    #expect(try codes(entries: entries, credits: clean.credits).isEmpty)
  }

  @Test func creditExceedsDesignationAndDuplicate() throws {
    var credits = clean.credits
    credits[0] = credit("Ann Lee", "2025-09-03", 1.5)
    #expect(try codes(entries: clean.entries, credits: credits) == ["credit-exceeds-designation"])
    #expect(
      try codes(entries: clean.entries, credits: clean.credits + [credit("Ann Lee", "2025-09-10", 1)]) == [
        "duplicate/same-activity"
      ])
  }

  @Test func claimedNotRecorded() throws {
    var claim = record("l", .log, "2025-09-10", "Grand Rounds")
    claim.learner = Learner(name: "Bo Kim")
    #expect(
      try codes(entries: clean.entries, credits: clean.credits, logs: [claim]) == ["claimed-not-recorded"])
    var backed = claim
    backed.learner = Learner(name: "LEE, ANN")
    #expect(try codes(entries: clean.entries, credits: clean.credits, logs: [backed]).isEmpty)
  }

  /// The series schedule and a sign-in sheet on which Ann Lee signed in to the first session.
  static func seriesWithAnnLeeSignedIn() throws -> TempFolder {
    let folder = try TempFolder()
    try folder.write("schedule.yaml", Self.series)
    try folder.write(
      "signins.csv", "Attendee,Session Date,Session\nAnn Lee,2025-09-03,Medicine Grand Rounds\n")
    return folder
  }

  @Test func aLogFolderIsReadWithTheDateOrderGivenForIt() throws {
    let folder = try Self.seriesWithAnnLeeSignedIn()
    try folder.write("logs/ann-lee.csv", "Date,Activity Title,Credits\n3/9/2025,Medicine Grand Rounds,1\n")
    try folder.write(
      "logs/ann-lee.profile.yaml", "columns: {date: Date, title: Activity Title, credits: Credits}\n")
    var input = AttendanceInput(schedule: folder.spec("schedule.yaml", .transcript))
    input.rosters = [folder.spec("signins.csv", .transcript)]
    var logs = folder.spec("logs", .log)
    logs.dateOrder = .dmy  // 3/9/2025 is 3 September: the sign-in backs it, so no claim is unrecorded
    input.logs = [logs]
    func codes() throws -> Set<FindingCode> {
      // The two sessions nobody signed in to are reported either way.
      Set(try input.run(period: nil, today: day("2026-01-15")).findings.map(\.code))
        .subtracting([.sessionWithoutAttendance])
    }
    #expect(try codes() == [])  // (no transcript: the sign-in is not said to be uncredited)
    logs.dateOrder = nil  // nothing in the one-line file settles 3/9: reported, not guessed
    input.logs = [logs]
    #expect(try codes() == [.unreadableRow])
    let unreadable = try input.run(period: nil, today: day("2026-01-15")).findings.filter {
      $0.code == .unreadableRow
    }
    #expect(unreadable.flatMap(\.locations).map(\.path) == ["logs/ann-lee.csv"])
  }

  @Test func aLogInAFolderThatCannotBeReadIsReportedAndTheOthersChecked() throws {
    let folder = try Self.seriesWithAnnLeeSignedIn()
    try folder.write("logs/ann-lee.csv", "Date,Activity Title,Credits\n2025-09-10,Medicine Grand Rounds,1\n")
    try folder.write("logs/empty.csv", "")
    try folder.write("logs/notes.csv", "just some words\nand more words\n")
    try folder.write("logs/archive/old.csv", "Date,Activity Title,Credits\n")
    var input = AttendanceInput(schedule: folder.spec("schedule.yaml", .transcript))
    input.rosters = [folder.spec("signins.csv", .transcript)]
    input.logs = [folder.spec("logs", .log)]
    let findings = try input.run(period: nil, today: day("2026-01-15")).findings
    let unreadable = findings.filter { $0.code == .unreadableRow }
    #expect(
      Set(unreadable.flatMap(\.locations)) == [
        Provenance(path: "logs/archive", line: nil), Provenance(path: "logs/empty.csv", line: nil),
        Provenance(path: "logs/notes.csv", line: nil),
      ])
    #expect(unreadable.allSatisfy { $0.action.contains("none of it counts") })
    // Ann Lee's own log was still read: her claim for 10 September, which nobody recorded, is found.
    #expect(findings.contains { $0.code == .claimedNotRecorded })
    // A log named on the command line that cannot be read still stops the run, naming the file.
    input.logs = [folder.spec("logs/empty.csv", .log)]
    #expect(throws: CMEAuditError.unreadable(path: "logs/empty.csv", reason: "the file is empty")) {
      try input.run(period: nil, today: day("2026-01-15"))
    }
  }

  /// A video meeting's participant report (Zoom's CSV, with the meeting's own row above the participants):
  /// the join time's day is the sign-in's day, settled by the schedule when the file's dates cannot settle
  /// the day/month order themselves (every row of one session says 09/03/2025).
  @Test func aZoomParticipantReportIsASignInSheet() throws {
    let folder = try TempFolder()
    try folder.write("schedule.yaml", Self.series)
    try folder.write(
      "zoom.csv",
      """
      Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
      912 3456 7890,Medicine Grand Rounds,09/03/2025 11:55:12 AM,09/03/2025 01:05:40 PM,cme@example.org,71,3

      Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
      Ann Lee,ann@example.org,09/03/2025 11:58:03 AM,09/03/2025 01:02:11 PM,65,No
      Bo Kim (iPhone),,09/03/2025 12:01:44 PM,09/03/2025 01:00:02 PM,59,Yes

      """)
    let sessionDays: Set<CalendarDay> = [day("2025-09-03"), day("2025-09-10")]
    let (entries, issues, _, _) = try RosterReader.read(
      folder.spec("zoom.csv", .transcript), sessionDays: sessionDays)
    #expect(issues.isEmpty)
    #expect(entries.map(\.learner.name) == ["Ann Lee", "Bo Kim (iPhone)"])
    #expect(entries.map(\.learner.email) == ["ann@example.org", nil])
    #expect(entries.map(\.date) == [day("2025-09-03"), day("2025-09-03")])
    #expect(LearnerDirectory.nameKey("Bo Kim (iPhone)") == "bo kim")
    // The check gives the reader its schedule's days.
    var input = AttendanceInput(schedule: folder.spec("schedule.yaml", .transcript))
    input.rosters = [folder.spec("zoom.csv", .transcript)]
    let report = try input.run(period: nil, today: day("2026-01-15"))
    #expect(!report.findings.contains { $0.code == .unreadableRow })
    #expect(report.sessions.first { $0.date == day("2025-09-03") }?.signedIn == 2)
    // Without the schedule, 09/03/2025 is still reported, not guessed.
    let unsettled = try RosterReader.read(folder.spec("zoom.csv", .transcript))
    #expect(unsettled.entries.isEmpty)
    #expect(unsettled.issues.first?.reason.contains("--date-order") == true)
    // A day both readings of which are sessions' days (or neither) settles nothing.
    #expect(RosterReader.settledBySchedule("03/09/2025", [day("2025-03-09"), day("2025-09-03")]) == nil)
    #expect(RosterReader.settledBySchedule("03/09/2025", [day("2025-01-01")]) == nil)
    #expect(RosterReader.settledBySchedule("03/09/2025", [day("2025-09-03")]) == .dmy)
    #expect(RosterReader.settledBySchedule("2025-09-03", [day("2025-09-03")]) == nil)
  }

  /// A Teams attendance report: UTF-16, tab-separated, a summary above the participants, dates such as
  /// "9/3/25, 11:58:03 AM", and a third section repeating each participant join by join under its own heading
  /// and header (counted as heading rows, its sign-ins the same people's again).
  @Test func aTeamsAttendanceReportIsASignInSheet() throws {
    let lines = [
      "1. Summary", "Meeting title\tMedicine Grand Rounds", "Attended participants\t2",
      "Start time\t9/3/25, 11:55:12 AM", "End time\t9/3/25, 1:05:40 PM", "", "2. Participants",
      "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
      "Ann Lee\t9/3/25, 11:58:03 AM\t9/3/25, 1:02:11 PM\t1h 4m 8s\tann@example.org\tann@example.org\tAttendee",
      "Bo Kim\t9/3/25, 12:01:44 PM\t9/3/25, 1:00:02 PM\t58m 18s\tbo@example.org\tbo@example.org\tAttendee",
      "",
      "3. In-Meeting Activities", "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
      "Ann Lee\t9/3/25, 11:58:03 AM\t9/3/25, 1:02:11 PM\t1h 4m 8s\tann@example.org\tAttendee",
    ]
    let folder = try TempFolder()
    try folder.write("schedule.yaml", Self.series)
    var data = Data([0xFF, 0xFE])
    data.append(lines.joined(separator: "\r\n").data(using: .utf16LittleEndian)!)
    try folder.write("teams.csv", data)
    var input = AttendanceInput(schedule: folder.spec("schedule.yaml", .transcript))
    input.rosters = [folder.spec("teams.csv", .transcript)]
    let report = try input.run(period: nil, today: day("2026-01-15"))
    #expect(!report.findings.contains { $0.code == .unreadableRow })
    #expect(report.sessions.first { $0.date == day("2025-09-03") }?.signedIn == 2)
    var roster = AttendanceReport.SourceTally(kind: "roster")
    (roster.files, roster.records, roster.headerRows) = (1, 3, 2)
    #expect(report.sources == [roster])
    #expect(DateParser.parseDay("9/3/25, 11:58:03 AM", order: .mdy) == day("2025-09-03"))
    #expect(DateParser.parseDay("9/3/25, lunchtime", order: .mdy) == nil)
  }

  @Test(
    arguments: [
      ("65", 1, 65), ("1", 60, 60), ("1h 4m 8s", nil, 64.1333), ("58m 18s", nil, 58.3), ("10m", nil, 10),
      ("1:04:08", nil, 64.1333), ("1:04", nil, 64), ("1 hr", nil, 60), ("90 minutes", nil, 90),
    ] as [(String, Decimal?, Decimal)])
  func aDurationIsReadInMinutes(text: String, bare: Decimal?, minutes: Decimal) throws {
    let read = try #require(AttendanceEntry.minutes(text, bare: bare))
    #expect(abs(NSDecimalNumber(decimal: read - minutes).doubleValue) < 0.001)
  }

  @Test func aDurationThatSaysNothingIsNone() {
    // A bare number in a column that names no unit could be minutes or hours.
    for text in ["1", "n/a", "5 apples", "", "1:xx", "about an hour", "-10"] {
      #expect(AttendanceEntry.minutes(text, bare: nil) == nil, "\(text)")
    }
  }

  /// A video meeting's report says how long each participant was there: credit beyond that (to the nearest
  /// quarter hour) is flagged. A meeting left and joined again counts both stays; a Teams report's second
  /// listing of the same stays does not count them twice.
  @Test func creditBeyondTheTimeAttendedIsFlagged() throws {
    let folder = try TempFolder()
    try folder.write("schedule.yaml", Self.series)
    try folder.write(
      "zoom.csv",
      """
      Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
      Ann Lee,ann@example.org,2025-09-03 11:58,2025-09-03 12:30,32,No
      Ann Lee,ann@example.org,2025-09-03 12:31,2025-09-03 13:00,29,No
      Bo Kim (iPhone),bo@example.org,2025-09-03 12:01,2025-09-03 12:11,10,No
      Cy Ray,cy@example.org,2025-09-03 12:06,2025-09-03 13:00,54,No
      Di Fox,di@example.org,2025-09-03 12:00,2025-09-03 12:30,30,No

      """)
    try folder.write(
      "transcript.csv",
      """
      Learner,Email,Date,Activity Title,Credits
      Ann Lee,ann@example.org,2025-09-03,Medicine Grand Rounds,1.0
      Bo Kim,bo@example.org,2025-09-03,Medicine Grand Rounds,1.0
      Cy Ray,cy@example.org,2025-09-03,Medicine Grand Rounds,1.0
      Di Fox,di@example.org,2025-09-03,Medicine Grand Rounds,0.5

      """)
    var input = AttendanceInput(schedule: folder.spec("schedule.yaml", .transcript))
    input.rosters = [folder.spec("zoom.csv", .transcript)]
    input.transcripts = [folder.spec("transcript.csv", .transcript)]
    let report = try input.run(period: nil, today: day("2026-01-15"))
    let flagged = report.findings.filter { $0.code == .creditExceedsAttendance }
    // Ann: 32 + 29 minutes; Cy: 54 minutes is 1.0 to the quarter hour; Di: 30 minutes, 0.5 credit.
    #expect(flagged.count == 1)
    #expect(
      flagged.first?.message
        == "Bo Kim was credited 1.0 for 2025-09-03 'Medicine Grand Rounds' but was there 10 minutes by the "
        + "meeting's report (0.25 credit at most).")
    #expect(flagged.first?.locations.map(\.display) == ["transcript.csv:3", "zoom.csv:4"])
    // Tables within one file: summed within, the largest taken.
    let teams = [
      AttendanceEntry(
        learner: Learner(name: "Ann Lee"), date: day("2025-09-03"),
        source: Provenance(path: "t.csv", line: 9),
        isRegistration: false, minutes: 61, table: 0),
      AttendanceEntry(
        learner: Learner(name: "Ann Lee"), date: day("2025-09-03"),
        source: Provenance(path: "t.csv", line: 14),
        isRegistration: false, minutes: 30, table: 1),
      AttendanceEntry(
        learner: Learner(name: "Ann Lee"), date: day("2025-09-03"),
        source: Provenance(path: "t.csv", line: 15),
        isRegistration: false, minutes: 31, table: 1),
    ]
    #expect(AttendanceAuditor.attended([0, 1, 2], in: teams) == 61)
    #expect(AttendanceAuditor.attended([1, 2], in: teams) == 61)
    var paper = teams[0]
    paper.minutes = nil  // a paper sign-in beside the report: the time is not known
    #expect(AttendanceAuditor.attended([0, 1], in: [paper, teams[1]]) == nil)
  }

  /// `--format html` is a page, not the text report in a .html file; what the inputs say is escaped.
  @Test func theReportAsAPage() throws {
    let folder = try Self.seriesWithAnnLeeSignedIn()
    try folder.write(
      "signins.csv",
      "Attendee,Session Date,Session\nAnn Lee,2025-09-03,Medicine Grand Rounds\n<script>x</script> Lee,2025-09-10,Medicine Grand Rounds\n"
    )
    var input = AttendanceInput(schedule: folder.spec("schedule.yaml", .transcript))
    input.rosters = [folder.spec("signins.csv", .transcript)]
    let report = try input.run(period: nil, today: day("2026-01-15"))
    let page = AttendanceRenderer.render(report, format: .html)
    #expect(page.hasPrefix("<!doctype html>"))
    #expect(page.contains("<h2>Sessions</h2>"))
    #expect(page.contains("<td>2025-09-03</td><td>Medicine Grand Rounds</td><td class=\"n\">1</td>"))
    #expect(page.contains("&lt;script&gt;x&lt;/script&gt; Lee"))
    #expect(!page.contains("<script"))
    #expect(page.contains("class=\"finding warning\""))  // the session nobody signed in to
    #expect(page.contains("<td>rosters</td><td>1 file: 2 sign-ins</td>"))
    let markdown = AttendanceRenderer.render(report, format: .markdown)
    #expect(markdown.hasPrefix("# Attendance check\n\n```text\nAttendance check, all dates\n"))
    #expect(markdown.hasSuffix("```\n"))
  }

  /// Every row read is accounted for in the report's sources: as a sign-in or record, unreadable, a total
  /// row, or not completed.
  @Test func theReportCountsWhatItReadOfEachKind() throws {
    let folder = try Self.seriesWithAnnLeeSignedIn()
    try folder.write(
      "signins.csv",
      "Attendee,Session Date,Session\nAnn Lee,2025-09-03,Medicine Grand Rounds\nBo Kim,,Medicine Grand Rounds\n"
        + ",,\nTotal attendees: 1,,\n")
    try folder.write(
      "transcript.csv",
      "Learner,Date,Activity Title,Credits,Status\nAnn Lee,2025-09-03,Medicine Grand Rounds,1,Completed\n"
        + "Ann Lee,2025-09-10,Medicine Grand Rounds,1,Registered\n")
    try folder.write("logs/ann-lee.csv", "Date,Activity Title,Credits\n2025-09-03,Medicine Grand Rounds,1\n")
    try folder.write(
      "logs/bo-kim.csv", "Date,Activity Title,Credits\n2025-09-03,Medicine Grand Rounds,lots\nTotal,,1\n")
    try folder.write("logs/empty.csv", "")
    var input = AttendanceInput(schedule: folder.spec("schedule.yaml", .transcript))
    input.rosters = [folder.spec("signins.csv", .transcript)]
    input.transcripts = [folder.spec("transcript.csv", .transcript)]
    input.logs = [folder.spec("logs", .log)]
    let report = try input.run(period: nil, today: day("2026-01-15"))
    var roster = AttendanceReport.SourceTally(kind: "roster")
    (roster.files, roster.records, roster.rejected, roster.totalRows) = (1, 1, 1, 1)
    var transcript = AttendanceReport.SourceTally(kind: "transcript")
    (transcript.files, transcript.records, transcript.skipped) = (1, 1, 1)
    var logs = AttendanceReport.SourceTally(kind: "log")
    (logs.files, logs.records, logs.rejected, logs.totalRows) = (3, 1, 2, 1)
    #expect(report.sources == [roster, transcript, logs])
    // "Total attendees: 1" is not a sign-in missing its date; Bo Kim's row is.
    let unreadable = report.findings.filter { $0.code == .unreadableRow }.flatMap(\.locations)
    #expect(unreadable.filter { $0.path == "signins.csv" }.map(\.line) == [3])
    let text = AttendanceRenderer.render(report, format: .text)
    #expect(text.contains("  rosters      1 file: 1 sign-in, 1 unreadable, 1 total row left out\n"))
    #expect(text.contains("  transcripts  1 file: 1 record, 1 not completed (no credit)\n"))
    #expect(text.contains("  logs         3 files: 1 record, 2 unreadable, 1 total row left out\n"))
  }

  @Test(arguments: [
    ("logs/ann-lee.csv", "Ann Lee"), ("McKay, Jo.xlsx", "McKay, Jo"), ("di_fox", "Di Fox"),
    ("j.r.smith.csv", "J.R.Smith"), ("élodie-durand.txt", "Élodie Durand"), ("J. Smith", "J. Smith"),
  ])
  func aLogIsNamedByItsFile(path: String, name: String) {
    #expect(AttendanceInput.name(fileName: URL(fileURLWithPath: "/tmp/\(path)").lastPathComponent) == name)
  }

  @Test(arguments: [
    "a.csv", "A.CSV", "a", ".hidden", "a.", "a..csv", "a b.csv", "a.c v", "x.tar.gz", "..", "J. Smith",
    ".a.csv",
    "a.c.", "résumé.CSV", "a.c\tv", "Doe, Jane.xlsx",
  ])
  func aFileNameSplitsAsItsURLDoes(name: String) {
    let url = URL(fileURLWithPath: "/tmp/\(name)", isDirectory: false)
    let spec = SourceSpec(file: name, in: URL(fileURLWithPath: "/tmp"), displayPath: name, kind: .log)
    #expect(spec.fileName == url.lastPathComponent)
    #expect(spec.fileExtension == url.pathExtension.lowercased())
    // Without an extension the stem is the whole name (`deletingPathExtension` cuts "J. Smith" to "J").
    let stem = url.pathExtension.isEmpty ? name : url.deletingPathExtension().lastPathComponent
    #expect(String(SourceSpec.split(name).stem) == stem)
  }

  @Test func theReportDoesNotDependOnTheOrderFilesAreGivenOrRead() throws {
    // Files are read on all cores at once: the report must come out the same whatever finishes first.
    let folder = try TempFolder()
    try folder.write("schedule.yaml", Self.series)
    try folder.write(
      "signins.csv",
      "Attendee,Session Date,Session\nAnn Lee,2025-09-03,Medicine Grand Rounds\nBo Kim,2025-09-10,Grand Rounds\n"
    )
    try folder.write(
      "credits-a.csv", "Name,Date,Title,Credits\nAnn Lee,2025-09-03,Medicine Grand Rounds,1\n")
    try folder.write(
      "credits-b.csv",
      "Name,Date,Title,Credits\nAnn Lee,2025-09-03,Medicine Grand Rounds,1\nCy Ray,2025-09-24,MGR,1\n")
    for name in ["ann-lee", "bo-kim", "cy-ray", "di-fox"] {
      try folder.write(
        "logs/\(name).csv", "Date,Activity Title,Credits\n2025-09-24,Medicine Grand Rounds,1\n")
    }
    func report(_ transcripts: [String]) throws -> String {
      var input = AttendanceInput(schedule: folder.spec("schedule.yaml", .transcript))
      input.rosters = [folder.spec("signins.csv", .transcript)]
      input.transcripts = transcripts.map { folder.spec($0, .transcript) }
      input.logs = [folder.spec("logs", .log)]
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      return String(
        decoding: try encoder.encode(try input.run(period: nil, today: day("2026-01-15"))), as: UTF8.self)
    }
    let first = try report(["credits-a.csv", "credits-b.csv"])
    #expect(first.contains("duplicate") && first.contains("claimed-not-recorded"))
    #expect(first.contains("Di Fox's log"))  // named by the file "di-fox.csv"
    for _ in 0..<5 { #expect(try report(["credits-a.csv", "credits-b.csv"]) == first) }
    // Given the other way round, the same findings (record ids depend on content and file, not order).
    let swapped = try report(["credits-b.csv", "credits-a.csv"])
    #expect(swapped == first)
  }

  @Test func unknownLearner() throws {
    let entries = clean.entries + [entry("", "2025-09-03"), entry("J. Smith", "2025-09-03")]
    let credits =
      clean.credits + [
        credit("John Smith", "2025-09-03", npi: "1111111112"),
        credit("Jane Smith", "2025-09-03", npi: "2222222228"),
      ]
    let result = try codes(
      entries: entries + [entry("John Smith", "2025-09-03"), entry("Jane Smith", "2025-09-03")],
      credits: credits)
    #expect(result == ["unknown-learner/ambiguous", "unknown-learner/no-identity"])
  }
}
