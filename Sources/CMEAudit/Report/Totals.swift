import Foundation

/// Claimed and verified credit for one credit type.
public struct TypeTotal: Sendable, Hashable, Codable {
  /// A ``CreditType`` id, or `unspecified` for lines that name no type.
  public var type: String
  public var claimed: Decimal
  public var verified: Decimal
}

/// Per-type totals for the period.
public struct Totals: Sendable, Hashable, Codable {
  public var byType: [TypeTotal]

  /// `claimed`: the log's amounts (pending evaluations are not claimed yet). `verified`: each activity once,
  /// with the credit of its transcript record, else its certificate, when that record shows accreditation;
  /// participation and self-reported lines, duplicates and unverified log lines never count.
  public static func compute(activities: [[ActivityRecord]], logRecords: [ActivityRecord]) -> Totals {
    var claimed: [String: Decimal] = [:]
    var verified: [String: Decimal] = [:]
    for record in logRecords where record.evaluation != .pending {
      for line in record.credits { claimed[key(line.type), default: 0] += line.amount }
    }
    for members in activities {
      guard
        let primary = FindingRules.combinedBySource(members.filter { $0.kind == .transcript }).first
          ?? members.first(where: { $0.kind == .certificate }),
        primary.showsAccreditation, !primary.selfReported
      else { continue }
      for line in primary.credits where line.type != .participation && line.type?.isSelfReported != true {
        verified[key(line.type), default: 0] += line.amount
      }
    }
    let types = Set(claimed.keys).union(verified.keys)
    let order = CreditType.allCases.map(\.rawValue) + ["unspecified"]
    let byType = types.sorted { (order.firstIndex(of: $0) ?? 99) < (order.firstIndex(of: $1) ?? 99) }.map {
      TypeTotal(type: $0, claimed: claimed[$0] ?? 0, verified: verified[$0] ?? 0)
    }
    return Totals(byType: byType)
  }

  private static func key(_ type: CreditType?) -> String { type?.rawValue ?? "unspecified" }
}
