import CMEAuditModel
import Foundation

extension FindingRules {
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

  static let claimPendingExamples: [FindingRuleExample] = [
    .fires(
      .claimPending, "the log says the evaluation is not done",
      [.log("2026-03-14", "Heart Failure Update", evaluation: .pending)]),
    .not(
      .claimPending, "the evaluation is done",
      [.log("2026-03-14", "Heart Failure Update", evaluation: .completed)]),
    .not(.claimPending, "the log does not say", [.log("2026-03-14", "Heart Failure Update")]),
  ]
}
