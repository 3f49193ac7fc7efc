import CMEAuditModel
import Foundation

/// A case a finding rule must fire on, or must not: the rule's documentation beside its code, and its test
/// (the tests run every rule's examples through the matcher and the rules, `FindingRules.examples`).
public struct FindingRuleExample: Sendable, CustomStringConvertible {
  public var code: FindingCode
  /// For `unverifiable` and `duplicate`: the reason the finding gives (nil: any).
  public var reason: FindingReason?
  /// Whether a finding with `code` (and `reason`) must come of the records, or must not.
  public var fires: Bool
  /// What the case is, in a few words.
  public var note: String
  /// One learner's records, as the importers would give them.
  public var records: [ActivityRecord]
  /// Rows the importers could not read.
  public var issues: [ImportIssue]
  public var context: AuditContext

  public var description: String {
    "\(code.rawValue)\(reason.map { "/\($0)" } ?? "") \(fires ? "fires" : "does not fire"): \(note)"
  }

  /// A log was given, no certificates folder; the audit runs on 1 July 2026 over all dates.
  public static let defaultContext = AuditContext(
    hasLogs: true, hasCertificates: false, certificateFileNames: [],
    today: CalendarDay(year: 2026, month: 7, day: 1)!, period: nil)

  static func fires(
    _ code: FindingCode, reason: FindingReason? = nil, _ note: String, _ records: [ActivityRecord] = [],
    issues: [ImportIssue] = [], context: AuditContext = defaultContext
  ) -> FindingRuleExample {
    FindingRuleExample(
      code: code, reason: reason, fires: true, note: note, records: records, issues: issues, context: context)
  }

  static func not(
    _ code: FindingCode, reason: FindingReason? = nil, _ note: String, _ records: [ActivityRecord],
    context: AuditContext = defaultContext
  ) -> FindingRuleExample {
    FindingRuleExample(
      code: code, reason: reason, fires: false, note: note, records: records, issues: [], context: context)
  }

  /// Whether `findings` hold the finding this example is about.
  public func isFound(in findings: [Finding]) -> Bool {
    findings.contains { $0.code == code && (reason == nil || $0.reason == reason) }
  }
}

extension FindingRules {
  /// Every rule's examples. A rule added in a file of its own lists its examples here.
  public static var examples: [FindingRuleExample] {
    missingFromLogExamples + missingCertificateExamples + claimPendingExamples + unverifiableExamples
      + creditComparisonExamples + duplicateExamples + unreadableRowExamples + dateMismatchExamples
  }
}

extension AuditContext {
  /// The same context with a certificates folder holding `files`.
  func withCertificates(_ files: Set<String>) -> AuditContext {
    var context = self
    context.hasCertificates = true
    context.certificateFileNames = files
    return context
  }

  /// The same context without a log.
  var withoutLogs: AuditContext {
    var context = self
    context.hasLogs = false
    return context
  }
}

extension ActivityRecord {
  /// A log line for an example: a day (YYYY-MM-DD), a title and credit lines, at `line` of `log.csv`.
  static func log(
    _ date: String, _ title: String, _ credits: [(CreditType?, Decimal)] = [(.amaPRA1, 1)], line: Int = 2,
    provider: String? = nil, certificate: String? = nil, evaluation: EvaluationStatus = .unknown
  ) -> ActivityRecord {
    example(.log, "log.csv", date, title, credits, line, provider, certificate, evaluation)
  }

  /// A transcript row for an example, at `line` of `transcript.csv`.
  static func transcript(
    _ date: String, _ title: String, _ credits: [(CreditType?, Decimal)] = [(.amaPRA1, 1)], line: Int = 2,
    provider: String? = "University Hospital CME"
  ) -> ActivityRecord {
    example(.transcript, "transcript.csv", date, title, credits, line, provider, nil, .unknown)
  }

  private static func example(
    _ kind: RecordKind, _ path: String, _ date: String, _ title: String, _ credits: [(CreditType?, Decimal)],
    _ line: Int, _ provider: String?, _ certificate: String?, _ evaluation: EvaluationStatus
  ) -> ActivityRecord {
    ActivityRecord(
      id: "\(kind.rawValue):\(line)", kind: kind, source: Provenance(path: path, line: line),
      date: CalendarDay(iso: date), title: title, provider: provider,
      credits: credits.map { CreditLine(type: $0.0, amount: $0.1, raw: "\($0.1)") },
      certificateReference: certificate, evaluation: evaluation)
  }
}
