import Foundation

/// Reads the date spellings transcripts and logs use: ISO (with or without a time), M/D/YYYY, M/D/YY,
/// "Mar 14, 2026", "14-Mar-2026", "14 March 2026", and ranges such as "4/23/2026 - 4/25/2026" or
/// "April 23-25, 2026". Month-first for slashed dates (day-first detection comes with the importers issue).
public enum DateParser {
  /// A parsed date or range.
  public struct Result: Sendable, Equatable {
    public var start: CalendarDay
    public var end: CalendarDay?
  }

  /// Parses a single date or a range; nil when the text is not a date or names a day that does not exist.
  public static func parse(_ text: String) -> Result? {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { return nil }
    if let day = parseDay(trimmed) { return Result(start: day, end: nil) }
    return parseRange(trimmed)
  }

  /// Parses one day.
  public static func parseDay(_ text: String) -> CalendarDay? {
    let s = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard let first = s.first else { return nil }
    if first.isNumber, let day = parseNumeric(s) { return day }
    return parseWithMonthName(s)
  }

  private static func parseNumeric(_ s: String) -> CalendarDay? {
    // ISO, with an optional time part: 2026-03-14, 2026-03-14T09:00:00Z, 2026-03-14 09:00.
    if s.count >= 10, s.dropFirst(4).first == "-" {
      let datePart = String(s.prefix(10))
      guard isTime(s.dropFirst(10)) else { return nil }
      return CalendarDay(iso: datePart)
    }
    // M/D/YYYY or M/D/YY, optionally followed by a time.
    let split = s.split(separator: " ", maxSplits: 1)
    let datePart = split.first.map(String.init) ?? s
    if split.count == 2, !isTime(" " + split[1]) { return nil }
    let parts = datePart.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
      parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 2 || parts[2].count == 4,
      let m = Int(parts[0]), let d = Int(parts[1]), var y = Int(parts[2])
    else { return nil }
    if parts[2].count == 2 { y += 2000 }
    return CalendarDay(year: y, month: m, day: d)
  }

  /// Nothing, or a time of day after "T" or a space ("T09:00:00Z", " 9:30 AM"): the day is kept as written.
  private static func isTime(_ rest: Substring) -> Bool {
    guard let first = rest.first else { return true }
    guard first == "T" || first == " " else { return false }
    let time = rest.dropFirst()
    return time.first?.isASCIIDigit == true && time.contains(":")
  }

  private static func parseWithMonthName(_ s: String) -> CalendarDay? {
    // Tokens split on spaces, commas, dashes and dots: "Mar 14, 2026", "14-Mar-2026", "14 March 2026".
    let tokens = s.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" || $0 == "." })
    guard tokens.count == 3 else { return nil }
    if let m = month(tokens[0]), let d = day(tokens[1]), let y = year(tokens[2]) {
      return CalendarDay(year: y, month: m, day: d)
    }
    if let d = day(tokens[0]), let m = month(tokens[1]), let y = year(tokens[2]) {
      return CalendarDay(year: y, month: m, day: d)
    }
    return nil
  }

  private static func parseRange(_ s: String) -> Result? {
    for separator in [" - ", " – ", " — ", " to ", "–", "—"] {
      guard let range = s.range(of: separator) else { continue }
      let left = String(s[..<range.lowerBound])
      let right = String(s[range.upperBound...])
      if let start = parseDay(left), let end = parseDay(right), start <= end {
        return Result(start: start, end: end)
      }
    }
    // "April 23-25, 2026" / "Apr 23 - 25, 2026"
    let tokens = s.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" || $0 == "–" })
    if tokens.count == 4, let m = month(tokens[0]), let d1 = day(tokens[1]), let d2 = day(tokens[2]),
      let y = year(tokens[3]), let start = CalendarDay(year: y, month: m, day: d1),
      let end = CalendarDay(year: y, month: m, day: d2), start <= end
    {
      return Result(start: start, end: end)
    }
    return nil
  }

  private static let months: [String: Int] = [
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
  ]
  private static let fullMonths = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
  ]

  private static func month(_ token: Substring) -> Int? {
    let t = token.lowercased()
    if let m = months[t] { return m }
    if let index = fullMonths.firstIndex(of: t) { return index + 1 }
    return nil
  }

  private static func day(_ token: Substring) -> Int? {
    var t = token.lowercased()
    for suffix in ["st", "nd", "rd", "th"] where t.hasSuffix(suffix) { t.removeLast(2) }
    guard (1...2).contains(t.count), t.allSatisfy(\.isASCIIDigit) else { return nil }
    return Int(t)
  }

  private static func year(_ token: Substring) -> Int? {
    guard token.allSatisfy(\.isASCIIDigit) else { return nil }
    if token.count == 4 { return Int(token) }
    if token.count == 2, let y = Int(token) { return 2000 + y }
    return nil
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}
