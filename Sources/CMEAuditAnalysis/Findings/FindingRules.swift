import CMEAuditModel
import Foundation

/// What the finding rules need to know besides the reconciliation.
public struct AuditContext: Sendable {
  /// At least one personal log was given (without one, nothing is "missing from the log").
  public var hasLogs: Bool
  /// At least one certificates folder was given.
  public var hasCertificates: Bool
  /// Every certificate file name found in the certificates folders (with or without metadata), lowercased.
  public var certificateFileNames: Set<String>
  /// The day the audit runs, for the age of pending claims.
  public var today: CalendarDay
  public var period: Period?
  /// How long providers take claims (a rule file's `claimWindows:`), for the day a pending claim is due.
  public var claimWindows = ClaimWindows()

  public init(
    hasLogs: Bool, hasCertificates: Bool, certificateFileNames: Set<String>, today: CalendarDay,
    period: Period?
  ) {
    self.hasLogs = hasLogs
    self.hasCertificates = hasCertificates
    self.certificateFileNames = certificateFileNames
    self.today = today
    self.period = period
  }
}

/// Turns a reconciliation into findings. Each rule documents a case that fires it and one that must not.
public struct FindingRules: Sendable {
  public let context: AuditContext

  public init(context: AuditContext) { self.context = context }

  public func findings(for reconciliation: Reconciliation, issues: [ImportIssue]) -> [Finding] {
    var findings: [Finding] = []
    for activity in reconciliation.activities {
      let members = activity.recordIDs.compactMap(reconciliation.record)
      findings += activityFindings(members)
    }
    let explainer = NearestExplainer(reconciliation: reconciliation)
    for index in findings.indices
    where findings[index].code == .missingFromLog
      || findings[index].reason == .unverifiable(.noRecord)
    {
      guard let subject = findings[index].records.first.flatMap(reconciliation.record),
        let nearest = explainer.nearest(to: subject)
      else { continue }
      findings[index].nearest = nearest
      let other = reconciliation.record(nearest.record)
      let what = subject.kind == .log ? "closest record" : "closest log entry"
      var message = findings[index].message
      if message.hasSuffix(".") { message.removeLast() }
      findings[index].message =
        message
        + "; \(what): \(other.map(describe) ?? nearest.record) at \(nearest.location.display), \(nearest.why)."
    }
    for duplicate in reconciliation.duplicates {
      guard let copy = reconciliation.record(duplicate.duplicateID),
        let original = reconciliation.record(duplicate.originalID)
      else { continue }
      findings.append(duplicateFinding(copy, original: original, reason: duplicate.reason))
    }
    findings += dateMismatches(reconciliation)
    findings += issues.map(unreadableRow)
    return findings.sorted(by: Self.order)
  }

  /// Errors first, then by file and line.
  public static func order(_ a: Finding, _ b: Finding) -> Bool {
    if a.severity != b.severity { return a.severity > b.severity }
    let la = a.locations.first
    let lb = b.locations.first
    if la?.path != lb?.path { return (la?.path ?? "") < (lb?.path ?? "") }
    if la?.line != lb?.line { return (la?.line ?? 0) < (lb?.line ?? 0) }
    return a.code.rawValue < b.code.rawValue
  }

  // MARK: - One activity

  func activityFindings(_ members: [ActivityRecord]) -> [Finding] {
    let logs = members.filter { $0.kind == .log }
    // The parts of an aggregate (several rows of one transcript) are compared as their sum.
    let transcripts = Self.combinedBySource(members.filter { $0.kind == .transcript })
    let certificates = members.filter { $0.kind == .certificate }
    let evidence = transcripts + certificates
    var findings: [Finding] = []

    for line in logs {
      if let finding = missingCertificate(line) { findings.append(finding) }
    }
    if let log = ActivityRecord.combined(logs) {
      if log.evaluation == .pending {
        findings.append(claimPending(log, evidence: evidence))
      } else if evidence.isEmpty {
        findings.append(unverifiableClaim(log))
      }
      if let primary = evidence.first, log.evaluation != .pending {
        findings += compareCredits(log, primary)
      }
    } else if context.hasLogs, let primary = evidence.first, counts(primary, evidence: evidence) {
      // Only credit that would count is missing: a participation certificate is reported as such.
      findings.append(missingFromLog(primary, all: members.filter(\.kind.isEvidence)))
    }
    if let primary = evidence.first {
      if let finding = unverifiableEvidence(primary, members: members) { findings.append(finding) }
      if let transcript = transcripts.first, let certificate = certificates.first {
        findings += compareCredits(transcript, certificate)
      }
    }
    return findings
  }

  /// Records of one kind, one combined record per source file, in order.
  static func combinedBySource(_ records: [ActivityRecord]) -> [ActivityRecord] {
    var order: [String] = []
    var bySource: [String: [ActivityRecord]] = [:]
    for record in records {
      if bySource[record.source.path] == nil { order.append(record.source.path) }
      bySource[record.source.path, default: []].append(record)
    }
    return order.compactMap { ActivityRecord.combined(bySource[$0] ?? []) }
  }

  // MARK: - Helpers

  /// The activity's record is credit that counts: not participation or self-reported, and accredited.
  func counts(_ primary: ActivityRecord, evidence: [ActivityRecord]) -> Bool {
    !isParticipation(primary) && !isSelfReported(primary) && evidence.contains(where: \.showsAccreditation)
  }

  func isParticipation(_ record: ActivityRecord) -> Bool {
    !record.credits.isEmpty && record.credits.allSatisfy { $0.type == .participation }
  }

  /// Nursing or pharmacy contact hours and nothing else.
  func isNonPhysicianCredit(_ record: ActivityRecord) -> Bool {
    !record.credits.isEmpty && record.credits.allSatisfy { $0.type == .contactHours }
  }

  func isSelfReported(_ record: ActivityRecord) -> Bool {
    record.isSelfReportedCredit
  }

  func describe(_ record: ActivityRecord) -> String {
    let date = record.date.map { d in record.endDate.map { "\(d) to \($0)" } ?? "\(d)" } ?? "undated"
    return "\(date) '\(record.title)'"
  }

  /// An amount with at least one decimal place: 1.0, 1.25, 18.5.
  public static func format(_ amount: Decimal) -> String {
    var text = "\(amount)"
    if !text.contains(".") { text += ".0" }
    return text
  }
}
