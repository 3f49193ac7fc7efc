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
    let (byKind, distinct, rowMentions) = Self.mentions(entries: entries, credits: credits, logs: logs)
    let directory = LearnerDirectory(distinctMentions: distinct)
    let learner = try focus(directory)
    let people = directory.people
    let personIndex = Dictionary(people.indices.map { (people[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
    let resolved = Parallel.mapChunked(distinct) { directory.resolve($0).map { personIndex[$0.id] ?? 0 } }
    let context = AttendanceContext(
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
    let rank = Self.ranks(people)
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

    let learners = Self.learnerSummaries(
      people, rank: rank, attended: attended, credited: credited, claimed: claimed, findings: findings)
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

  /// Who each row is: the distinct mentions of each kind of row (sign-ins, credit records, log lines), found
  /// on all cores, then made one list (in the order first seen); and each row's place in that list.
  private static func mentions(
    entries: [AttendanceEntry], credits: [ActivityRecord], logs: [ActivityRecord]
  ) -> (byKind: [Mentions], distinct: [Learner], rowMentions: [[Int]]) {
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
    return (byKind, distinct, rowMentions)
  }

  /// Each person's place in the report's order (by id).
  private static func ranks(_ people: [LearnerDirectory.Person]) -> [Int] {
    var rank = [Int](repeating: 0, count: people.count)
    for (position, index) in people.indices.sorted(by: { people[$0].id < people[$1].id }).enumerated() {
      rank[index] = position
    }
    return rank
  }

  /// Each learner with a row in a session: sessions attended and credited and findings about them, counted
  /// in one pass each; in the report's order.
  private static func learnerSummaries(
    _ people: [LearnerDirectory.Person], rank: [Int], attended: [[Int: [Int]]], credited: [[Int: [Int]]],
    claimed: [[Int: [Int]]], findings: [Finding]
  ) -> [AttendanceReport.LearnerSummary] {
    var attendedCount = [Int](repeating: 0, count: people.count)
    var creditedCount = [Int](repeating: 0, count: people.count)
    var claimedCount = [Int](repeating: 0, count: people.count)
    var problemCount: [String: Int] = [:]
    for byPerson in attended { for person in byPerson.keys { attendedCount[person] += 1 } }
    for byPerson in credited { for person in byPerson.keys { creditedCount[person] += 1 } }
    for byPerson in claimed { for person in byPerson.keys { claimedCount[person] += 1 } }
    for finding in findings { if let id = finding.learner { problemCount[id, default: 0] += 1 } }
    return people.indices
      .filter { attendedCount[$0] + creditedCount[$0] + claimedCount[$0] > 0 }
      .sorted { rank[$0] < rank[$1] }
      .map { index in
        AttendanceReport.LearnerSummary(
          id: people[index].id, name: people[index].name, attended: attendedCount[index],
          credited: creditedCount[index], problems: problemCount[people[index].id] ?? 0)
      }
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
  static func forEachRow(
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

extension AttendanceAuditor {
  /// A warning for each NPI that fails its check digit, with the rows in the period that carry it (read only
  /// when some distinct mention has one: a look at each mention, not at each row).
  func invalidNPIs(
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

extension AttendanceAuditor {
  /// "A or B or C", or the first three "and 197 others" when a common name fits hundreds of people.
  static func some(_ names: [String], shown: Int = 3) -> String {
    guard names.count > shown + 1 else { return names.joined(separator: " or ") }
    return names.prefix(shown).joined(separator: " or ") + " or \(names.count - shown) others"
  }
}
