import CMEAuditModel

/// What the decisions did in one run.
public struct DecisionOutcome: Sendable, Codable, Equatable {
  /// Findings an `accept` suppressed, with its note.
  public var accepted: [AcceptedFinding] = []
  /// Decisions that no longer match any record or finding.
  public var stale: [Decisions.Decision] = []

  public struct AcceptedFinding: Sendable, Codable, Equatable {
    public var code: String
    public var reason: String?
    public var records: [String]
    public var note: String?
    public var decision: String
  }
}

extension Decisions {
  /// Takes out of `findings` those the decisions accept, and lists the decisions that matched nothing (a
  /// record no longer there, or no finding of that kind on the record).
  public func apply(to findings: inout [Finding], records: [ActivityRecord]) -> DecisionOutcome {
    var outcome = DecisionOutcome()
    let ids = Set(records.map(\.id))
    for decision in decisions {
      guard decision.records.allSatisfy(ids.contains) else {
        outcome.stale.append(decision)
        continue
      }
      guard decision.kind == .accept, let wanted = decision.finding else { continue }
      let matching = findings.indices.filter { index in
        wanted.matches(findings[index]) && findings[index].records.contains(decision.records[0])
      }
      if matching.isEmpty {
        outcome.stale.append(decision)
        continue
      }
      for index in matching {
        outcome.accepted.append(
          .init(
            code: findings[index].code.rawValue, reason: findings[index].reason?.rawValue,
            records: findings[index].records,
            note: decision.note, decision: decision.location))
      }
      for index in matching.reversed() { findings.remove(at: index) }
    }
    return outcome
  }
}
