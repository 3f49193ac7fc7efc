/// How much a finding matters.
public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
  case info
  case warning
  case error

  private var rank: Int {
    switch self {
    case .info: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The stable finding codes: a contract that users' scripts and later features rely on.
public enum FindingCode: String, Sendable, Hashable, Codable, CaseIterable {
  case missingFromLog = "missing-from-log"
  case missingCertificate = "missing-certificate"
  case unverifiable = "unverifiable"
  case duplicate = "duplicate"
  case creditMismatch = "credit-mismatch"
  case creditTypeMismatch = "credit-type-mismatch"
  case claimPending = "claim-pending"
  case unreadableRow = "unreadable-row"
  /// (warning) a log line linked to a record whose date is its own with day and month swapped.
  case dateMismatch = "date-mismatch"
  // The CME office's attendance check.
  case sessionWithoutAttendance = "session-without-attendance"
  case attendanceNotCredited = "attendance-not-credited"
  case creditWithoutAttendance = "credit-without-attendance"
  case creditExceedsDesignation = "credit-exceeds-designation"
  case claimedNotRecorded = "claimed-not-recorded"
  case unknownLearner = "unknown-learner"
  /// A sign-in for a session the schedule does not have.
  case unscheduledSession = "unscheduled-session"
  /// More credit posted than the time a video meeting's report says the learner was there.
  case creditExceedsAttendance = "credit-exceeds-attendance"
  /// `reconcile`: the records name more than one learner, and no `--learner` chose one.
  case severalLearners = "several-learners"
  /// An NPI that fails the NPI check digit: a typo (or another number in the NPI column).
  case invalidNPI = "invalid-npi"
}

/// Why an entry is unverifiable.
public enum UnverifiableReason: String, Sendable, Hashable, Codable, CaseIterable {
  /// A log entry claiming credit that no transcript record or certificate backs.
  case noRecord = "no-record"
  /// No accredited provider, accreditation statement or accredited credit type anywhere.
  case noAccreditation = "no-accreditation"
  /// A certificate of participation or attendance: not physician credit.
  case participationOnly = "participation-only"
  /// Category 2, or hours marked as estimated: self-claimed.
  case selfReported = "self-reported"
  /// Nursing or pharmacy contact hours (ANCC, ACPE, IPCE) alone: credit, but not physician credit.
  case nonPhysicianCredit = "non-physician-credit"
}

/// Why a record repeats another; the `reason` of a `duplicate` finding.
public enum DuplicateReason: String, Sendable, Hashable, Codable, CaseIterable {
  /// The same certificate file content (SHA-256) saved twice.
  case sameFile = "same-file"
  /// The same certificate id (or MedBiquitous CreditID) twice.
  case sameCertificateID = "same-certificate-id"
  /// The same date and a near-identical title in one source.
  case sameActivity = "same-activity"
}

/// Why a sign-in, credit record or log line names no learner the office check can tell apart.
public enum UnknownLearnerReason: String, Sendable, Hashable, Codable, CaseIterable {
  /// No NPI, email, id or full name.
  case noIdentity = "no-identity"
  /// A name that fits several learners.
  case ambiguous
}

/// Why a finding was raised, for the codes that say: `unverifiable`, `duplicate` and `unknown-learner`.
/// Reports write it as its text (`no-record`, `same-file`, `ambiguous`), as Codable writes a raw value.
public enum FindingReason: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
  case unverifiable(UnverifiableReason)
  case duplicate(DuplicateReason)
  case unknownLearner(UnknownLearnerReason)

  /// The reason's text, as reports and decisions files write it.
  public var rawValue: String {
    switch self {
    case .unverifiable(let reason): reason.rawValue
    case .duplicate(let reason): reason.rawValue
    case .unknownLearner(let reason): reason.rawValue
    }
  }

  /// The reason a text names (the codes' reasons do not share a text).
  public init?(rawValue: String) {
    if let reason = UnverifiableReason(rawValue: rawValue) {
      self = .unverifiable(reason)
    } else if let reason = DuplicateReason(rawValue: rawValue) {
      self = .duplicate(reason)
    } else if let reason = UnknownLearnerReason(rawValue: rawValue) {
      self = .unknownLearner(reason)
    } else {
      return nil
    }
  }

  public var description: String { rawValue }
}

/// One problem the audit found, with what to do about it.
public struct Finding: Sendable, Hashable, Codable {
  /// `findings` grouped by severity, errors first, leaving out severities with none.
  public static func bySeverity(_ findings: [Finding]) -> [(severity: Severity, findings: [Finding])] {
    Severity.allCases.reversed().compactMap { severity in
      let group = findings.filter { $0.severity == severity }
      return group.isEmpty ? nil : (severity, group)
    }
  }

  public var code: FindingCode
  public var severity: Severity
  /// For `unverifiable`, `duplicate` and `unknown-learner`: why.
  public var reason: FindingReason?
  public var message: String
  public var action: String
  public var records: [String]
  public var locations: [Provenance]
  /// For `missing-from-log` and `unverifiable` `no-record`: the closest record that was not linked, and why.
  public var nearest: NearestCandidate?
  /// For the attendance check: the learner (person id) and the session (session id) concerned.
  public var learner: String?
  public var session: String?

  public init(
    code: FindingCode, severity: Severity, reason: FindingReason? = nil, message: String, action: String,
    records: [String], locations: [Provenance], learner: String? = nil, session: String? = nil
  ) {
    self.learner = learner
    self.session = session
    self.code = code
    self.severity = severity
    self.reason = reason
    self.message = message
    self.action = action
    self.records = records
    self.locations = locations
  }

  /// `code (reason)`, as reports title a finding.
  public var label: String { code.rawValue + (reason.map { " (\($0))" } ?? "") }
}

/// The closest record a finding's record was not linked to, and why not.
public struct NearestCandidate: Sendable, Hashable, Codable {
  public var record: String
  public var location: Provenance
  public var why: String

  public init(record: String, location: Provenance, why: String) {
    self.record = record
    self.location = location
    self.why = why
  }
}
