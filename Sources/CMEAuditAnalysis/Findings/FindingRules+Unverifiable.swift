import CMEAuditModel
import Foundation

extension FindingRules {
  /// Fires: a log line with no transcript record or certificate behind it. Not: the same line linked to a
  /// transcript row a day earlier.
  func unverifiableClaim(_ log: ActivityRecord) -> Finding {
    let reason: UnverifiableReason =
      isParticipation(log)
      ? .participationOnly
      : isSelfReported(log) ? .selfReported : isNonPhysicianCredit(log) ? .nonPhysicianCredit : .noRecord
    var finding = unverifiable(reason, log, records: [log.id], locations: [log.source])
    // A recent line: it may be a claim still to make, and the window closes.
    if reason == .noRecord, let deadline = claimDeadline(log), context.today <= deadline.day {
      finding.action +=
        " If the credit is still to be claimed, claim it by \(deadline.day) (\(deadline.window))."
    }
    return finding
  }

  /// Fires: the activity's record is a participation certificate, Category 2, contact hours alone, or shows no
  /// accreditation. Not: a transcript row with AMA PRA Category 1 credit.
  func unverifiableEvidence(_ primary: ActivityRecord, members: [ActivityRecord]) -> Finding? {
    let reason: UnverifiableReason
    if isParticipation(primary) {
      reason = .participationOnly
    } else if isSelfReported(primary) {
      reason = .selfReported
    } else if isNonPhysicianCredit(primary) {
      reason = .nonPhysicianCredit
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
      case .nonPhysicianCredit:
        (
          .warning, "\(what) is nursing or pharmacy contact hours, not physician credit.",
          "Count it only where your board's rules list contact hours; for physician credit, ask the provider whether the activity was also designated for AMA PRA Category 1 Credit™."
        )
      case .noAccreditation:
        (
          .error, "\(what) shows no accredited provider, accreditation statement or accredited credit type.",
          "Check the certificate for an accreditation statement (\"designated for AMA PRA Category 1 Credit™\"); without one it is education, not CME."
        )
      }
    return Finding(
      code: .unverifiable, severity: severity, reason: .unverifiable(reason), message: message,
      action: action,
      records: records, locations: locations)
  }

  static let unverifiableExamples: [FindingRuleExample] = [
    .fires(
      .unverifiable, reason: .unverifiable(.noRecord),
      "a log line no transcript record or certificate backs", [.log("2026-03-14", "Heart Failure Update")]),
    .not(
      .unverifiable, reason: .unverifiable(.noRecord),
      "the line is linked to a transcript row a day earlier",
      [.log("2026-03-15", "Heart Failure Update"), .transcript("2026-03-14", "Heart Failure Update")]),
    .fires(
      .unverifiable, reason: .unverifiable(.participationOnly),
      "a transcript row for participation only",
      [.transcript("2026-03-14", "Heart Failure Update", [(.participation, 1)])]),
    .fires(
      .unverifiable, reason: .unverifiable(.selfReported), "Category 2 reading, logged",
      [.log("2026-03-14", "Journal reading", [(.amaPRA2, 2)])]),
    .fires(
      .unverifiable, reason: .unverifiable(.noAccreditation),
      "a transcript row with no credit type, no accredited provider and no statement",
      [.transcript("2026-03-14", "Heart Failure Update", [(nil, 1)], provider: "Grand Rounds Club")]),
    .fires(
      .unverifiable, reason: .unverifiable(.nonPhysicianCredit), "nursing contact hours on the transcript",
      [.transcript("2026-03-14", "Wound Care Update", [(.contactHours, 3)])]),
    .not(
      .unverifiable, reason: .unverifiable(.nonPhysicianCredit),
      "an activity designated for both contact hours and AMA PRA Category 1 (joint accreditation)",
      [.transcript("2026-03-14", "Sepsis Bundles", [(.amaPRA1, 1), (.contactHours, 1)])]),
    .not(
      .unverifiable, "a transcript row with AMA PRA Category 1 credit, logged",
      [.transcript("2026-03-14", "Heart Failure Update"), .log("2026-03-14", "Heart Failure Update")]),
  ]
}
