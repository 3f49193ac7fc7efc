import CMEAuditAnalysis
import CMEAuditImport
import CMEAuditModel
import CMEAuditSupport
import Foundation

/// The CME office's check: a schedule, its sign-ins, the credit posted and residents' logs, learner by learner
/// and session by session.
public struct AttendanceAuditor: Sendable {
  public var period: Period?
  public var today: CalendarDay
  /// The id of the one learner to report on (`LearnerDirectory.Person.id`); nil: every learner.
  public var learner: String?
  /// Whether credit records were given (a transcript export): without them, a sign-in is not said to be
  /// uncredited (sign-ins alone are checked for sessions no one signed in to).
  public var creditsGiven = true
  /// Whether sign-ins were given (a roster): without them, no session is said to have no attendance.
  public var signInsGiven = true

  public init(period: Period?, today: CalendarDay) {
    self.period = period
    self.today = today
  }

  public func audit(
    sessions: [Session], entries: [AttendanceEntry], credits: [ActivityRecord], logs: [ActivityRecord]
  ) -> AttendanceReport {
    check(sessions: sessions, entries: entries, credits: credits, logs: logs) { _ in learner }
  }

  /// The report of the one learner `wanted` names (NPI, email, institution id or name, as `reconcile --learner`
  /// takes it), resolved among the rows' learners as the check tells them apart; a learner no row names, a
  /// name that fits several, or ten digits failing the NPI check digit is a usage error that says which.
  public func audit(
    sessions: [Session], entries: [AttendanceEntry], credits: [ActivityRecord], logs: [ActivityRecord],
    for wanted: String
  ) throws(CMEAuditError) -> AttendanceReport {
    let mention = try LearnerFilter.checkedMention(wanted)
    return try check(sessions: sessions, entries: entries, credits: credits, logs: logs) {
      directory throws(CMEAuditError) -> String? in
      switch directory.resolve(mention) {
      case .success(let person): return person.id
      case .failure(let error):
        if case .ambiguous(let names) = error.why {
          throw .usage(
            "--learner '\(wanted)' fits \(names.count) learners (\(Self.some(names))); give the NPI or email "
              + "instead.")
        }
        throw .usage(
          "--learner '\(wanted)': no sign-in, credit record or log names this learner (give the NPI, email or "
            + "name as the files write it).")
      }
    }
  }

  /// The check, reporting on the learner `focus` picks out of the directory (nil: every learner).
  private func check<Failure: Error>(
    sessions allSessions: [Session], entries: [AttendanceEntry], credits: [ActivityRecord],
    logs: [ActivityRecord], focus: (LearnerDirectory) throws(Failure) -> String?
  ) throws(Failure) -> AttendanceReport {
    let sessions = allSessions.filter { period?.contains($0.date) ?? true }.sorted {
      ($0.date, $0.id) < ($1.date, $1.id)
    }
    // Who each row is: the distinct mentions of each kind of row found on all cores, then made one list
    // (in the order first seen), read into the directory, and resolved once each.
    let byKind = Parallel.map([RowKind.signIn, .credit, .logLine]) { kind in
      switch kind {
      // By index: a record's learner read in place, not the record copied to read it.
      case .signIn: Mentions(of: entries.indices.lazy.map { entries[$0].learner })
      case .credit: Mentions(of: credits.indices.lazy.map { credits[$0].learner })
      case .logLine: Mentions(of: logs.indices.lazy.map { logs[$0].learner })
      }
    }
    var mentionIndex: [Learner: Int] = [:]
    var distinct: [Learner] = []
    mentionIndex.reserveCapacity(byKind.reduce(0) { $0 + $1.distinct.count })
    let rowMentions = byKind.map { kind in
      let global = kind.distinct.map { learner in
        if let index = mentionIndex[learner] { return index }
        distinct.append(learner)
        mentionIndex[learner] = distinct.count - 1
        return distinct.count - 1
      }
      return kind.rows.map { global[$0] }
    }
    let directory = LearnerDirectory(distinctMentions: distinct)
    let learner = try focus(directory)
    let people = directory.people
    let personIndex = Dictionary(people.indices.map { (people[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
    let resolved = Parallel.mapChunked(distinct) { directory.resolve($0).map { personIndex[$0.id] ?? 0 } }
    let context = Context(
      period: period, sessions: sessions, people: people, distinct: distinct, resolved: resolved,
      timed: entries.contains { $0.minutes != nil }, creditsGiven: creditsGiven, signInsGiven: signInsGiven)

    // Each row under its session and person: sign-ins, credit and log lines at once.
    let placed = Parallel.map([RowKind.signIn, .credit, .logLine]) { kind in
      switch kind {
      case .signIn: context.place(entries: entries, mentions: rowMentions[0])
      case .credit: context.place(records: credits, mentions: rowMentions[1], what: "credit record")
      case .logLine: context.place(records: logs, mentions: rowMentions[2], what: "log line")
      }
    }
    let (attended, credited, claimed) = (placed[0].bySession, placed[1].bySession, placed[2].bySession)
    let registered = placed[0].registered

    // Each session's findings, on all cores.
    let rank = {  // each person's place in the report's order (by id)
      var rank = [Int](repeating: 0, count: people.count)
      for (position, index) in people.indices.sorted(by: { people[$0].id < people[$1].id }).enumerated() {
        rank[index] = position
      }
      return rank
    }()
    let perSession = Parallel.map(Array(sessions.indices)) { index in
      context.check(
        session: index, signedIn: attended[index], posted: credited[index], claims: claimed[index],
        registered: registered[index], rank: rank, today: today,
        rows: (entries: entries, credits: credits, logs: logs))
    }
    let findings =
      placed.flatMap(\.findings) + perSession.flatMap(\.findings)
      + invalidNPIs(
        distinct: distinct, resolved: resolved, people: people, rowMentions: rowMentions,
        rows: (entries, credits, logs))

    // Per-learner counts in one pass each.
    var attendedCount = [Int](repeating: 0, count: people.count)
    var creditedCount = [Int](repeating: 0, count: people.count)
    var claimedCount = [Int](repeating: 0, count: people.count)
    var problemCount: [String: Int] = [:]
    for byPerson in attended { for person in byPerson.keys { attendedCount[person] += 1 } }
    for byPerson in credited { for person in byPerson.keys { creditedCount[person] += 1 } }
    for byPerson in claimed { for person in byPerson.keys { claimedCount[person] += 1 } }
    for finding in findings { if let id = finding.learner { problemCount[id, default: 0] += 1 } }
    let learners = people.indices
      .filter { attendedCount[$0] + creditedCount[$0] + claimedCount[$0] > 0 }
      .sorted { rank[$0] < rank[$1] }
      .map { index in
        AttendanceReport.LearnerSummary(
          id: people[index].id, name: people[index].name, attended: attendedCount[index],
          credited: creditedCount[index], problems: problemCount[people[index].id] ?? 0)
      }
    ExitReclaim.keep((byKind, rowMentions, context, placed))
    var report = AttendanceReport(
      period: period, sessions: perSession.map(\.summary), learners: learners,
      findings: findings.sorted(by: FindingRules.order))
    if let learner, let person = people.firstIndex(where: { $0.id == learner }) {
      report.focus(
        on: people[person], attended: attended.map { $0[person] != nil },
        credited: credited.map { $0[person] != nil }, registered: registered.map { $0.contains(person) },
        mayBe: Self.rows(
          couldBe: people[person].name, distinct: distinct, resolved: resolved, rowMentions: rowMentions,
          rows: (entries, credits, logs)))
    }
    return report
  }

  /// Where the rows are whose name could be the person named `name` or another (their unknown-learner
  /// warnings stay in that person's report: one may be the sign-in they are asking about).
  private static func rows(
    couldBe name: String, distinct: [Learner], resolved: [Result<Int, LearnerDirectory.UnresolvedError>],
    rowMentions: [[Int]],
    rows: (entries: [AttendanceEntry], credits: [ActivityRecord], logs: [ActivityRecord])
  ) -> Set<Provenance> {
    let mayBe = distinct.indices.map { mention in
      guard case .failure(let error) = resolved[mention], case .ambiguous(let names) = error.why else {
        return false
      }
      return names.contains(name)
    }
    guard mayBe.contains(true) else { return [] }
    var places: Set<Provenance> = []
    forEachRow(of: mayBe, rowMentions: rowMentions, rows: rows) { _, source, _ in places.insert(source) }
    return places
  }

  /// Each row (sign-in, credit record, log line) whose distinct mention `chosen` marks: its learner, where it
  /// is, and its date.
  fileprivate static func forEachRow(
    of chosen: [Bool], rowMentions: [[Int]],
    rows: (entries: [AttendanceEntry], credits: [ActivityRecord], logs: [ActivityRecord]),
    _ body: (Learner?, Provenance, CalendarDay?) -> Void
  ) {
    for (row, mention) in rowMentions[0].enumerated() where chosen[mention] {
      body(rows.entries[row].learner, rows.entries[row].source, rows.entries[row].date)
    }
    for (kind, records) in [rows.credits, rows.logs].enumerated() {
      for (row, mention) in rowMentions[kind + 1].enumerated() where chosen[mention] {
        body(records[row].learner, records[row].source, records[row].date)
      }
    }
  }
}

extension AttendanceReport {
  /// The report of one learner: each session as it stands for them (signed in and credited: 1 or 0), their
  /// findings, the sessions' own (a session no one signed in to may be a lost sheet with their name on it)
  /// and the rows at `mayBe` that could be them or another learner; the others' findings are left out, the
  /// rows of every learner still counted in `sources`.
  mutating func focus(
    on person: LearnerDirectory.Person, attended: [Bool], credited: [Bool], registered: [Bool],
    mayBe: Set<Provenance>
  ) {
    learner = person.id
    findings.removeAll { finding in
      if let learner = finding.learner { return learner != person.id }
      switch finding.code {
      case .sessionWithoutAttendance: return false
      case .unknownLearner: return !(finding.locations.first.map(mayBe.contains) ?? false)
      default: return true
      }
    }
    learners.removeAll { $0.id != person.id }
    let problems = Dictionary(grouping: findings.compactMap(\.session), by: { $0 }).mapValues(\.count)
    for index in sessions.indices {
      sessions[index].signedIn = attended[index] ? 1 : 0
      sessions[index].credited = credited[index] ? 1 : 0
      if sessions[index].registered != nil { sessions[index].registered = registered[index] ? 1 : 0 }
      sessions[index].problems = problems[sessions[index].id] ?? 0
    }
  }
}

extension AttendanceAuditor {
  /// A warning for each NPI that fails its check digit, with the rows in the period that carry it (read only
  /// when some distinct mention has one: a look at each mention, not at each row).
  fileprivate func invalidNPIs(
    distinct: [Learner], resolved: [Result<Int, LearnerDirectory.UnresolvedError>],
    people: [LearnerDirectory.Person], rowMentions: [[Int]],
    rows: (entries: [AttendanceEntry], credits: [ActivityRecord], logs: [ActivityRecord])
  ) -> [Finding] {
    let failing = distinct.map { $0.npi.flatMap(NPI.failed) }
    guard failing.contains(where: { $0 != nil }) else { return [] }
    var person: [String: String] = [:]
    for (index, npi) in failing.enumerated() {
      guard let npi, person[npi] == nil, case .success(let found) = resolved[index] else { continue }
      person[npi] = people[found].id
    }
    var found = InvalidNPIs()
    Self.forEachRow(of: failing.map { $0 != nil }, rowMentions: rowMentions, rows: rows) {
      learner, source, day in
      if day.map({ period?.contains($0) ?? true }) ?? true { found.note(learner, at: source) }
    }
    return found.findings { person[$0] }
  }
}

/// The kinds of rows the check places under sessions.
private enum RowKind: Sendable { case signIn, credit, logLine }

/// The distinct learners one kind of row mentions, in the order first seen, and which one each row is.
private struct Mentions: Sendable {
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
private struct Context: Sendable {
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
      let reason: String
      let message: String
      switch error.why {
      case .noIdentity:
        reason = "no-identity"
        message = "A \(what) names no learner that can be told apart (no NPI, email, id or full name)."
      case .ambiguous(let candidates):
        reason = "ambiguous"
        message =
          "A \(what) names '\(distinct[mention].name ?? "")', who could be \(AttendanceAuditor.some(candidates))."
      }
      findings.append(
        Finding(
          code: .unknownLearner, severity: .warning, reason: reason, message: message,
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
    for row in records.indices {  // fields read in place: copying each record was a third of placing them
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
            code: .duplicate, severity: .error, reason: DuplicateReason.sameActivity.rawValue,
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
  /// "A or B or C", or the first three "and 197 others" when a common name fits hundreds of people.
  static func some(_ names: [String], shown: Int = 3) -> String {
    guard names.count > shown + 1 else { return names.joined(separator: " or ") }
    return names.prefix(shown).joined(separator: " or ") + " or \(names.count - shown) others"
  }
}

/// Finds the session a sign-in, credit or claim is for: by session id, else by date (the schedule's day or
/// one day off, for a session moved) and title. Answers are remembered: rows repeat a few hundred
/// (date, title) pairs a million times.
struct SessionFinder {
  private let sessions: [Session]
  private var byDay: [Int: [Int]] = [:]
  private var byID: [String: Int] = [:]
  private var sessionWords: [[String]] = []
  private var answers: [Question: Int?] = [:]

  private struct Question: Hashable {
    var day: Int
    var title: String?
    var sessionID: String?
  }

  init(sessions: [Session]) {
    self.sessions = sessions
    for (index, session) in sessions.enumerated() {
      byDay[session.date.dayNumber, default: []].append(index)
      if let id = session.sessionID { byID[id.lowercased()] = index }
      sessionWords.append(TitleNormaliser.words(session.title))
    }
  }

  /// The index of the session in `sessions`, or nil.
  mutating func find(date: CalendarDay, title: String?, sessionID: String?) -> Int? {
    let question = Question(day: date.dayNumber, title: title, sessionID: sessionID)
    if let answer = answers[question] { return answer }
    let answer = look(question)
    answers[question] = answer
    return answer
  }

  private func look(_ question: Question) -> Int? {
    if let id = question.sessionID?.lowercased(), let index = byID[id] { return index }
    for offset in [0, -1, 1] {
      let candidates = byDay[question.day + offset] ?? []
      guard !candidates.isEmpty else { continue }
      guard let title = question.title else {
        if candidates.count == 1, offset == 0 { return candidates[0] }
        continue
      }
      let words = TitleNormaliser.words(title)
      let scored = candidates.map { ($0, TitleSimilarity.score(words, sessionWords[$0])) }
        .filter { $0.1 >= MatchEvidence.minimumTitleSimilarity }
      if let best = scored.max(by: { ($0.1, sessions[$1.0].id) < ($1.1, sessions[$0.0].id) }) {
        return best.0
      }
    }
    return nil
  }
}

/// The attendance check's report: sessions and learners summarised, and the findings to work through.
public struct AttendanceReport: Sendable, Encodable {
  public struct SessionSummary: Sendable, Encodable {
    public var id: String
    public var title: String
    public var date: CalendarDay
    public var credits: Decimal?
    /// Learners registered, when a registration list was given.
    public var registered: Int?
    public var signedIn: Int
    public var credited: Int
    public var problems: Int
  }

  public struct LearnerSummary: Sendable, Encodable {
    public var id: String
    public var name: String
    public var attended: Int
    public var credited: Int
    public var problems: Int
  }

  /// What was read of one kind of input (`roster`, `transcript`, `log`), over all its files: every row is a
  /// record (a sign-in, for a roster), a row that could not be read (an `unreadable-row` finding), a total
  /// row, a row for an activity not completed, or (a roster's) a row heading a section or table below.
  public struct SourceTally: Sendable, Encodable, Equatable {
    public var kind: String
    public var files = 0
    public var records = 0
    public var rejected = 0
    public var totalRows = 0
    public var skipped = 0
    public var headerRows = 0

    public init(kind: String) { self.kind = kind }
  }

  public var schemaVersion = 1
  public var period: Period?
  /// The one learner reported on (`--learner`: their id); nil when every learner is.
  public var learner: String?
  public var sources: [SourceTally] = []
  public var sessions: [SessionSummary]
  public var learners: [LearnerSummary]
  public var findings: [Finding]
  /// Stage timings of the run that made the report (not encoded).
  public var timings: [StageTiming] = []

  private enum CodingKeys: String, CodingKey {
    case schemaVersion, period, learner, sources, sessions, learners, findings
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
