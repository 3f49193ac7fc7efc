import CMEAuditModel
import Foundation

extension FindingRules {
  /// Fires: a log line linked to a record only on its date read with day and month swapped (2026-03-02 for a
  /// certificate of 2026-02-03), title, provider and credit agreeing. Not: the same line on the record's own
  /// date.
  func dateMismatches(_ reconciliation: Reconciliation) -> [Finding] {
    reconciliation.links.filter(\.evidence.dayMonthSwapped).compactMap { link in
      let records = link.records.compactMap(reconciliation.record)
      guard let log = records.first(where: { $0.kind == .log }),
        let other = records.first(where: { $0.kind != .log }), let logDay = log.date, let day = other.date
      else { return nil }
      let what = other.kind == .certificate ? "certificate" : "transcript"
      return Finding(
        code: .dateMismatch, severity: .warning,
        message:
          "Your log dates '\(log.title)' \(logDay), the \(what) \(day): the same day with day and month swapped, so they were taken as one activity.",
        action: "Correct the date in your log to \(day) if that is the day you attended.",
        records: [log.id, other.id], locations: [log.source, other.source])
    }
  }

  static let dateMismatchExamples: [FindingRuleExample] = [
    .fires(
      .dateMismatch, "a hand-typed ISO date with day and month swapped",
      [
        .log("2026-03-02", "Sepsis Management Online Course", [(.amaPRA1, 1.5)]),
        .transcript("2026-02-03", "Sepsis Management Online Course", [(.amaPRA1, 1.5)]),
      ]),
    .not(
      .dateMismatch, "the same date",
      [
        .log("2026-02-03", "Sepsis Management Online Course", [(.amaPRA1, 1.5)]),
        .transcript("2026-02-03", "Sepsis Management Online Course", [(.amaPRA1, 1.5)]),
      ]),
  ]
}
