import Testing

@testable import CMEAuditAnalysis
@testable import CMEAuditModel

/// Every finding rule's own examples (`FindingRules.examples`, written beside each rule): the records go
/// through the matcher and the rules, and the finding comes of them or must not.
@Suite struct FindingRuleExampleTests {
  @Test(arguments: FindingRules.examples)
  func theRuleDoesWhatItsExampleSays(_ example: FindingRuleExample) {
    let reconciliation = Matcher().reconcile(example.records)
    let findings = FindingRules(context: example.context).findings(
      for: reconciliation, issues: example.issues)
    #expect(
      example.isFound(in: findings) == example.fires,
      "\(example): got \(findings.map(\.label))")
  }

  /// Every code FindingRules makes has a case that fires it and one that must not.
  @Test func everyRuleHasExamplesBothWays() {
    let made: [FindingCode] = [
      .missingFromLog, .missingCertificate, .claimPending, .unverifiable, .creditMismatch,
      .creditTypeMismatch,
      .duplicate, .unreadableRow, .dateMismatch,
    ]
    for code in made {
      let examples = FindingRules.examples.filter { $0.code == code }
      #expect(examples.contains { $0.fires }, "\(code.rawValue): no example that fires it")
      #expect(examples.contains { !$0.fires }, "\(code.rawValue): no example that must not fire it")
    }
  }
}
