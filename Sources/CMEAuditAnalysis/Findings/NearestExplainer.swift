import CMEAuditModel
import Foundation

/// Finds, for a record left unlinked, the closest record on the other side and says why the two were not
/// linked ("closest log entry: 2026-03-15 'IM Grand Rounds', 8 days apart").
struct NearestExplainer {
  let reconciliation: Reconciliation
  private let activityOf: [String: Int]
  /// Log lines and evidence records (duplicates left out), each in order of first day.
  private let logs: [ActivityRecord]
  private let evidence: [ActivityRecord]

  /// How far to look, in days.
  static let horizon = 45
  /// Titles less alike than this are not worth naming as the closest.
  static let minimumTitleSimilarity = 0.45

  init(reconciliation: Reconciliation) {
    self.reconciliation = reconciliation
    var activityOf: [String: Int] = [:]
    for (index, activity) in reconciliation.activities.enumerated() {
      for id in activity.recordIDs { activityOf[id] = index }
    }
    self.activityOf = activityOf
    let duplicates = Set(reconciliation.duplicates.map(\.duplicateID))
    let dated = reconciliation.records.filter { $0.firstDay != nil && !duplicates.contains($0.id) }
      .sorted { ($0.firstDay!, $0.id) < ($1.firstDay!, $1.id) }
    logs = dated.filter { $0.kind == .log }
    evidence = dated.filter(\.kind.isEvidence)
  }

  /// The closest record of the other side (log for evidence, evidence for a log line) with a title at
  /// least somewhat alike, within the horizon; nil when there is none.
  func nearest(to subject: ActivityRecord) -> NearestCandidate? {
    guard let subjectDay = subject.firstDay else { return nil }
    let subjectWords = TitleNormaliser.words(subject.title)
    var best: (record: ActivityRecord, rank: Double, title: Double, days: Int)?
    let pool = subject.kind.isEvidence ? logs : evidence
    // Binary search to the horizon's start, then walk to its end.
    var low = 0
    var high = pool.count
    let from = subjectDay.adding(days: -Self.horizon)
    while low < high {
      let mid = (low + high) / 2
      if pool[mid].firstDay! < from { low = mid + 1 } else { high = mid }
    }
    for other in pool[low...] {
      let day = other.firstDay!
      let days = abs(subjectDay.days(to: day))
      if day > subjectDay, days > Self.horizon { break }
      let title = TitleSimilarity.score(subjectWords, TitleNormaliser.words(other.title))
      guard title >= Self.minimumTitleSimilarity else { continue }
      let rank = title - Double(days) / 30
      if best == nil || rank > best!.rank || (rank == best!.rank && other.id < best!.record.id) {
        best = (other, rank, title, days)
      }
    }
    guard let best else { return nil }
    return NearestCandidate(
      record: best.record.id, location: best.record.source, why: why(subject, best.record))
  }

  private func why(_ subject: ActivityRecord, _ other: ActivityRecord) -> String {
    var reasons: [String] = []
    let distance = MatchEvidence.distance(subject, other) ?? 0
    let title = TitleSimilarity.score(subject.title, other.title)
    if distance > MatchEvidence.dateWindow {
      reasons.append("\(distance) days apart")
    } else if title < MatchEvidence.minimumTitleSimilarity {
      reasons.append("titles too different (\(String(format: "%.2f", title)))")
    } else if ProviderMatcher.compare(subject.provider, other.provider) == .incompatible {
      reasons.append("different providers ('\(subject.provider ?? "")', '\(other.provider ?? "")')")
    }
    if let index = activityOf[other.id] {
      let partners = reconciliation.activities[index].recordIDs.filter { $0 != other.id }
        .compactMap(reconciliation.record).filter { $0.kind == subject.kind }
      if let partner = partners.first { reasons.append("matched to \(partner.source.display) instead") }
    }
    return reasons.isEmpty ? "not alike enough to link" : reasons.joined(separator: ", ")
  }
}
