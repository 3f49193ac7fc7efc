/// A calendar day with no time of day and no time zone, so no conversion can move a session to
/// another day. Stored as a day number (days since 1970-01-01) for cheap arithmetic and ordering.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// Days since 1970-01-01 in the proleptic Gregorian calendar.
  public let dayNumber: Int

  public init(dayNumber: Int) { self.dayNumber = dayNumber }

  /// Creates a day, or returns nil when the date does not exist (31 April, 29 February 2027).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CalendarDay.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    // Days-from-civil, after Howard Hinnant's public-domain algorithm.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    self.dayNumber = era * 146097 + doe - 719468
  }

  /// Year, month and day of `YYYY-MM-DD` in ASCII bytes; nil for anything else.
  public static func isoParts(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let y = number(bytes, 0..<4), let m = number(bytes, 5..<7), let d = number(bytes, 8..<10)
    else { return nil }
    return (y, m, d)
  }

  /// The ASCII digits `bytes[range]` as a number; nil when one is not a digit.
  public static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    var value = 0
    for index in range {
      let digit = bytes[index] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      value = value * 10 + Int(digit)
    }
    return value
  }

  /// Parses exactly `YYYY-MM-DD`.
  public init?(iso text: String) {
    // The common spelling, YYYY-MM-DD in ASCII digits, read from the bytes; anything else the general way.
    var text = text
    let digits = text.withUTF8(Self.isoParts)
    if let (y, m, d) = digits {
      self.init(year: y, month: m, day: d)
      return
    }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  public var components: (year: Int, month: Int, day: Int) {
    let z = dayNumber + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  public var year: Int { components.year }
  public var month: Int { components.month }

  /// `YYYY-MM-DD`.
  public var description: String {
    let c = components
    return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
  }

  public func adding(days: Int) -> CalendarDay { CalendarDay(dayNumber: dayNumber + days) }

  /// The same day of the month `months` later (earlier when negative), or the month's last day when it has
  /// fewer days; nil past the years a calendar day holds.
  public func adding(months: Int) -> CalendarDay? {
    guard months.magnitude < 120_000 else { return nil }
    let c = components
    let total = c.year * 12 + (c.month - 1) + months
    guard total >= 0 else { return nil }
    let (year, month) = (total / 12, total % 12 + 1)
    return CalendarDay(
      year: year, month: month, day: min(c.day, CalendarDay.daysIn(month: month, year: year)))
  }

  /// The whole number of months from `self` to `other` (2025-02-01 to 2027-02-01: 24); nil when `other` is not
  /// a whole number of months later.
  public func months(to other: CalendarDay) -> Int? {
    let (a, b) = (components, other.components)
    let months = (b.year * 12 + b.month) - (a.year * 12 + a.month)
    guard months > 0, adding(months: months) == other else { return nil }
    return months
  }

  /// 0 for Sunday to 6 for Saturday (1970-01-01, day 0, was a Thursday).
  public var weekday: Int { ((dayNumber % 7) + 7 + 4) % 7 }

  /// The weekdays' names, lowercased, as `weekday` numbers them.
  public static let weekdayNames = [
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
  ]

  /// Signed number of days from `self` to `other`.
  public func days(to other: CalendarDay) -> Int { other.dayNumber - dayNumber }

  public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.dayNumber < rhs.dayNumber }

  public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let day = CalendarDay(iso: text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
    }
    self = day
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

private func pad(_ value: Int, _ width: Int) -> String {
  let text = String(value)
  return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

/// An inclusive range of days: a reporting period or an academic year.
public struct Period: Sendable, Hashable, Codable {
  public var from: CalendarDay
  public var to: CalendarDay

  public init(from: CalendarDay, to: CalendarDay) {
    self.from = from
    self.to = to
  }

  /// The academic (PGY) year that starts on 1 July of `startYear` and ends on 30 June of the next year.
  public static func academicYear(_ startYear: Int) -> Period? {
    guard let from = CalendarDay(year: startYear, month: 7, day: 1),
      let to = CalendarDay(year: startYear + 1, month: 6, day: 30)
    else { return nil }
    return Period(from: from, to: to)
  }

  public func contains(_ day: CalendarDay) -> Bool { from <= day && day <= to }
}
