import CMEAuditModel
import Foundation

extension FindingRules {
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
      code: .duplicate, severity: .warning, reason: .duplicate(reason), message: message, action: action,
      records: [copy.id, original.id], locations: [copy.source, original.source])
  }

  static let duplicateExamples: [FindingRuleExample] = [
    .fires(
      .duplicate, reason: .duplicate(.sameActivity), "the same activity logged twice on one day",
      [
        .log("2026-03-14", "Heart Failure Update", line: 2),
        .log("2026-03-14", "Heart Failure Update", line: 3),
      ]),
    .not(
      .duplicate, "a weekly series: the same title a week apart",
      [
        .log("2026-03-04", "Medicine Grand Rounds", line: 2),
        .log("2026-03-11", "Medicine Grand Rounds", line: 3),
      ]),
  ]
}
