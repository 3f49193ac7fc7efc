import Foundation

/// The CME office's check: a schedule, its sign-ins, the credit posted and residents' logs, learner by learner
/// and session by session.
public struct AttendanceAuditor: Sendable {
  public var period: Period?
  public var today: CalendarDay

  public init(period: Period?, today: CalendarDay) {
    self.period = period
    self.today = today
  }

  public func audit(
    sessions allSessions: [Session], entries: [AttendanceEntry], credits: [ActivityRecord],
    logs: [ActivityRecord]
  ) -> AttendanceReport {
    let sessions = allSessions.filter { period?.contains($0.date) ?? true }.sorted {
      ($0.date, $0.id) < ($1.date, $1.id)
    }
    var finder = SessionFinder(sessions: sessions)
    // Each distinct mention of a learner once, and which one each row makes: one hash per row.
    var mentionIndex: [Learner: Int] = [:]
    var distinct: [Learner] = []
    func mention(_ learner: Learner?) -> Int {
      let learner = learner ?? Learner()
      if let index = mentionIndex[learner] { return index }
      distinct.append(learner)
      mentionIndex[learner] = distinct.count - 1
      return distinct.count - 1
    }
    let entryMentions = entries.map { mention($0.learner) }
    let creditMentions = credits.map { mention($0.learner) }
    let logMentions = logs.map { mention($0.learner) }
    let directory = LearnerDirectory(mentions: distinct)
    let people = directory.people
    let personIndex = Dictionary(people.indices.map { (people[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
    let resolved = distinct.map { directory.resolve($0).map { personIndex[$0.id] ?? 0 } }
    var findings: [Finding] = []
    // Per session (by index): person (by index) → the rows for them. Indices, not copies: a million rows.
    var attended = [[Int: [Int]]](repeating: [:], count: sessions.count)
    var registered = [Set<Int>](repeating: [], count: sessions.count)

    func person(_ mention: Int, at location: Provenance, what: String) -> Int? {
      let result = resolved[mention]
      switch result {
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
            "A \(what) names '\(distinct[mention].name ?? "")', who could be \(Self.some(candidates))."
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

    for (row, entry) in entries.enumerated() where period?.contains(entry.date) ?? true {
      guard let person = person(entryMentions[row], at: entry.source, what: "sign-in") else { continue }
      guard let session = finder.find(date: entry.date, title: entry.title, sessionID: entry.sessionID) else {
        if !entry.isRegistration {
          findings.append(
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
        registered[session].insert(person)
      } else {
        attended[session][person, default: []].append(row)
      }
    }
    /// Credit records and log lines (by index), each placed under its session and person.
    func place(_ records: [ActivityRecord], _ mentions: [Int], what: String) -> [[Int: [Int]]] {
      var placed = [[Int: [Int]]](repeating: [:], count: sessions.count)
      for (row, record) in records.enumerated() {
        guard let date = record.date, period?.contains(date) ?? true,
          let person = person(mentions[row], at: record.source, what: what),
          let session = finder.find(date: date, title: record.title, sessionID: record.activityID)
        else { continue }
        placed[session][person, default: []].append(row)
      }
      return placed
    }
    let credited = place(credits, creditMentions, what: "credit record")
    let claimed = place(logs, logMentions, what: "log line")
    /// A session's people in the report's order (by their ids).
    var rank = [Int](repeating: 0, count: people.count)
    for (position, index) in people.indices.sorted(by: { people[$0].id < people[$1].id }).enumerated() {
      rank[index] = position
    }
    func inOrder<Value>(_ byPerson: [Int: Value]) -> [(Int, Value)] {
      byPerson.map { ($0.key, $0.value) }.sorted { rank[$0.0] < rank[$1.0] }
    }

    var sessionSummaries: [AttendanceReport.SessionSummary] = []
    for (index, session) in sessions.enumerated() {
      let signedIn = attended[index]
      let posted = credited[index]
      let claims = claimed[index]
      var problems = 0
      func add(_ finding: Finding) {
        var finding = finding
        finding.session = session.id
        findings.append(finding)
        problems += 1
      }
      if signedIn.isEmpty, session.date <= today {
        add(
          Finding(
            code: .sessionWithoutAttendance, severity: .warning,
            message:
              "\(session.date) '\(session.title)' has no attendance at all\(posted.isEmpty ? "" : ", though \(posted.count == 1 ? "1 learner was" : "\(posted.count) learners were") credited").",
            action:
              "Find the sign-in sheet (or the QR/text check-ins) and enter the attendance; learners cannot be credited without it.",
            records: [], locations: [session.source]))
      }
      for (person, rows) in inOrder(signedIn) where posted[person] == nil {
        let entries = rows.lazy.map { entries[$0] }
        add(
          Finding(
            code: .attendanceNotCredited, severity: .error,
            message:
              "\(people[person].name) signed in to \(session.date) '\(session.title)' but no credit was posted.",
            action: "Post the credit to the learner's transcript.", records: [],
            locations: entries.map(\.source), learner: people[person].id))
      }
      for (person, rows) in inOrder(posted) {
        let records = rows.lazy.map { credits[$0] }  // copied only into a finding
        if !signedIn.isEmpty, signedIn[person] == nil {
          add(
            Finding(
              code: .creditWithoutAttendance, severity: .warning,
              message:
                "\(people[person].name) was credited for \(session.date) '\(session.title)' with no sign-in.",
              action: "Check the sign-in sheet; remove the credit if the learner did not attend.",
              records: records.map(\.id), locations: records.map(\.source), learner: people[person].id))
        }
        if records.count > 1 {
          add(
            Finding(
              code: .duplicate, severity: .error, reason: DuplicateReason.sameActivity.rawValue,
              message:
                "\(people[person].name) was credited \(records.count) times for \(session.date) '\(session.title)'.",
              action: "Remove the extra postings so the learner is credited once.",
              records: records.map(\.id), locations: records.map(\.source), learner: people[person].id))
        }
        let total = records.map(\.totalCredits).max() ?? 0
        if let designated = session.credits, total > designated {
          add(
            Finding(
              code: .creditExceedsDesignation, severity: .error,
              message:
                "\(people[person].name) was credited \(FindingRules.format(total)) for \(session.date) '\(session.title)', designated for \(FindingRules.format(designated)).",
              action: "Correct the credit to the designated amount.",
              records: records.map(\.id), locations: records.map(\.source), learner: people[person].id))
        }
      }
      for (person, rows) in inOrder(claims) where signedIn[person] == nil && posted[person] == nil {
        let records = rows.lazy.map { logs[$0] }
        add(
          Finding(
            code: .claimedNotRecorded, severity: .warning,
            message:
              "\(people[person].name)'s log claims \(session.date) '\(session.title)', which has neither a sign-in nor credit for them.",
            action:
              "Ask the learner for proof of attendance (a sign-in photo, an email); add the attendance if they were there.",
            records: records.map(\.id), locations: records.map(\.source), learner: people[person].id))
      }
      sessionSummaries.append(
        .init(
          id: session.id, title: session.title, date: session.date, credits: session.credits,
          registered: registered[index].isEmpty ? nil : registered[index].count, signedIn: signedIn.count,
          credited: posted.count,
          problems: problems))
    }
    // Per-learner counts in one pass each.
    var attendedCount: [Int: Int] = [:]
    var creditedCount: [Int: Int] = [:]
    var problemCount: [String: Int] = [:]
    var mentioned: Set<Int> = []
    for byPerson in attended { for person in byPerson.keys { attendedCount[person, default: 0] += 1 } }
    for byPerson in credited { for person in byPerson.keys { creditedCount[person, default: 0] += 1 } }
    for byPerson in claimed { mentioned.formUnion(byPerson.keys) }
    for finding in findings { if let id = finding.learner { problemCount[id, default: 0] += 1 } }
    let learners = mentioned.union(attendedCount.keys).union(creditedCount.keys)
      .sorted { people[$0].id < people[$1].id }
      .map { index in
        AttendanceReport.LearnerSummary(
          id: people[index].id, name: people[index].name, attended: attendedCount[index] ?? 0,
          credited: creditedCount[index] ?? 0, problems: problemCount[people[index].id] ?? 0)
      }
    return AttendanceReport(
      period: period, sessions: sessionSummaries, learners: learners,
      findings: findings.sorted(by: FindingRules.order))
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

  public var schemaVersion = 1
  public var period: Period?
  public var sessions: [SessionSummary]
  public var learners: [LearnerSummary]
  public var findings: [Finding]
  /// Stage timings of the run that made the report (not encoded).
  public var timings: [StageTiming] = []

  private enum CodingKeys: String, CodingKey {
    case schemaVersion, period, sessions, learners, findings
  }
}
