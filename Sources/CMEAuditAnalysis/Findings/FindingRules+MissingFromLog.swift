import CMEAuditModel
import Foundation

extension FindingRules {
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

  static let missingFromLogExamples: [FindingRuleExample] = [
    .fires(
      .missingFromLog, "a transcript row no log line claims",
      [.transcript("2026-03-14", "Heart Failure Update"), .log("2026-01-20", "Sepsis Bundles")]),
    .not(
      .missingFromLog, "the same activity logged a day late, the title written differently",
      [.transcript("2026-03-14", "Heart Failure Update"), .log("2026-03-15", "heart failure update")]),
    .not(
      .missingFromLog, "no log was given", [.transcript("2026-03-14", "Heart Failure Update")],
      context: FindingRuleExample.defaultContext.withoutLogs),
    .not(
      .missingFromLog, "a participation certificate is not credit to log",
      [.transcript("2026-03-14", "Heart Failure Update", [(.participation, 1)])]),
  ]
}
