import CMEAuditModel

extension CreditLine {
  /// Self-reported on `record`: AMA PRA Category 2 always; AOA 1-B and 2-B unless the record is evidence from
  /// an accredited body (an AOA transcript or certificate showing an accredited provider or an accreditation
  /// statement), where the same AOA category is a record of credit, not the physician's own claim.
  public func isSelfReported(on record: ActivityRecord) -> Bool {
    guard let type, type.isSelfReported else { return false }
    guard type != .amaPRA2, record.kind.isEvidence else { return true }
    return !(record.providerAccredited || !(record.accreditationStatement ?? "").isEmpty)
  }
}

extension ActivityRecord {
  /// All of the record's credit is self-reported (or the source marks its hours as estimated).
  public var isSelfReportedCredit: Bool {
    selfReported || (!credits.isEmpty && credits.allSatisfy { $0.isSelfReported(on: self) })
  }
}
