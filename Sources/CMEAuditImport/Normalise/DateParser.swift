import CMEAuditModel
import CMEAuditSupport
import Foundation

/// Reads the date spellings transcripts and logs use: ISO (with or without a time), numeric dates such as
/// 3/14/2026, 14/3/2026, 14.03.2026 or 3/14/26, "Mar 14, 2026", "14-Mar-2026", "14 March 2026", and ranges
/// such as "4/23/2026 - 4/25/2026" or "April 23-25, 2026", and Excel serial day numbers written as text
/// (five digits, 1954–2119). A numeric date is read in the `order` given;
/// without one it is read only when a single reading is possible (25/03/2026, 3/25/2026, 3/3/2026).
public enum DateParser {
  /// A parsed date or range.
  public struct Result: Sendable, Equatable {
    public var start: CalendarDay
    public var end: CalendarDay?
  }

  /// The years a CME record can be dated in. A day outside them is a typo or a placeholder (0001-01-01,
  /// 9999-12-31), not an activity: read as one, it was given an academic year that does not exist (a trap).
  public static let years = 1900...2199

  /// Parses a single date or a range; nil when the text is not a date, names a day that does not exist,
  /// is outside `years`, or could be two days and no `order` says which.
  public static func parse(_ text: String, order: DateOrder? = nil) -> Result? {
    guard let result = anyYear(text, order: order), years.contains(result.start.year),
      result.end.map({ years.contains($0.year) }) ?? true
    else { return nil }
    return result
  }

  /// `parse`, in any year.
  private static func anyYear(_ text: String, order: DateOrder?) -> Result? {
    if let day = commonDay(text, order: order) { return Result(start: day, end: nil) }
    return parseGenerally(text, order: order)
  }

  /// `parse` without the fast reading of the commonest spellings (anywhere in it: the tests and the fuzzer
  /// compare the two).
  static func parseGenerally(_ text: String, order: DateOrder?) -> Result? {
    let trimmed = text.trimmed(newlines: true)
    guard !trimmed.isEmpty else { return nil }
    if let day = generalDay(trimmed, order: order) { return Result(start: day, end: nil) }
    return parseRange(trimmed, order: order)
  }

  /// The commonest spellings read straight from their bytes, `2026-03-14` and `3/14/2026` (or `14.03.2026`),
  /// as the general reading reads them; nil for anything else, which is left to the general reading (a
  /// day that does not exist, too).
  static func commonDay(_ text: String, order: DateOrder?) -> CalendarDay? {
    var text = text
    switch text.withUTF8(commonParts) {
    case .iso(let year, let month, let day): return CalendarDay(year: year, month: month, day: day)
    case .numeric(let a, let b, let year): return reading(a, b, year: year, order: order)
    case nil: return nil
    }
  }

  /// The parts of the commonest spellings, from their bytes.
  enum CommonParts {
    case iso(year: Int, month: Int, day: Int)
    /// A sep B sep YYYY: A and B of one or two digits, one separator ("/" or ".") twice.
    case numeric(Int, Int, year: Int)
  }

  static func commonParts(_ bytes: UnsafeBufferPointer<UInt8>) -> CommonParts? {
    let count = bytes.count
    guard count >= 8 else { return nil }
    if count > 10 { return isoWithTime(bytes) }
    if let (year, month, day) = CalendarDay.isoParts(bytes) {
      return .iso(year: year, month: month, day: day)
    }
    let first = bytes[1] == UInt8(ascii: "/") || bytes[1] == UInt8(ascii: ".") ? 1 : 2
    let separator = bytes[first]
    guard separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") else { return nil }
    let second = count - 5
    guard second - first == 2 || second - first == 3, bytes[second] == separator,
      let a = CalendarDay.number(bytes, 0..<first), let b = CalendarDay.number(bytes, first + 1..<second),
      let year = CalendarDay.number(bytes, second + 1..<count)
    else { return nil }
    return .numeric(a, b, year: year)
  }

  /// `2026-03-14T09:00:00Z` or `2026-03-14 09:00` in ASCII (an EthosCE completion date): the day, as the
  /// general reading keeps it when a time follows (after "T" or a space, a digit, and a colon somewhere);
  /// nil for anything else.
  private static func isoWithTime(_ bytes: UnsafeBufferPointer<UInt8>) -> CommonParts? {
    guard bytes.count > 12, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
      bytes[11] &- UInt8(ascii: "0") < 10, bytes.allSatisfy({ $0 < 0x80 }),
      bytes[12...].contains(UInt8(ascii: ":")),
      let (year, month, day) = CalendarDay.isoParts(UnsafeBufferPointer(rebasing: bytes[..<10]))
    else { return nil }
    return .iso(year: year, month: month, day: day)
  }

  /// The day `a/b/year` names in `order`; without one, only when both readings agree or one is impossible.
  private static func reading(_ a: Int, _ b: Int, year: Int, order: DateOrder?) -> CalendarDay? {
    let monthFirst = CalendarDay(year: year, month: a, day: b)
    let dayFirst = CalendarDay(year: year, month: b, day: a)
    switch order {
    case .mdy?: return monthFirst
    case .dmy?: return dayFirst
    case nil:
      // Without an order, only a date with one reading: 25/03/2026, 3/25/2026 or 3/3/2026.
      if let monthFirst, let dayFirst { return monthFirst == dayFirst ? monthFirst : nil }
      return monthFirst ?? dayFirst
    }
  }

  /// Parses one day.
  public static func parseDay(_ text: String, order: DateOrder? = nil) -> CalendarDay? {
    // The commonest spellings from their bytes first (sign-in sheets' `07/09/2025`), then the general
    // reading.
    guard let day = commonDay(text, order: order) ?? generalDay(text, order: order), years.contains(day.year)
    else { return nil }
    return day
  }

  /// `parseDay` without the fast reading of the commonest spellings.
  static func generalDay(_ text: String, order: DateOrder?) -> CalendarDay? {
    let s = text.trimmed(newlines: true)
    guard let first = s.first else { return nil }
    if first.isNumber, let day = parseNumeric(s, order: order) { return day }
    if let (weekday, rest) = leadingWeekday(s) {
      // "Wed 9/24/2025", "Wednesday, September 24, 2025" (Excel's long date): the day, if it is that
      // weekday; a weekday that disagrees leaves the cell unread rather than guessed.
      guard let day = generalDay(rest, order: order), day.weekday == weekday else { return nil }
      return day
    }
    return parseWithMonthName(s)
  }

  /// A leading weekday name ("Wed", "Wednesday,", "Thu.") as `CalendarDay.weekday` numbers it, and the rest.
  static func leadingWeekday(_ s: String) -> (Int, String)? {
    let word = s.prefix { $0.isLetter }
    guard word.count >= 3, word.utf8.count < s.utf8.count else { return nil }
    let lower = word.lowercased()
    guard
      let weekday = CalendarDay.weekdayNames.firstIndex(where: {
        $0 == lower
          || $0.hasPrefix(lower)
            && (lower.count == 3 || lower == "tues" || lower == "thur" || lower == "thurs")
      })
    else { return nil }
    let rest = s.dropFirst(word.count).drop { $0 == "," || $0 == "." || $0 == " " }
    guard rest.count < s.count - word.count else { return nil }  // a separator after the name
    return (weekday, String(rest))
  }

  /// True when the text is a date in one order and a different date in the other (3/4/2026), so that
  /// reading it needs the file's or the user's day/month order.
  public static func isAmbiguous(_ text: String) -> Bool {
    parse(text) == nil && parse(text, order: .mdy) != nil && parse(text, order: .dmy) != nil
  }

  /// Whether `text` is a date read in one day/month order or the other (a file's order is decided after).
  public static func isDateInEitherOrder(_ text: String) -> Bool {
    parse(text, order: .mdy) != nil || parse(text, order: .dmy) != nil
  }

  /// What a date's problem says when its file's dates settle no day/month order.
  public static let unsettledOrder = "no date in the file settles the day/month order"

  /// Why `text` could not be read as a date, for a report: not a date, or two days and no order given.
  public static func problem(_ text: String, what: String, order: DateOrder? = nil) -> String {
    let trimmed = text.trimmed(newlines: true)
    if let read = anyYear(trimmed, order: order) ?? anyYear(trimmed, order: .mdy),
      let outside = [read.start, read.end].compactMap({ $0 }).first(where: { !years.contains($0.year) })
    {
      return
        "\(what) '\(text)' is in the year \(outside.year), not one a CME activity is dated in (\(years.lowerBound)–\(years.upperBound))"
    }
    if let (weekday, rest) = leadingWeekday(trimmed), let day = parseDay(rest, order: order),
      day.weekday != weekday
    {
      let name = { (index: Int) in CalendarDay.weekdayNames[index].capitalized }
      return "\(what) '\(text)': \(day) is a \(name(day.weekday)), not a \(name(weekday))"
    }
    guard isAmbiguous(text), let mdy = parse(text, order: .mdy)?.start,
      let dmy = parse(text, order: .dmy)?.start
    else { return "\(what) '\(text)' is not a date (or the day does not exist)" }
    return
      "\(what) '\(text)' could be \(mdy) or \(dmy), and \(unsettledOrder); give --date-order mdy or dmy"
  }

  /// The other reading of a numeric date that was read as `day`: 4/3/2026 read as 3 April gives 4 March,
  /// and an ISO 2026-03-02 gives 2026-02-03 (typed with month and day swapped). Nil when the day and month
  /// cannot be swapped.
  public static func swappedReading(of text: String, readAs day: CalendarDay) -> CalendarDay? {
    if let mdy = parse(text, order: .mdy)?.start, let dmy = parse(text, order: .dmy)?.start, mdy != dmy {
      return mdy == day ? dmy : mdy
    }
    // An ISO date typed by hand with its month and day swapped (2026-03-02 for 2026-02-03).
    let c = day.components
    guard text.trimmed().firstMatch(of: /^\d{4}-\d{2}-\d{2}/) != nil, c.day <= 12, c.day != c.month else {
      return nil
    }
    return CalendarDay(year: c.year, month: c.day, day: c.month)
  }

  /// The two leading numbers of a numeric date that is not ISO (3/14/2026 → (3, 14)).
  static func numericParts(_ text: String) -> (Int, Int)? {
    let s = text.trimmed()
    // The part before a space (a time may follow); most dates have none.
    var datePart =
      s.utf8.contains(0x20) ? s.split(separator: " ", maxSplits: 1).first.map(String.init) ?? s : s
    if datePart.count < s.count, datePart.hasSuffix(",") { datePart.removeLast() }
    guard let (a, b, _) = numericComponents(datePart) else { return nil }
    return (a, b)
  }

  /// The pieces of a range ("4/23/2026 - 4/25/2026"), or the text itself.
  static func rangePieces(_ text: String) -> [String] {
    guard text.utf8.contains(0x20) else { return [text] }  // every separator has a space (most dates do not)
    for separator in [" - ", " – ", " — ", " to "] where text.contains(separator) {
      return text.components(separatedBy: separator)
    }
    return [text]
  }

  /// `A/B/YYYY`, `A.B.YYYY`, `A-B-YY`: three numeric parts, the year last (two or four digits).
  static func numericComponents(_ datePart: String) -> (Int, Int, Int)? {
    var datePart = datePart
    if let parts = datePart.withUTF8(asciiComponents) { return parts }
    guard datePart.utf8.contains(where: { $0 >= 0x80 }) else { return nil }  // ASCII: the answer is no
    return generalComponents(datePart)
  }

  /// The reading on Characters (any text).
  static func generalComponents(_ datePart: String) -> (Int, Int, Int)? {
    guard let separator = datePart.first(where: { $0 == "/" || $0 == "." || $0 == "-" }) else { return nil }
    let parts = datePart.split(separator: separator, omittingEmptySubsequences: false)
    guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
      parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 2 || parts[2].count == 4,
      let a = Int(parts[0]), let b = Int(parts[1]), var y = Int(parts[2])
    else { return nil }
    if parts[2].count == 2 { y += 2000 }
    return (a, b, y)
  }

  /// The same reading on ASCII bytes, without making strings (a million dates per office file); nil for
  /// any text that is not `digits sep digits sep digits` (the caller then tries the general reading).
  private static func asciiComponents(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
    var numbers = (0, 0, 0)
    var lengths = (0, 0, 0)
    var part = 0
    var separator: UInt8 = 0
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        let digit = Int(byte - UInt8(ascii: "0"))
        switch part {
        case 0: (numbers.0, lengths.0) = (numbers.0 * 10 + digit, lengths.0 + 1)
        case 1: (numbers.1, lengths.1) = (numbers.1 * 10 + digit, lengths.1 + 1)
        default: (numbers.2, lengths.2) = (numbers.2 * 10 + digit, lengths.2 + 1)
        }
        if lengths.0 > 2 || lengths.1 > 2 || lengths.2 > 4 { return nil }
      case UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-"):
        if separator == 0 { separator = byte }
        guard byte == separator, part < 2 else { return nil }
        part += 1
      default: return nil
      }
    }
    guard part == 2, (1...2).contains(lengths.0), (1...2).contains(lengths.1),
      lengths.2 == 2 || lengths.2 == 4
    else { return nil }
    return (numbers.0, numbers.1, lengths.2 == 2 ? numbers.2 + 2000 : numbers.2)
  }

  private static func parseNumeric(_ s: String, order: DateOrder?) -> CalendarDay? {
    // ISO, with an optional time part: 2026-03-14, 2026-03-14T09:00:00Z, 2026-03-14 09:00.
    if s.count >= 10, s.dropFirst(4).first == "-" {
      let datePart = String(s.prefix(10))
      guard isTime(s.dropFirst(10)) else { return nil }
      return CalendarDay(iso: datePart)
    }
    // An Excel serial day number written out as text (a PARS completion date such as 46110).
    if s.count == 5, s.allSatisfy(\.isASCIIDigit), let serial = Int(s), (20_000...80_000).contains(serial) {
      return ExcelDate.day(serial: Double(serial), date1904: false)
    }
    // Numeric day and month in either order, optionally followed by a time (after a comma, as Teams writes
    // "9/3/25, 11:58:03 AM").
    let split = s.split(separator: " ", maxSplits: 1)
    var datePart = split.first.map(String.init) ?? s
    if split.count == 2, !isTime(" " + split[1]) { return nil }
    if split.count == 2, datePart.hasSuffix(",") { datePart.removeLast() }
    // The year first with slashes or dots (2025/09/10, 2025.9.10): year, month, day, whatever the order.
    let parts = datePart.split(whereSeparator: { $0 == "/" || $0 == "." })
    if parts.count == 3, parts[0].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
      (1...2).contains(parts[1].count), (1...2).contains(parts[2].count)
    {
      return CalendarDay(year: Int(parts[0])!, month: Int(parts[1])!, day: Int(parts[2])!)
    }
    guard let (a, b, y) = numericComponents(datePart) else { return nil }
    return reading(a, b, year: y, order: order)
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

  private static func parseRange(_ s: String, order: DateOrder?) -> Result? {
    for separator in [" - ", " – ", " — ", " to ", "–", "—"] {
      guard let range = s.range(of: separator) else { continue }
      let left = String(s[..<range.lowerBound])
      let right = String(s[range.upperBound...])
      if let start = generalDay(left, order: order), let end = generalDay(right, order: order), start <= end {
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
