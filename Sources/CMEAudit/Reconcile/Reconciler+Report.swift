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
    let readings = Dictionary(
      imported.results.flatMap(\.certificateReadings).map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
    var report = Report(
      period: period, sources: summaries,
      records: reportRecords.map { record in
        var reported = ReportRecord(
          record, activity: activityOf[record.id], duplicateOf: duplicateOf[record.id])
        if record.kind == .certificate, let reading = readings[record.source.path] {
          reported.readFrom = ReportRecord.ReadFrom(reading)
        }
        return reported
      }, findings: findings, totals: totals, links: links)
    let verifiedIDs = Set(verifiedInPeriod.flatMap(\.records))
    // What the evidence pack holds, in one pass: the certificates behind verified credit, and the transcript
    // files behind it.
    var transcriptPaths: Set<String> = []
    for record in imported.records where verifiedIDs.contains(record.id) {
      switch record.kind {
      case .certificate: report.evidence.append(record)
      case .transcript: transcriptPaths.insert(record.source.path)
      case .log: break
      }
    }
    report.verifiedActivities = verifiedInPeriod
    // A transcript that names other learners too (an institution's export of every resident) is left out: it
    // would hand their records to whoever receives the pack. Its rows behind verified credit are in the pack's
    // sheet of activities.
    for (source, result) in zip(imported.sources, imported.results)
    where transcriptPaths.contains(source.displayPath) && !Self.namesSeveralLearners(result) {
      report.evidenceFiles[source.displayPath] = source.url
    }
    return report
  }

  /// The file names learners other than one: some left out by `--learner`, or two different ones among its
  /// records (a look at each record until a second learner turns up, no table of them).
  private static func namesSeveralLearners(_ result: ImportResult) -> Bool {
    guard result.summary.otherLearners == 0 else { return true }
    guard let first = result.records.first(where: { $0.learner != nil })?.learner else { return false }
    return result.records.contains { $0.learner != nil && $0.learner != first }
  }
}
