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
    let finder = SessionFinder(sessions: sessions)
    let directory = LearnerDirectory(
      mentions: entries.map(\.learner) + credits.compactMap(\.learner) + logs.compactMap(\.learner))
    var findings: [Finding] = []
    var attended: [String: [String: [AttendanceEntry]]] = [:]  // session → person → sign-ins
    var registered: [String: Set<String>] = [:]
    var names: [String: String] = [:]

    func person(_ learner: Learner?, at location: Provenance, what: String) -> LearnerDirectory.Person? {
      switch directory.resolve(learner ?? Learner()) {
      case .success(let person):
        names[person.id] = person.name
        return person
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
            "A \(what) names '\(learner?.name ?? "")', who could be \(Self.some(candidates))."
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

    for entry in entries where period?.contains(entry.date) ?? true {
      guard let person = person(entry.learner, at: entry.source, what: "sign-in") else { continue }
      guard let session = finder.find(date: entry.date, title: entry.title, sessionID: entry.sessionID) else {
        if !entry.isRegistration {
          findings.append(
            Finding(
              code: .unscheduledSession, severity: .info,
              message:
                "\(person.name) signed in on \(entry.date) for '\(entry.title ?? entry.sessionID ?? "?")', which is not on the schedule.",
              action: "Add the session to the schedule, or correct the sign-in's date or title.",
              records: [], locations: [entry.source], learner: person.id))
        }
        continue
      }
      if entry.isRegistration {
        registered[session.id, default: []].insert(person.id)
      } else {
        attended[session.id, default: [:]][person.id, default: []].append(entry)
      }
    }
    /// Credit records and log lines, each placed under its session and person.
    func place(_ records: [ActivityRecord], what: String) -> [String: [String: [ActivityRecord]]] {
      var placed: [String: [String: [ActivityRecord]]] = [:]
      for record in records {
        guard let date = record.date, period?.contains(date) ?? true,
          let person = person(record.learner, at: record.source, what: what),
          let session = finder.find(date: date, title: record.title, sessionID: record.activityID)
        else { continue }
        placed[session.id, default: [:]][person.id, default: []].append(record)
      }
      return placed
    }
    let credited = place(credits, what: "credit record")
    let claimed = place(logs, what: "log line")

    var sessionSummaries: [AttendanceReport.SessionSummary] = []
    for session in sessions {
      let signedIn = attended[session.id] ?? [:]
      let posted = credited[session.id] ?? [:]
      let claims = claimed[session.id] ?? [:]
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
      for (personID, entries) in signedIn.sorted(by: { $0.key < $1.key }) where posted[personID] == nil {
        add(
          Finding(
            code: .attendanceNotCredited, severity: .error,
            message:
              "\(names[personID] ?? personID) signed in to \(session.date) '\(session.title)' but no credit was posted.",
            action: "Post the credit to the learner's transcript.", records: [],
            locations: entries.map(\.source), learner: personID))
      }
      for (personID, records) in posted.sorted(by: { $0.key < $1.key }) {
        if !signedIn.isEmpty, signedIn[personID] == nil {
          add(
            Finding(
              code: .creditWithoutAttendance, severity: .warning,
              message:
                "\(names[personID] ?? personID) was credited for \(session.date) '\(session.title)' with no sign-in.",
              action: "Check the sign-in sheet; remove the credit if the learner did not attend.",
              records: records.map(\.id), locations: records.map(\.source), learner: personID))
        }
        if records.count > 1 {
          add(
            Finding(
              code: .duplicate, severity: .error, reason: DuplicateReason.sameActivity.rawValue,
              message:
                "\(names[personID] ?? personID) was credited \(records.count) times for \(session.date) '\(session.title)'.",
              action: "Remove the extra postings so the learner is credited once.",
              records: records.map(\.id), locations: records.map(\.source), learner: personID))
        }
        let total = records.map(\.totalCredits).max() ?? 0
        if let designated = session.credits, total > designated {
          add(
            Finding(
              code: .creditExceedsDesignation, severity: .error,
              message:
                "\(names[personID] ?? personID) was credited \(FindingRules.format(total)) for \(session.date) '\(session.title)', designated for \(FindingRules.format(designated)).",
              action: "Correct the credit to the designated amount.",
              records: records.map(\.id), locations: records.map(\.source), learner: personID))
        }
      }
      for (personID, records) in claims.sorted(by: { $0.key < $1.key })
      where signedIn[personID] == nil && posted[personID] == nil {
        add(
          Finding(
            code: .claimedNotRecorded, severity: .warning,
            message:
              "\(names[personID] ?? personID)'s log claims \(session.date) '\(session.title)', which has neither a sign-in nor credit for them.",
            action:
              "Ask the learner for proof of attendance (a sign-in photo, an email); add the attendance if they were there.",
            records: records.map(\.id), locations: records.map(\.source), learner: personID))
      }
      sessionSummaries.append(
        .init(
          id: session.id, title: session.title, date: session.date, credits: session.credits,
          registered: registered[session.id]?.count, signedIn: signedIn.count, credited: posted.count,
          problems: problems))
    }
    // Per-learner counts in one pass each.
    var attendedCount: [String: Int] = [:]
    var creditedCount: [String: Int] = [:]
    var problemCount: [String: Int] = [:]
    for people in attended.values { for id in people.keys { attendedCount[id, default: 0] += 1 } }
    for people in credited.values { for id in people.keys { creditedCount[id, default: 0] += 1 } }
    for finding in findings { if let id = finding.learner { problemCount[id, default: 0] += 1 } }
    let learnerIDs = Set(attendedCount.keys).union(creditedCount.keys).union(claimed.values.flatMap(\.keys))
    let learners = learnerIDs.sorted().map { id in
      AttendanceReport.LearnerSummary(
        id: id, name: names[id] ?? id, attended: attendedCount[id] ?? 0, credited: creditedCount[id] ?? 0,
        problems: problemCount[id] ?? 0)
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
/// one day off, for a session moved) and title.
struct SessionFinder {
  private var byDay: [Int: [Session]] = [:]
  private var byID: [String: Session] = [:]
  private var sessionWords: [String: [String]] = [:]
  /// Titles seen and their words: rosters repeat one title thousands of times.
  private let titleWords = TitleCache()

  init(sessions: [Session]) {
    for session in sessions {
      byDay[session.date.dayNumber, default: []].append(session)
      if let id = session.sessionID { byID[id.lowercased()] = session }
      sessionWords[session.id] = TitleNormaliser.words(session.title)
    }
  }

  func find(date: CalendarDay, title: String?, sessionID: String?) -> Session? {
    if let id = sessionID?.lowercased(), let session = byID[id] { return session }
    for offset in [0, -1, 1] {
      let candidates = byDay[date.dayNumber + offset] ?? []
      guard !candidates.isEmpty else { continue }
      guard let title else {
        if candidates.count == 1, offset == 0 { return candidates[0] }
        continue
      }
      let words = titleWords.words(title)
      let scored = candidates.map { ($0, TitleSimilarity.score(words, sessionWords[$0.id] ?? [])) }
        .filter { $0.1 >= MatchEvidence.minimumTitleSimilarity }
      if let best = scored.max(by: { ($0.1, $1.0.id) < ($1.1, $0.0.id) }) { return best.0 }
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
}

/// Normalised words per title, computed once (one thread uses it).
final class TitleCache: @unchecked Sendable {
  private var cache: [String: [String]] = [:]

  func words(_ title: String) -> [String] {
    if let words = cache[title] { return words }
    let words = TitleNormaliser.words(title)
    cache[title] = words
    return words
  }
}
