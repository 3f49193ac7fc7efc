import CMEAuditModel
import Foundation

extension FindingRules {
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
      var message =
        "The \(names) disagree on the credit for \(describe(record)): \(amountsText(claim)) versus \(amountsText(record))."
      var action =
        claim.kind == .log
        ? "Claim what the \(record.kind.rawValue) awards; if it is wrong, ask the provider to correct it."
        : "Ask the CME office which amount is right and to correct the other record."
      if claim.kind == .log, let (counts, claimedLess) = countedText(claim, record) {
        message += " \(counts) counts: of a claim and a record of one type, the smaller does."
        if claimedLess {
          message += " A designation is a maximum, not an award: you claim only what you attended."
          action =
            "If you attended only part of it, your claim stands; if you attended all of it, claim what the \(record.kind.rawValue) awards."
        }
      }
      findings.append(
        Finding(
          code: .creditMismatch, severity: .warning, message: message, action: action, records: pair,
          locations: locations))
    }
    return findings
  }

  /// What counts of a record's lines that a log line claims as the same type (`Totals.counted`), and whether the
  /// log claims less than the record on any of them; nil when no type is on both.
  private func countedText(_ claim: ActivityRecord, _ record: ActivityRecord) -> (String, Bool)? {
    let both = record.credits.filter { line in
      line.type.map { type in claim.credits.contains { $0.type == type } } == true
    }
    guard !both.isEmpty else { return nil }
    let counted = both.map { Totals.counted($0, claimedIn: claim) }
    let text = counted.map { "\(Self.format($0.amount)) \($0.type?.label ?? "credits")" }.joined(
      separator: " + ")
    return (text, zip(both, counted).contains { $0.amount != $1.amount })
  }

  /// The AOA counts AMA PRA Category 1 as AOA Category 2-A.
  static func equivalent(_ a: CreditType, _ b: CreditType) -> Bool {
    a == b || Set([a, b]) == [.amaPRA1, .aoa2A]
  }

  private func primaryAmount(_ record: ActivityRecord) -> Decimal {
    record.credits.first { $0.type?.isAccredited == true }?.amount ?? record.credits[0].amount
  }

  func typesText(_ record: ActivityRecord) -> String {
    record.credits.map { $0.type?.label ?? "no type" }.joined(separator: " + ")
  }

  func amountsText(_ record: ActivityRecord) -> String {
    record.credits.map { "\(Self.format($0.amount)) \($0.type?.label ?? "credits")" }.joined(separator: " + ")
  }

  static let creditComparisonExamples: [FindingRuleExample] = [
    .fires(
      .creditMismatch, "the log claims 1.5 credits, the transcript gives 1.0",
      [
        .log("2026-03-14", "Heart Failure Update", [(.amaPRA1, 1.5)]),
        .transcript("2026-03-14", "Heart Failure Update"),
      ]
    ),
    .not(
      .creditMismatch, "both give 1.0",
      [.log("2026-03-14", "Heart Failure Update"), .transcript("2026-03-14", "Heart Failure Update")]),
    .fires(
      .creditTypeMismatch, "the log says AAFP Prescribed, the transcript AMA PRA Category 1",
      [
        .log("2026-03-14", "Heart Failure Update", [(.aafpPrescribed, 1)]),
        .transcript("2026-03-14", "Heart Failure Update"),
      ]),
    .not(
      .creditTypeMismatch, "AOA 2-A logged for AMA PRA Category 1: the AOA counts one as the other",
      [
        .log("2026-03-14", "Heart Failure Update", [(.aoa2A, 1)]),
        .transcript("2026-03-14", "Heart Failure Update"),
      ]),
    .not(
      .creditTypeMismatch, "the log names no type",
      [
        .log("2026-03-14", "Heart Failure Update", [(nil, 1)]),
        .transcript("2026-03-14", "Heart Failure Update"),
      ]),
  ]
}
