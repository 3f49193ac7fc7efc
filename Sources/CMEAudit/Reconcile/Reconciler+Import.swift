import CMEAuditAnalysis
import CMEAuditImport
import CMEAuditModel
import CMEAuditSupport

/// What the import stage hands on: every record, the rows that could not be read, and what the import
/// itself found about the learners.
struct ImportedSources {
  /// The files read, in the order of `results`.
  var sources: [SourceSpec]
  var results: [ImportResult]
  var records: [ActivityRecord]
  var issues: [ImportIssue]
  /// `several-learners` and `invalid-npi`.
  var learnerFindings: [Finding]

  /// Every certificate file name found in the certificates folders (with or without metadata), lowercased.
  var certificateFileNames: Set<String> {
    Set(
      results.filter { $0.summary.kind == .certificate }.flatMap(\.certificateFiles).map { $0.lowercased() })
  }
}

extension Reconciler {
  /// Reads every source (on all cores), keeps the learner asked for, and names activities known by id.
  func importSources(_ input: ReconcileInput) throws(CMEAuditError) -> ImportedSources {
    // Results, and the first error, in the files' order, as when they were read one after another.
    let progress = self.progress
    // A pipe is read once, here; every later pass reads the bytes held.
    let sources = try (input.logs + input.transcripts + input.certificateFolders).map {
      (source: SourceSpec) throws(CMEAuditError) in try source.heldIfPipe()
    }
    var results = try Parallel.map(sources) {
      (source: SourceSpec) throws(CMEAuditError) -> ImportResult in
      progress?("reading \(source.displayPath)")
      return try ImporterRegistry.importer(for: source).importSource(source)
    }
    try Self.settleDateOrder(&results, sources: sources)
    Self.makeIDsUnique(&results)
    var learnerFindings: [Finding] = []
    if let wanted = input.learner {
      try LearnerFilter.keep(wanted, in: &results)
    } else if let finding = LearnerFilter.severalLearners(in: results) {
      learnerFindings.append(finding)
    }
    var records: [ActivityRecord] = []
    records.reserveCapacity(results.reduce(0) { $0 + $1.records.count })
    for result in results { records += result.records }
    var npis = InvalidNPIs()
    for record in records where record.date.map({ period?.contains($0) ?? true }) ?? true {
      npis.note(record.learner, at: record.source, record: record.id)
    }
    learnerFindings += npis.findings()
    var issues = results.flatMap(\.issues)
    for catalogSource in input.activityCatalogs {
      let catalog = try ActivityCatalog.load(catalogSource.heldIfPipe())
      catalog.name(&records)
      issues += catalog.issues
    }
    return ImportedSources(
      sources: sources, results: results, records: records, issues: issues, learnerFindings: learnerFindings)
  }

  /// A file whose own dates settle no day/month order (a short log of 3/4/2026-style dates) takes the order
  /// the run's other files settled, one order only (a US transcript settles it for the same physician's log),
  /// and its summary says which file settled it; the user's --date-order is never overridden.
  static func settleDateOrder(_ results: inout [ImportResult], sources: [SourceSpec]) throws(CMEAuditError) {
    let settledBy = results.indices.filter { results[$0].summary.dateOrder != nil }
    let orders = Set(settledBy.compactMap { results[$0].summary.dateOrder })
    guard orders.count == 1, let order = orders.first, let first = settledBy.first else { return }
    for index in results.indices
    where sources[index].dateOrder == nil && results[index].summary.dateOrder == nil
      && results[index].issues.contains(where: { $0.reason.contains(DateParser.unsettledOrder) })
    {
      var source = sources[index]
      source.dateOrder = order
      var again = try ImporterRegistry.importer(for: source).importSource(source)
      again.summary.dateOrder = order
      again.summary.dateOrderSettledBy = results[first].summary.path
      results[index] = again
    }
  }

  /// Ids are unique within a file; across files a clash (48 bits of a hash) gets a counter.
  static func makeIDsUnique(_ results: inout [ImportResult]) {
    var seenIDs: [String: Int] = [:]
    for r in results.indices {
      for index in results[r].records.indices {
        let id = results[r].records[index].id
        seenIDs[id, default: 0] += 1
        if let count = seenIDs[id], count > 1 { results[r].records[index].id += "~\(count)" }
      }
    }
  }
}
