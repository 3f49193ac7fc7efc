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
      || findings[index].reason == UnverifiableReason.noRecord.rawValue
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
    for issue in issues {
      findings.append(
        Finding(
          code: .unreadableRow, severity: .error, message: "Could not import: \(issue.reason).",
          action:
            "Fix this row in the file (or re-export it) and run the audit again; until then it counts nowhere.",
          records: [], locations: [issue.location]))
    }
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

  /// Fires: a transcript row or certificate that no log line links to (when a log was given).
  /// Not: the same activity logged under a variant title or a day late.
  func missingFromLog(_ primary: ActivityRecord, all evidence: [ActivityRecord]) -> Finding {
    let what = primary.kind == .certificate ? "A certificate" : "The transcript"
    return Finding(
      code: .missingFromLog, severity: .warning,
      message: "\(what) shows \(describe(primary)), which is not in your log.",
      action:
        "Add it to your log (with the certificate) so the credit is counted, or tell the CME office if you did not attend.",
      records: evidence.map(\.id), locations: evidence.map(\.source))
  }

  /// Fires: a log line naming a certificate file that is not in the certificates folders given.
  /// Not: the file is there under another letter case; no certificates folder was given.
  func missingCertificate(_ log: ActivityRecord) -> Finding? {
    guard context.hasCertificates, let reference = log.certificateReference else { return nil }
    let name = (reference as NSString).lastPathComponent.lowercased()
    guard !context.certificateFileNames.contains(name),
      !context.certificateFileNames.contains(where: { ($0 as NSString).lastPathComponent == name })
    else { return nil }
    return Finding(
      code: .missingCertificate, severity: .warning,
      message:
        "Your log names certificate '\(reference)' for \(describe(log)), but it is not in the certificates folder.",
      action:
        "Download the certificate again from the provider's portal and save it in the certificates folder, or correct the file name in the log.",
      records: [log.id], locations: [log.source])
  }

  /// Fires: the log says the evaluation is not done. Not: the evaluation column says yes or is blank.
  func claimPending(_ log: ActivityRecord, evidence: [ActivityRecord]) -> Finding {
    let age = log.date.map { $0.days(to: context.today) } ?? 0
    let ageText = age >= 0 ? "\(age) days ago" : "in \(-age) days"
    let message: String
    let action: String
    if evidence.isEmpty {
      message =
        "\(describe(log)) was \(ageText); your log says the evaluation is not done, so the credit is not claimed yet."
      action =
        age > 60
        ? "Complete the evaluation now: many portals close about 90 days after the activity, and the credit is then lost."
        : "Complete the evaluation to receive the certificate, then mark it done in your log."
    } else {
      message = "Your log says the evaluation for \(describe(log)) is not done, but a record of it exists."
      action = "Mark the evaluation done in your log; the credit is already recorded."
    }
    return Finding(
      code: .claimPending, severity: .warning, message: message, action: action, records: [log.id],
      locations: [log.source] + evidence.map(\.source))
  }

  /// Fires: a log line with no transcript record or certificate behind it. Not: the same line linked to a
  /// transcript row a day earlier.
  func unverifiableClaim(_ log: ActivityRecord) -> Finding {
    let reason: UnverifiableReason =
      isParticipation(log) ? .participationOnly : isSelfReported(log) ? .selfReported : .noRecord
    return unverifiable(reason, log, records: [log.id], locations: [log.source])
  }

  /// Fires: the activity's record is a participation certificate, Category 2, or shows no accreditation.
  /// Not: a transcript row with AMA PRA Category 1 credit.
  func unverifiableEvidence(_ primary: ActivityRecord, members: [ActivityRecord]) -> Finding? {
    let reason: UnverifiableReason
    if isParticipation(primary) {
      reason = .participationOnly
    } else if isSelfReported(primary) {
      reason = .selfReported
    } else if !members.contains(where: { $0.kind.isEvidence && $0.showsAccreditation }) {
      reason = .noAccreditation
    } else {
      return nil
    }
    return unverifiable(reason, primary, records: members.map(\.id), locations: members.map(\.source))
  }

  /// The `unverifiable` finding for one reason, about `subject`.
  func unverifiable(
    _ reason: UnverifiableReason, _ subject: ActivityRecord, records: [String], locations: [Provenance]
  ) -> Finding {
    let what = describe(subject)
    let (severity, message, action): (Severity, String, String) =
      switch reason {
      case .participationOnly:
        (
          .error, "\(what) is participation or attendance only, which is not physician credit.",
          "Do not count it as CME; if the activity was designated for AMA PRA Category 1, ask the provider for that certificate."
        )
      case .selfReported:
        (
          .warning, "\(what) is self-reported (Category 2 or estimated hours); no record can verify it.",
          "Keep your own documentation (what, when, how long); count it only where your board accepts Category 2, within its cap."
        )
      case .noRecord:
        (
          .error, "\(what) is in your log, but no transcript record or certificate backs it.",
          "Find the certificate or ask the CME office to post the credit (attendance may not have been recorded); until then it will not count."
        )
      case .noAccreditation:
        (
          .error, "\(what) shows no accredited provider, accreditation statement or accredited credit type.",
          "Check the certificate for an accreditation statement (\"designated for AMA PRA Category 1 Credit™\"); without one it is education, not CME."
        )
      }
    return Finding(
      code: .unverifiable, severity: severity, reason: reason.rawValue, message: message, action: action,
      records: records, locations: locations)
  }

  /// Fires: linked records disagree on the amount or the type. Not: the log names no type; AMA PRA
  /// Category 1 logged as AOA 2-A (the AOA counts one as the other).
  func compareCredits(_ claim: ActivityRecord, _ record: ActivityRecord) -> [Finding] {
    guard !claim.credits.isEmpty, !record.credits.isEmpty else { return [] }
    var findings: [Finding] = []
    let claimTypes = Set(claim.credits.compactMap(\.type).filter { $0 != .other })
    let recordTypes = Set(record.credits.compactMap(\.type).filter { $0 != .other })
    let unmatched = claimTypes.filter { type in !recordTypes.contains { Self.equivalent(type, $0) } }
    let pair = [claim.id, record.id]
    let locations = [claim.source, record.source]
    let names = "\(claim.kind.rawValue) and \(record.kind.rawValue)"
    if !unmatched.isEmpty, !recordTypes.isEmpty {
      findings.append(
        Finding(
          code: .creditTypeMismatch, severity: .warning,
          message:
            "For \(describe(record)), the \(claim.kind.rawValue) says \(typesText(claim)) but the \(record.kind.rawValue) says \(typesText(record)).",
          action:
            "Correct the \(claim.kind == .log ? "log" : claim.kind.rawValue) to the credit type on the \(record.kind.rawValue); if the \(record.kind.rawValue) is wrong, ask the provider to correct it.",
          records: pair, locations: locations))
    }
    // Compare amounts type by type where both name the type, else the totals.
    var differs = false
    for line in claim.credits {
      if let type = line.type,
        let match = record.credits.first(where: { $0.type.map { Self.equivalent(type, $0) } == true })
      {
        if match.amount != line.amount { differs = true }
      }
    }
    let typedComparison = claim.credits.contains { line in
      line.type.map { type in record.credits.contains { $0.type.map { Self.equivalent(type, $0) } == true } }
        == true
    }
    if !typedComparison, unmatched.isEmpty || recordTypes.isEmpty,
      primaryAmount(claim) != primaryAmount(record)
    {
      differs = true
    }
    if differs {
      findings.append(
        Finding(
          code: .creditMismatch, severity: .warning,
          message:
            "The \(names) disagree on the credit for \(describe(record)): \(amountsText(claim)) versus \(amountsText(record)).",
          action: claim.kind == .log
            ? "Claim what the \(record.kind.rawValue) awards; if it is wrong, ask the provider to correct it."
            : "Ask the CME office which amount is right and to correct the other record.",
          records: pair, locations: locations))
    }
    return findings
  }

  /// The AOA counts AMA PRA Category 1 as AOA Category 2-A.
  static func equivalent(_ a: CreditType, _ b: CreditType) -> Bool {
    a == b || Set([a, b]) == [.amaPRA1, .aoa2A]
  }

  private func primaryAmount(_ record: ActivityRecord) -> Decimal {
    record.credits.first { $0.type?.isAccredited == true }?.amount ?? record.credits[0].amount
  }

  // MARK: - Duplicates

  /// Fires: the same activity twice in one source on one date. Not: series sessions on different dates.
  func duplicateFinding(_ copy: ActivityRecord, original: ActivityRecord, reason: DuplicateReason) -> Finding
  {
    let why =
      switch reason {
      case .sameFile: "the same file saved twice"
      case .sameCertificateID: "the same certificate id \(copy.certificateReference ?? "")"
      case .sameActivity: "two certificates for one activity"
      }
    let (message, action): (String, String) =
      switch copy.kind {
      case .log:
        (
          "\(describe(copy)) is logged twice (also at \(original.source.display)).",
          "Delete one of the two log lines so the credit is claimed once."
        )
      case .transcript:
        (
          "\(describe(copy)) is posted twice on the transcript (also at \(original.source.display)).",
          "Ask the CME office to remove the second posting; boards treat double-posted credit as an error."
        )
      case .certificate:
        (
          "\(describe(copy)) is the same certificate as \(original.source.display) (\(why)).",
          "Keep one copy; remove the other from the certificates folder."
        )
      }
    return Finding(
      code: .duplicate, severity: .warning, reason: reason.rawValue, message: message, action: action,
      records: [copy.id, original.id], locations: [copy.source, original.source])
  }

  // MARK: - Helpers

  /// The activity's record is credit that counts: not participation or self-reported, and accredited.
  func counts(_ primary: ActivityRecord, evidence: [ActivityRecord]) -> Bool {
    !isParticipation(primary) && !isSelfReported(primary) && evidence.contains(where: \.showsAccreditation)
  }

  func isParticipation(_ record: ActivityRecord) -> Bool {
    !record.credits.isEmpty && record.credits.allSatisfy { $0.type == .participation }
  }

  func isSelfReported(_ record: ActivityRecord) -> Bool {
    record.selfReported
      || (!record.credits.isEmpty && record.credits.allSatisfy { $0.type?.isSelfReported == true })
  }

  func describe(_ record: ActivityRecord) -> String {
    let date = record.date.map { d in record.endDate.map { "\(d) to \($0)" } ?? "\(d)" } ?? "undated"
    return "\(date) '\(record.title)'"
  }

  private func typesText(_ record: ActivityRecord) -> String {
    record.credits.map { $0.type?.label ?? "no type" }.joined(separator: " + ")
  }

  private func amountsText(_ record: ActivityRecord) -> String {
    record.credits.map { "\(Self.format($0.amount)) \($0.type?.label ?? "credits")" }.joined(separator: " + ")
  }

  /// An amount with at least one decimal place: 1.0, 1.25, 18.5.
  public static func format(_ amount: Decimal) -> String {
    var text = "\(amount)"
    if !text.contains(".") { text += ".0" }
    return text
  }
}
