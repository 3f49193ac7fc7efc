import CMEAuditModel

extension Reconciliation {
  /// The activities and repeats of `period` (all of them without one). An activity is dated by its
  /// transcript record or certificate, else by its log line, so a session on 30 June logged on 1 July stays
  /// in its year. A repeat belongs to the period when it is dated in it, or when what it repeats was placed
  /// in it (a log date misread across the year boundary but linked on its other reading).
  public func kept(in period: Period?) -> Reconciliation {
    let inPeriod = activities.filter { activity in
      guard let period else { return true }
      let members = activity.recordIDs.compactMap(record)
      let dated = members.first(where: \.kind.isEvidence) ?? members.first
      guard let date = dated?.date else { return true }
      return period.contains(date)
    }
    let placed = Set(inPeriod.flatMap(\.recordIDs))
    let repeats = duplicates.filter { duplicate in
      guard let period, let date = record(duplicate.duplicateID)?.date else { return true }
      return period.contains(date) || placed.contains(duplicate.originalID)
    }
    return Reconciliation(records: records, activities: inPeriod, links: links, duplicates: repeats)
  }
}
