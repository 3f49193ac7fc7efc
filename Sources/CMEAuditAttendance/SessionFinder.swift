import CMEAuditAnalysis
import CMEAuditImport
import CMEAuditModel
import CMEAuditSupport
import Foundation

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
