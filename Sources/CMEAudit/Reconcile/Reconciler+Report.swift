import CMEAuditAnalysis
import CMEAuditModel
import CMEAuditReport

extension Reconciler {
  /// The report of the period: its records (linked or repeated), findings, credit totals and links.
  /// `verified`: every activity of the run whose credit counts; the period's are those `kept` holds.
  static func report(
    _ kept: Reconciliation, imported: ImportedSources, findings: [Finding], verified: [VerifiedActivity],
    period: Period?
  ) -> Report {
    var activityOf: [String: String] = [:]
    for activity in kept.activities {
      for id in activity.recordIDs { activityOf[id] = activity.recordIDs[0] }
    }
    let duplicateOf = Dictionary(
      kept.duplicates.map { ($0.duplicateID, $0.originalID) }, uniquingKeysWith: { a, _ in a })
    let reportRecords = imported.records.filter { activityOf[$0.id] != nil || duplicateOf[$0.id] != nil }
    let linkedIDs = Set(activityOf.keys)
    let links = kept.links.filter { linkedIDs.contains($0.records[0]) }
    let summaries = imported.results.map { result in
      var summary = result.summary
      summary.outsidePeriod =
        result.records.filter { activityOf[$0.id] == nil && duplicateOf[$0.id] == nil }.count
      return summary
    }
    let keptIDs = Set(kept.activities.compactMap { $0.recordIDs.lazy.compactMap(kept.record).first?.id })
    let verifiedInPeriod = verified.filter { keptIDs.contains($0.id) }
    let totals = Totals.compute(
      verified: verifiedInPeriod, logRecords: reportRecords.filter { $0.kind == .log })
    var report = Report(
      period: period, sources: summaries,
      records: reportRecords.map {
        ReportRecord($0, activity: activityOf[$0.id], duplicateOf: duplicateOf[$0.id])
      }, findings: findings, totals: totals, links: links)
    let verifiedIDs = Set(verifiedInPeriod.flatMap(\.records))
    report.evidence = imported.records.filter { $0.kind == .certificate && verifiedIDs.contains($0.id) }
    report.verifiedActivities = verifiedInPeriod
    let transcriptPaths = Set(
      imported.records.filter { $0.kind == .transcript && verifiedIDs.contains($0.id) }.map(\.source.path))
    // A transcript that names other learners too (an institution's export of every resident) is left out: it
    // would hand their records to whoever receives the pack. Its rows behind verified credit are in the pack's
    // sheet of activities.
    let shared = Set(
      imported.results.filter { result in
        result.summary.otherLearners > 0 || Set(result.records.compactMap(\.learner)).count > 1
      }.map(\.summary.path))
    for source in imported.sources
    where transcriptPaths.contains(source.displayPath) && !shared.contains(source.displayPath) {
      report.evidenceFiles[source.displayPath] = source.url
    }
    return report
  }
}
