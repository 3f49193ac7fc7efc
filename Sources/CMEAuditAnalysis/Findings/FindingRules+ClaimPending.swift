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
      action = pendingAction(log, age: age)
    } else {
      message = "Your log says the evaluation for \(describe(log)) is not done, but a record of it exists."
      action = "Mark the evaluation done in your log; the credit is already recorded."
    }
    return Finding(
      code: .claimPending, severity: .warning, message: message, action: action, records: [log.id],
      locations: [log.source] + evidence.map(\.source))
  }

  /// What to do about a pending claim: complete the evaluation, by the day the usual window closes; once that
  /// day has passed, only if the provider still takes it.
  private func pendingAction(_ log: ActivityRecord, age: Int) -> String {
    let window = context.claimWindows.days(for: log.provider)
    guard let deadline = claimDeadline(log) else {
      return age > window.days * 2 / 3
        ? "Complete the evaluation now: \(Self.describe(window)), and the credit is then lost."
        : "Complete the evaluation to receive the certificate, then mark it done in your log."
    }
    if context.today > deadline.day {
      let which =
        window.own ? "the provider's \(window.days)-day window" : "the usual \(window.days)-day window"
      return
        "Ask the provider whether the evaluation can still be completed: \(which) closed on \(deadline.day), and the credit is lost once the portal closes."
    }
    return age > window.days * 2 / 3
      ? "Complete the evaluation now: \(deadline.window), and the credit is then lost. Claim by \(deadline.day)."
      : "Complete the evaluation to receive the certificate, then mark it done in your log. Claim by \(deadline.day) (\(deadline.window))."
  }

  /// The day the claim window closes for the record's provider (its own window from `claimWindows:`, else the
  /// usual 90 days after the activity's last day), and the window in words; nil without a date.
  func claimDeadline(_ record: ActivityRecord) -> (day: CalendarDay, window: String)? {
    let window = context.claimWindows.days(for: record.provider)
    return record.lastDay.map { ($0.adding(days: window.days), Self.describe(window)) }
  }

  private static func describe(_ window: (days: Int, own: Bool)) -> String {
    window.own
      ? "the provider's portal closes \(window.days) days after the activity"
      : "portals commonly close \(window.days) days after the activity"
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
