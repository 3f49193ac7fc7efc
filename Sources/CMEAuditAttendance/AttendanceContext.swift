import CMEAuditAnalysis
import CMEAuditImport
import CMEAuditModel
import CMEAuditSupport
import Foundation

/// The kinds of rows the check places under sessions.
enum RowKind: Sendable { case signIn, credit, logLine }

/// The distinct learners one kind of row mentions, in the order first seen, and which one each row is.
struct Mentions: Sendable {
  var distinct: [Learner] = []
  var rows: [Int] = []

  init(of learners: some Collection<Learner?>) {
    var index: [Learner: Int] = [:]
    rows.reserveCapacity(learners.count)
    var previous: (learner: Learner, index: Int)?
    for learner in learners {
      let learner = learner ?? Learner()
      // Files list a learner's rows together (a log is one learner's): the row before is asked first,
      // which costs a comparison, not a hash of four strings.
      if let previous, previous.learner == learner {
        rows.append(previous.index)
        continue
      }
      defer { previous = (learner, rows.last!) }
      if let known = index[learner] {
        rows.append(known)
      } else {
        distinct.append(learner)
        index[learner] = distinct.count - 1
        rows.append(distinct.count - 1)
      }
    }
  }
}

/// What the check's steps share once the learners are known; each step reads it from any core.
struct AttendanceContext: Sendable {
  var period: Period?
  var sessions: [Session]
  var people: [LearnerDirectory.Person]
  var distinct: [Learner]
  var resolved: [Result<Int, LearnerDirectory.UnresolvedError>]
  /// Some sign-in says how long the learner was there (a video meeting's report); without one, credit is
  /// not held against the time (and a credited learner's sign-ins are not looked up again to find out).
  var timed = false
  /// Credit records were given: a sign-in with none is uncredited (`AttendanceAuditor.creditsGiven`).
  var creditsGiven = true
  /// Sign-ins were given: a session with none has no attendance (`AttendanceAuditor.signInsGiven`).
  var signInsGiven = true

  /// Rows of one kind by session (index): person (index) → the rows (indices), and what could not be placed.
  struct Placement: Sendable {
    var bySession: [[Int: [Int]]]
    var registered: [Set<Int>]
    var findings: [Finding] = []
  }

  /// The person a row names, or nil with an `unknown-learner` finding.
  func person(_ mention: Int, at location: Provenance, what: String, into findings: inout [Finding]) -> Int? {
    switch resolved[mention] {
    case .success(let index): return index
    case .failure(let error):
      let reason: UnknownLearnerReason
      let message: String
      switch error.why {
      case .noIdentity:
        reason = .noIdentity
        message = "A \(what) names no learner that can be told apart (no NPI, email, id or full name)."
      case .ambiguous(let candidates):
        reason = .ambiguous
        message =
          "A \(what) names '\(distinct[mention].name ?? "")', who could be \(AttendanceAuditor.some(candidates))."
      }
      findings.append(
        Finding(
          code: .unknownLearner, severity: .warning, reason: .unknownLearner(reason), message: message,
          action:
            "Add the learner's NPI or email to this row so it can be matched; it counts for no one until then.",
          records: [], locations: [location]))
      return nil
    }
  }

  func empty() -> Placement {
    Placement(
      bySession: Array(repeating: [:], count: sessions.count),
      registered: Array(repeating: [], count: sessions.count))
  }

  /// Sign-ins (and registrations) under their sessions; a sign-in for no session is reported.
  func place(entries: [AttendanceEntry], mentions: [Int]) -> Placement {
    var finder = SessionFinder(sessions: sessions)
    var placement = empty()
    for (row, entry) in entries.enumerated() where period?.contains(entry.date) ?? true {
      guard let person = person(mentions[row], at: entry.source, what: "sign-in", into: &placement.findings)
      else { continue }
      guard let session = finder.find(date: entry.date, title: entry.title, sessionID: entry.sessionID) else {
        if !entry.isRegistration {
          placement.findings.append(
            Finding(
              code: .unscheduledSession, severity: .info,
              message:
                "\(people[person].name) signed in on \(entry.date) for '\(entry.title ?? entry.sessionID ?? "?")', which is not on the schedule.",
              action: "Add the session to the schedule, or correct the sign-in's date or title.",
              records: [], locations: [entry.source], learner: people[person].id))
        }
        continue
      }
      if entry.isRegistration {
        placement.registered[session].insert(person)
      } else {
        placement.bySession[session][person, default: []].append(row)
      }
    }
    return placement
  }

  /// Credit records or log lines under their sessions.
  func place(records: [ActivityRecord], mentions: [Int], what: String) -> Placement {
    var finder = SessionFinder(sessions: sessions)
    var placement = empty()
    for row in records.indices {  // fields read in place: a record is not copied to read them
      guard let date = records[row].date, period?.contains(date) ?? true,
        let person = person(mentions[row], at: records[row].source, what: what, into: &placement.findings),
        let session = finder.find(
          date: date, title: Self.namedTitle(records[row].title, activityID: records[row].activityID),
          sessionID: records[row].activityID)
      else { continue }
      placement.bySession[session][person, default: []].append(row)
    }
    return placement
  }

  /// A record's title, unless it only stands for its activity id (a PARS row, a CE Broker roster: "Activity
  /// 20-889911"), which says nothing about which session of the day it is.
  static func namedTitle(_ title: String, activityID: String?) -> String? {
    guard let activityID, title.hasPrefix("Activity "), title == RowPreparer.untitled(activityID) else {
      return title
    }
    return nil
  }

  /// One session's findings and summary.
  func check(
    session index: Int, signedIn: [Int: [Int]], posted: [Int: [Int]], claims: [Int: [Int]],
    registered: Set<Int>, rank: [Int], today: CalendarDay,
    rows: (entries: [AttendanceEntry], credits: [ActivityRecord], logs: [ActivityRecord])
  ) -> (findings: [Finding], summary: AttendanceReport.SessionSummary) {
    let session = sessions[index]
    var findings: [Finding] = []
    func add(_ finding: Finding) {
      var finding = finding
      finding.session = session.id
      findings.append(finding)
    }
    /// A person's rows by file and line, whatever order the files were given in.
    func inFileOrder(_ rows: [Int], _ source: (Int) -> Provenance) -> [Int] {
      rows.count < 2
        ? rows
        : rows.sorted { (source($0).path, source($0).line ?? 0) < (source($1).path, source($1).line ?? 0) }
    }
    /// The people of a session in the report's order.
    func inOrder(_ byPerson: [Int: [Int]]) -> [(Int, [Int])] {
      byPerson.map { ($0.key, $0.value) }.sorted { rank[$0.0] < rank[$1.0] }
    }
    if signInsGiven, signedIn.isEmpty, session.date <= today {
      add(
        Finding(
          code: .sessionWithoutAttendance, severity: .warning,
          message:
            "\(session.date) '\(session.title)' has no attendance at all\(posted.isEmpty ? "" : ", though \(posted.count == 1 ? "1 learner was" : "\(posted.count) learners were") credited").",
          action:
            "Find the sign-in sheet (or the QR/text check-ins) and enter the attendance; learners cannot be credited without it.",
          records: [], locations: [session.source]))
    }
    for (person, rowsOfPerson) in inOrder(signedIn) where creditsGiven && posted[person] == nil {
      let entries = inFileOrder(rowsOfPerson) { rows.entries[$0].source }
      add(
        Finding(
          code: .attendanceNotCredited, severity: .error,
          message:
            "\(people[person].name) signed in to \(session.date) '\(session.title)' but no credit was posted.",
          action: "Post the credit to the learner's transcript.", records: [],
          locations: entries.map { rows.entries[$0].source }, learner: people[person].id))
    }
    for (person, rowsOfPerson) in inOrder(posted) {
      // Row numbers: each record's fields are read in place, not the records copied.
      let records = inFileOrder(rowsOfPerson) { rows.credits[$0].source }
      if !signedIn.isEmpty, signedIn[person] == nil {
        add(
          Finding(
            code: .creditWithoutAttendance, severity: .warning,
            message:
              "\(people[person].name) was credited for \(session.date) '\(session.title)' with no sign-in.",
            action: "Check the sign-in sheet; remove the credit if the learner did not attend.",
            records: records.map { rows.credits[$0].id }, locations: records.map { rows.credits[$0].source },
            learner: people[person].id))
      }
      if records.count > 1 {
        add(
          Finding(
            code: .duplicate, severity: .error, reason: .duplicate(.sameActivity),
            message:
              "\(people[person].name) was credited \(records.count) times for \(session.date) '\(session.title)'.",
            action: "Remove the extra postings so the learner is credited once.",
            records: records.map { rows.credits[$0].id }, locations: records.map { rows.credits[$0].source },
            learner: people[person].id))
      }
      // The credit lines read alone: asking each record for its total copied the whole record.
      let total = records.map { ActivityRecord.total(of: rows.credits[$0].credits) }.max() ?? 0
      if let designated = session.credits, total > designated {
        add(
          Finding(
            code: .creditExceedsDesignation, severity: .error,
            message:
              "\(people[person].name) was credited \(FindingRules.format(total)) for \(session.date) '\(session.title)', designated for \(FindingRules.format(designated)).",
            action: "Correct the credit to the designated amount.",
            records: records.map { rows.credits[$0].id }, locations: records.map { rows.credits[$0].source },
            learner: people[person].id))
      }
      if timed, let entries = signedIn[person],
        let minutes = AttendanceAuditor.attended(entries, in: rows.entries),
        case let most = CreditParser.quarterHours(minutes: minutes), total > most
      {
        let sources = inFileOrder(entries) { rows.entries[$0].source }.map { rows.entries[$0].source }
        add(
          Finding(
            code: .creditExceedsAttendance, severity: .warning,
            message:
              "\(people[person].name) was credited \(FindingRules.format(total)) for \(session.date) '\(session.title)' "
              + "but was there \(AttendanceAuditor.wholeMinutes(minutes)) by the meeting's report "
              + "(\(FindingRules.format(most)) credit at most).",
            action:
              "Check the attendance: credit is claimed in proportion to the time taken part (an hour a credit, "
              + "in quarter hours); correct the credit, or note why the report is short (a second device, a "
              + "phone dial-in).",
            records: records.map { rows.credits[$0].id },
            locations: records.map { rows.credits[$0].source } + sources, learner: people[person].id))
      }
    }
    for (person, rowsOfPerson) in inOrder(claims) where signedIn[person] == nil && posted[person] == nil {
      let records = inFileOrder(rowsOfPerson) { rows.logs[$0].source }
      add(
        Finding(
          code: .claimedNotRecorded, severity: .warning,
          message:
            "\(people[person].name)'s log claims \(session.date) '\(session.title)', which has neither a sign-in nor credit for them.",
          action:
            "Ask the learner for proof of attendance (a sign-in photo, an email); add the attendance if they were there.",
          records: records.map { rows.logs[$0].id }, locations: records.map { rows.logs[$0].source },
          learner: people[person].id))
    }
    return (
      findings,
      .init(
        id: session.id, title: session.title, date: session.date, credits: session.credits,
        registered: registered.isEmpty ? nil : registered.count, signedIn: signedIn.count,
        credited: posted.count, problems: findings.count)
    )
  }
}

extension AttendanceAuditor {
  /// The minutes a learner's sign-ins to one session say they were there: summed within each table of a
  /// file (a meeting left and joined again is two rows), the largest of those sums (a Teams report lists the
  /// same time twice, once a participant and once each join); nil when any sign-in does not say.
  /// (`rows` index `entries`, read in place: a paper sign-in, the usual kind, says nothing and costs a look.)
  static func attended(_ rows: [Int], in entries: [AttendanceEntry]) -> Decimal? {
    guard let first = rows.first, let minutes = entries[first].minutes else { return nil }
    if rows.count == 1 { return minutes }
    var sums: [String: Decimal] = [:]
    for row in rows {
      guard let minutes = entries[row].minutes else { return nil }
      sums["\(entries[row].table) \(entries[row].source.path)", default: 0] += minutes
    }
    return sums.values.max()
  }

  /// "10 minutes", "1 minute" (to the nearest minute).
  static func wholeMinutes(_ minutes: Decimal) -> String {
    var value = minutes
    var rounded = Decimal()
    NSDecimalRound(&rounded, &value, 0, .plain)
    let whole = NSDecimalNumber(decimal: rounded).intValue
    return "\(whole) minute\(whole == 1 ? "" : "s")"
  }
}
