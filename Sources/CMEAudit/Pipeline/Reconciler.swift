import Foundation

/// The sources of one reconcile run.
public struct ReconcileInput: Sendable {
  public var transcripts: [SourceSpec]
  public var logs: [SourceSpec]
  public var certificateFolders: [SourceSpec]
  /// Files naming activities that transcripts identify only by id (ACCME Activity ID, title, provider).
  public var activityCatalogs: [SourceSpec] = []
  /// What the user settled at an earlier review (`--decisions`).
  public var decisions: Decisions?
  /// The learner whose records to check (`--learner`: NPI, email, institution id or name), when the files
  /// name several; records naming no learner are kept.
  public var learner: String?

  public init(transcripts: [SourceSpec] = [], logs: [SourceSpec] = [], certificateFolders: [SourceSpec] = [])
  {
    self.transcripts = transcripts
    self.logs = logs
    self.certificateFolders = certificateFolders
  }

  public var isEmpty: Bool { transcripts.isEmpty && logs.isEmpty && certificateFolders.isEmpty }
}

/// Runs the whole path: import → match → findings → report. Never prints or exits; a source that cannot
/// be read at all throws an error naming it.
public struct Reconciler: Sendable {
  public var period: Period?
  public var today: CalendarDay
  /// Told what the run is doing, stage by stage (the command shows it on a terminal).
  public var progress: (@Sendable (String) -> Void)?

  public init(period: Period?, today: CalendarDay) {
    self.period = period
    self.today = today
  }

  /// Picks the importer for a file from its extension (and, for files without one, its first bytes).
  public static func importer(for source: SourceSpec) -> any SourceImporter {
    switch source.kind {
    case .certificate: return CertificateFolderImporter()
    case .transcript, .log:
      let ext = source.fileExtension
      if source.profile?.record != nil { return XMLRecordImporter() }
      if ext == "xml" {
        return CEBrokerRosterImporter.recognises(source) ? CEBrokerRosterImporter() : MedBiqXMLImporter()
      }
      if ext == "xlsx" || ext == "xlsm" { return XLSXActivityImporter() }
      if ext == "md" || ext == "markdown" { return NotesLogImporter() }
      if ext == "txt" { return looksDelimited(source) ? CSVActivityImporter() : NotesLogImporter() }
      if ext.isEmpty || !["csv", "tsv", "txt"].contains(ext),
        let handle = try? FileHandle(forReadingFrom: source.url),
        let head = try? handle.read(upToCount: 64)
      {
        try? handle.close()
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return XLSXActivityImporter() }  // a zip: .xlsx
        let text = String(decoding: head, as: UTF8.self).drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        if text.hasPrefix("<") { return MedBiqXMLImporter() }
      }
      return CSVActivityImporter()
    }
  }

  /// A .txt file is a delimited table (Excel's "Unicode Text" is tab-separated) when splitting it on
  /// commas, semicolons or tabs gives a recognisable header; otherwise it is a notes-app list.
  static func looksDelimited(_ source: SourceSpec) -> Bool {
    guard let (text, _) = try? FileReading.text(of: source) else { return true }  // let the importer say why
    let head = String(text.prefix(16_384))
    // The delimiter the import would read it with (a UTF-16 text with tabs is tab-separated).
    let delimiter = (try? DelimitedFile(source))?.delimiter ?? CSVReader.sniffDelimiter(head)
    guard delimiter != "|" else { return false }
    return TabularText.find(in: CSVReader(delimiter: delimiter).read(head).rows) != nil
  }

  /// `rules` are evaluated on all the run's activities (a one-time topic may be met before the period).
  public func run(_ input: ReconcileInput, rules: [RuleSet] = []) throws(CMEAuditError) -> Report {
    let clock = ContinuousClock()
    var mark = clock.now
    var timings: [StageTiming] = []
    func lap(_ stage: String) {
      let now = clock.now
      timings.append(StageTiming(stage: stage, duration: now - mark))
      mark = now
    }
    // The files at once on all cores (a folder of an office's logs was read on one); results, and the
    // first error, in the files' order, as when they were read one after another.
    let progress = self.progress
    var results = try Parallel.map(input.logs + input.transcripts + input.certificateFolders) {
      (source: SourceSpec) throws(CMEAuditError) -> ImportResult in
      progress?("reading \(source.displayPath)")
      return try Self.importer(for: source).importSource(source)
    }
    // Ids are unique within a file; across files a clash (48 bits of a hash) gets a counter.
    var seenIDs: [String: Int] = [:]
    for r in results.indices {
      for index in results[r].records.indices {
        let id = results[r].records[index].id
        seenIDs[id, default: 0] += 1
        if let count = seenIDs[id], count > 1 { results[r].records[index].id += "~\(count)" }
      }
    }
    var learnerFindings: [Finding] = []
    if let wanted = input.learner {
      try LearnerFilter.keep(wanted, in: &results)
    } else if let finding = LearnerFilter.severalLearners(in: results) {
      learnerFindings.append(finding)
    }
    // Room made once: `flatMap` grew the array by doubling, copying a folder of logs' records over and over.
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
    lap("import")
    progress?("matching \(records.count) records")
    let reconciliation = Matcher().reconcile(records, decisions: input.decisions)
    progress?("checking \(reconciliation.activities.count) activities")
    lap("match")

    // Keep the activities that fall in the period: dated by their transcript record or certificate,
    // else by the log line, so a session on 30 June logged on 1 July stays in its year.
    let inPeriod = reconciliation.activities.filter { activity in
      guard let period else { return true }
      let members = activity.recordIDs.compactMap(reconciliation.record)
      let dated = members.first(where: \.kind.isEvidence) ?? members.first
      guard let date = dated?.date else { return true }
      return period.contains(date)
    }
    // A repeat belongs to the period when it is dated in it, or when what it repeats was placed in it (a
    // log date misread across the year boundary but linked on its other reading).
    let placed = Set(inPeriod.flatMap(\.recordIDs))
    let duplicates = reconciliation.duplicates.filter { duplicate in
      guard let period, let date = reconciliation.record(duplicate.duplicateID)?.date else { return true }
      return period.contains(date) || placed.contains(duplicate.originalID)
    }
    let kept = Reconciliation(
      records: reconciliation.records, activities: inPeriod,
      links: reconciliation.links, duplicates: duplicates)
    let certificateNames = Set(
      results.filter { $0.summary.kind == .certificate }.flatMap(\.certificateFiles).map { $0.lowercased() })
    let context = AuditContext(
      hasLogs: !input.logs.isEmpty, hasCertificates: !input.certificateFolders.isEmpty,
      certificateFileNames: certificateNames, today: today, period: period)
    var findings = FindingRules(context: context).findings(for: kept, issues: issues)
    for finding in learnerFindings {  // into its place among the findings, already in order
      findings.insert(finding, at: findings.firstIndex { FindingRules.order(finding, $0) } ?? findings.count)
    }
    let outcome = input.decisions.map { Self.apply($0, to: &findings, records: records) }
    lap("findings")

    var activityOf: [String: String] = [:]
    for activity in inPeriod {
      for id in activity.recordIDs { activityOf[id] = activity.recordIDs[0] }
    }
    let duplicateOf = Dictionary(
      duplicates.map { ($0.duplicateID, $0.originalID) }, uniquingKeysWith: { a, _ in a })
    let reportRecords = records.filter { activityOf[$0.id] != nil || duplicateOf[$0.id] != nil }
    let linkedIDs = Set(activityOf.keys)
    let links = reconciliation.links.filter { linkedIDs.contains($0.records[0]) }

    let summaries = results.map { result in
      var summary = result.summary
      summary.outsidePeriod =
        result.records.filter { activityOf[$0.id] == nil && duplicateOf[$0.id] == nil }.count
      return summary
    }
    let verified = Totals.verifiedActivities(inPeriod.map { $0.recordIDs.compactMap(reconciliation.record) })
    let totals = Totals.compute(verified: verified, logRecords: reportRecords.filter { $0.kind == .log })
    var report = Report(
      period: period, sources: summaries,
      records: reportRecords.map {
        ReportRecord($0, activity: activityOf[$0.id], duplicateOf: duplicateOf[$0.id])
      }, findings: findings, totals: totals, links: links)
    lap("totals")
    report.timings = timings
    report.decisions = outcome
    let verifiedIDs = Set(verified.flatMap(\.records))
    report.evidence = records.filter { $0.kind == .certificate && verifiedIDs.contains($0.id) }
    if !rules.isEmpty {
      report.audit = Auditor().evaluate(
        rules, activities: reconciliation.activities.map { $0.recordIDs.compactMap(reconciliation.record) })
    }
    return report
  }

  /// Takes out the findings the decisions accept, and lists the decisions that matched nothing.
  static func apply(_ decisions: Decisions, to findings: inout [Finding], records: [ActivityRecord])
    -> DecisionOutcome
  {
    var outcome = DecisionOutcome()
    let ids = Set(records.map(\.id))
    for decision in decisions.decisions {
      guard decision.records.allSatisfy(ids.contains) else {
        outcome.stale.append(decision)
        continue
      }
      guard decision.kind == .accept, let wanted = decision.finding else { continue }
      let matching = findings.indices.filter { index in
        let finding = findings[index]
        let name = finding.reason.map { "\(finding.code.rawValue)/\($0)" } ?? finding.code.rawValue
        return (name == wanted || finding.code.rawValue == wanted)
          && finding.records.contains(decision.records[0])
      }
      if matching.isEmpty {
        outcome.stale.append(decision)
        continue
      }
      for index in matching {
        outcome.accepted.append(
          .init(
            code: findings[index].code.rawValue, reason: findings[index].reason,
            records: findings[index].records,
            note: decision.note, decision: decision.location))
      }
      for index in matching.reversed() { findings.remove(at: index) }
    }
    return outcome
  }
}

/// How long one stage of a run took; for the benchmark, never part of the JSON report.
public struct StageTiming: Sendable {
  public var stage: String
  public var duration: Duration

  public init(stage: String, duration: Duration) {
    self.stage = stage
    self.duration = duration
  }

  /// Whole milliseconds.
  public var milliseconds: Int64 {
    duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
  }
}
