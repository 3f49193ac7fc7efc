import Foundation

/// One scheduled session: a date, a title (or series), the credit it is designated for.
public struct Session: Sendable, Hashable, Codable {
  /// Stable: the date and the title's words.
  public var id: String
  public var title: String
  public var date: CalendarDay
  public var endDate: CalendarDay?
  /// The credit the session is designated for, when the schedule says.
  public var credits: Decimal?
  public var creditType: CreditType?
  /// The schedule's own session id, when it has one.
  public var sessionID: String?
  public var source: Provenance
}

/// One sign-in (or registration) row of a roster.
public struct AttendanceEntry: Sendable, Hashable {
  public var learner: Learner
  public var date: CalendarDay
  public var title: String?
  public var sessionID: String?
  public var checkIn: String?
  public var source: Provenance
  /// A registration list, not attendance: it never counts as a sign-in.
  public var isRegistration: Bool
}
