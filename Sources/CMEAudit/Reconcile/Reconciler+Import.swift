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
    let sources = input.logs + input.transcripts + input.certificateFolders
    var results = try Parallel.map(sources) {
      (source: SourceSpec) throws(CMEAuditError) -> ImportResult in
      progress?("reading \(source.displayPath)")
      return try ImporterRegistry.importer(for: source).importSource(source)
    }
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
      let catalog = try ActivityCatalog.load(catalogSource)
      catalog.name(&records)
      issues += catalog.issues
    }
    return ImportedSources(
      sources: sources, results: results, records: records, issues: issues, learnerFindings: learnerFindings)
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
