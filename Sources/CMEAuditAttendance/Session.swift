import CMEAuditModel
import CMEAuditSupport
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
  /// How long the learner was there, in minutes, when the sign-in says (a video meeting's report).
  public var minutes: Decimal?
  /// Which table of its file the row is in (a Teams report lists the participants, then each join again
  /// under a heading of its own: a learner's time is summed within a table, not across them).
  public var table = 0

  /// How long `text` says, in minutes: `1:04:08` or `1:04` (hours, minutes, seconds), with units (`1h 4m 8s`,
  /// `58 min`, `1 hr`), or a bare number in the column's unit, `bare` minutes each (Zoom's "Duration
  /// (Minutes)": 1; a column that names no unit: nil, and the number says nothing); nil when it is none of
  /// these.
  public static func minutes(_ text: String, bare: Decimal?) -> Decimal? {
    let text = text.trimmed().lowercased()
    if let number = Decimal(string: text), number >= 0, text.allSatisfy({ $0.isASCIIDigit || $0 == "." }) {
      return bare.map { number * $0 }
    }
    let clock = text.split(separator: ":")
    if (2...3).contains(clock.count), clock.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) {
      let parts = clock.compactMap { Decimal(string: String($0)) }
      return parts[0] * 60 + parts[1] + (parts.count == 3 ? parts[2] / 60 : 0)
    }
    let part = /(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b/
    var total = Decimal(0)
    var found = false
    for match in text.matches(of: part) {
      guard let amount = Decimal(string: String(match.output.1)) else { return nil }
      switch match.output.2.first {
      case "h": total += amount * 60
      case "m": total += amount
      default: total += amount / 60
      }
      found = true
    }
    // Every character is part of an amount, its unit or the spaces between them.
    let rest = text.replacing(part, with: "")
    return found && rest.allSatisfy(\.isWhitespace) ? total : nil
  }
}
