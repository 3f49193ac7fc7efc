import CMEAuditModel

extension FindingRules {
  /// A row or element an importer could not read: it counts nowhere until it is fixed.
  func unreadableRow(_ issue: ImportIssue) -> Finding {
    Finding(
      code: .unreadableRow, severity: .error, message: "Could not import: \(issue.reason).",
      action:
        "Fix this row in the file (or re-export it) and run the audit again; until then it counts nowhere.",
      records: [], locations: [issue.location])
  }

  static let unreadableRowExamples: [FindingRuleExample] = [
    .fires(
      .unreadableRow, "a row whose credits are not a number",
      issues: [
        ImportIssue(location: Provenance(path: "log.csv", line: 4), reason: "credits 'lots' is not a number")
      ]
    ),
    .not(.unreadableRow, "every row read", [.log("2026-03-14", "Grand Rounds", line: 2)]),
  ]
}
