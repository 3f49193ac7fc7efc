import CMEAuditAnalysis
import CMEAuditImport
import CMEAuditModel
import CMEAuditReport
import CMEAuditSupport
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
  /// Who the physician is (`--physician`): which requirements apply.
  public var physician: Physician?
  /// The learner whose records to check (`--learner`: NPI, email, institution id or name), when the files
  /// name several; records naming no learner are kept.
  public var learner: String?

  public init(transcripts: [SourceSpec] = [], logs: [SourceSpec] = [], certificateFolders: [SourceSpec] = [])
  {
    self.transcripts = transcripts
    self.logs = logs
    self.certificateFolders = certificateFolders
  }

  /// The files a folder's layout names (`FolderLayout.read`).
  public init(_ sources: SourceSet) {
    self.init(
      transcripts: sources.transcripts, logs: sources.logs, certificateFolders: sources.certificateFolders)
    activityCatalogs = sources.activityCatalogs
  }

  public var isEmpty: Bool { transcripts.isEmpty && logs.isEmpty && certificateFolders.isEmpty }
}

/// Runs the whole path: import → match → findings → credit → report. Never prints or exits; a source that
/// cannot be read at all throws an error naming it.
public struct Reconciler: Sendable {
  public var period: Period?
  public var today: CalendarDay
  /// Told what the run is doing, stage by stage (the command shows it on a terminal).
  public var progress: (@Sendable (String) -> Void)?

  public init(period: Period?, today: CalendarDay) {
    self.period = period
    self.today = today
  }

  /// `rules` are evaluated on all the run's activities (a one-time topic may be met before the period).
  public func run(_ input: ReconcileInput, rules: [RuleSet] = []) throws(CMEAuditError) -> Report {
    var clock = StageClock()
    let imported = try importSources(input)
    clock.lap("import")
    progress?("matching \(imported.records.count) records")
    let reconciliation = Matcher().reconcile(imported.records, decisions: input.decisions)
    progress?("checking \(reconciliation.activities.count) activities")
    clock.lap("match")
    let kept = reconciliation.kept(in: period)
    var findings = findings(
      for: kept, imported: imported, input: input, claimWindows: ClaimWindows(rules.flatMap(\.claimWindows)))
    let outcome = input.decisions.map { $0.apply(to: &findings, records: imported.records) }
    clock.lap("findings")
    let allActivities = reconciliation.activities.map { $0.recordIDs.compactMap(reconciliation.record) }
    let verified = Totals.verifiedActivities(allActivities)
    var report = Self.report(
      kept, imported: imported, findings: findings, verified: verified, period: period)
    report.decisions = outcome
    if !rules.isEmpty {
      report.audit = Auditor().evaluate(
        rules, activities: allActivities, verified: verified, decisions: input.decisions,
        physician: input.physician)
    }
    clock.lap("totals")
    report.timings = clock.timings
    return report
  }

  /// A run on the files a folder's layout names.
  public func run(_ sources: SourceSet, rules: [RuleSet] = []) throws(CMEAuditError) -> Report {
    try run(ReconcileInput(sources), rules: rules)
  }

  /// The finding rules on the period's activities, with the import's own findings in their places.
  private func findings(
    for kept: Reconciliation, imported: ImportedSources, input: ReconcileInput, claimWindows: ClaimWindows
  ) -> [Finding] {
    var context = AuditContext(
      hasLogs: !input.logs.isEmpty, hasCertificates: !input.certificateFolders.isEmpty,
      certificateFileNames: imported.certificateFileNames, today: today, period: period)
    context.claimWindows = claimWindows
    var findings = FindingRules(context: context).findings(for: kept, issues: imported.issues)
    for finding in imported.learnerFindings {  // into its place among the findings, already in order
      findings.insert(finding, at: findings.firstIndex { FindingRules.order(finding, $0) } ?? findings.count)
    }
    return findings
  }
}
