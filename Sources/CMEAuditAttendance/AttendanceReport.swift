import CMEAuditAnalysis
import CMEAuditImport
import CMEAuditModel
import CMEAuditSupport
import Foundation

/// The attendance check's report: sessions and learners summarised, and the findings to work through.
public struct AttendanceReport: Sendable, Encodable {
  public struct SessionSummary: Sendable, Encodable {
    public var id: String
    public var title: String
    public var date: CalendarDay
    public var credits: Decimal?
    /// Learners registered, when a registration list was given.
    public var registered: Int?
    public var signedIn: Int
    public var credited: Int
    public var problems: Int
  }

  public struct LearnerSummary: Sendable, Encodable {
    public var id: String
    public var name: String
    public var attended: Int
    public var credited: Int
    public var problems: Int
  }

  /// What was read of one kind of input (`roster`, `transcript`, `log`), over all its files: every row is a
  /// record (a sign-in, for a roster), a row that could not be read (an `unreadable-row` finding), a total
  /// row, a row for an activity not completed, or (a roster's) a row heading a section or table below.
  public struct SourceTally: Sendable, Encodable, Equatable {
    public var kind: String
    public var files = 0
    public var records = 0
    public var rejected = 0
    public var totalRows = 0
    public var skipped = 0
    public var headerRows = 0

    public init(kind: String) { self.kind = kind }
  }

  public var schemaVersion = 1
  public var period: Period?
  /// The one learner reported on (`--learner`: their id); nil when every learner is.
  public var learner: String?
  public var sources: [SourceTally] = []
  public var sessions: [SessionSummary]
  public var learners: [LearnerSummary]
  public var findings: [Finding]
  /// Stage timings of the run that made the report (not encoded).
  public var timings: [StageTiming] = []

  private enum CodingKeys: String, CodingKey {
    case schemaVersion, period, learner, sources, sessions, learners, findings
  }
}

extension AttendanceReport {
  /// The report of one learner: each session as it stands for them (signed in and credited: 1 or 0), their
  /// findings, the sessions' own (a session no one signed in to may be a lost sheet with their name on it)
  /// and the rows at `mayBe` that could be them or another learner; the others' findings are left out, the
  /// rows of every learner still counted in `sources`.
  mutating func focus(
    on person: LearnerDirectory.Person, attended: [Bool], credited: [Bool], registered: [Bool],
    mayBe: Set<Provenance>
  ) {
    learner = person.id
    findings.removeAll { finding in
      if let learner = finding.learner { return learner != person.id }
      switch finding.code {
      case .sessionWithoutAttendance: return false
      case .unknownLearner: return !(finding.locations.first.map(mayBe.contains) ?? false)
      default: return true
      }
    }
    learners.removeAll { $0.id != person.id }
    let problems = Dictionary(grouping: findings.compactMap(\.session), by: { $0 }).mapValues(\.count)
    for index in sessions.indices {
      sessions[index].signedIn = attended[index] ? 1 : 0
      sessions[index].credited = credited[index] ? 1 : 0
      if sessions[index].registered != nil { sessions[index].registered = registered[index] ? 1 : 0 }
      sessions[index].problems = problems[sessions[index].id] ?? 0
    }
  }
}
