import Foundation

/// Claimed and verified credit for one credit type.
public struct TypeTotal: Sendable, Hashable, Codable {
  /// A ``CreditType`` id, or `unspecified` for lines that name no type.
  public var type: String
  public var claimed: Decimal
  public var verified: Decimal
}

/// Totals for one academic or calendar year.
public struct PeriodTotal: Sendable, Hashable, Codable {
  /// `2025-26` for an academic year, `2026` for a calendar year.
  public var label: String
  public var from: CalendarDay
  public var to: CalendarDay
  public var byType: [TypeTotal]
}

/// An activity whose credit counts: its date, the credit lines that count, and where it comes from.
public struct VerifiedActivity: Sendable, Hashable {
  /// The activity's id (its first record's id).
  public var id: String
  public var date: CalendarDay
  public var title: String
  public var credits: [CreditLine]
  public var records: [String]
  /// Topics from the log's Topics column and the records (lowercased as written).
  public var topics: [String]
}

/// Per-type totals for the period, and year by year.
public struct Totals: Sendable, Hashable, Codable {
  public var byType: [TypeTotal]
  /// Academic (PGY) years, 1 July to 30 June, in order.
  public var byAcademicYear: [PeriodTotal] = []
  public var byCalendarYear: [PeriodTotal] = []
  /// Each month (`2026-03`), for charts.
  public var byMonth: [PeriodTotal] = []

  /// `claimed`: the log's amounts (pending evaluations are not claimed yet). `verified`: each activity once,
  /// with the credit of its transcript record, else its certificate, when that record shows accreditation;
  /// participation and self-reported lines, duplicates and unverified log lines never count.
  public static func compute(activities: [[ActivityRecord]], logRecords: [ActivityRecord]) -> Totals {
    compute(verified: verifiedActivities(activities), logRecords: logRecords)
  }

  /// The totals from the activities already found to count (``verifiedActivities(_:)``).
  public static func compute(verified activities: [VerifiedActivity], logRecords: [ActivityRecord]) -> Totals
  {
    let claimed = logRecords.filter { $0.evaluation != .pending }.flatMap { record in
      record.credits.map { (day: record.date, line: $0) }
    }
    let verified = activities.flatMap { activity in
      activity.credits.map { (day: Optional(activity.date), line: $0) }
    }
    var totals = Totals(byType: table(claimed, verified))
    totals.byAcademicYear = periods(claimed, verified) { day in
      let start = day.month >= 7 ? day.year : day.year - 1
      let period = Period.academicYear(start)!
      return ("\(start)-\(String(start + 1).suffix(2))", period)
    }
    totals.byCalendarYear = periods(claimed, verified) { day in
      (
        "\(day.year)",
        Period(
          from: CalendarDay(year: day.year, month: 1, day: 1)!,
          to: CalendarDay(year: day.year, month: 12, day: 31)!)
      )
    }
    totals.byMonth = periods(claimed, verified) { day in
      let c = day.components
      let first = CalendarDay(year: c.year, month: c.month, day: 1)!
      let last = CalendarDay(
        year: c.year, month: c.month, day: CalendarDay.daysIn(month: c.month, year: c.year))!
      return (String(first.description.prefix(7)), Period(from: first, to: last))
    }
    return totals
  }

  /// The activities whose credit counts, with the lines that count.
  public static func verifiedActivities(_ activities: [[ActivityRecord]]) -> [VerifiedActivity] {
    activities.compactMap { members in
      guard
        let primary = FindingRules.combinedBySource(members.filter { $0.kind == .transcript }).first
          ?? members.first(where: { $0.kind == .certificate }),
        primary.showsAccreditation, !primary.selfReported, let date = primary.date
      else { return nil }
      let lines = primary.credits.filter { $0.type != .participation && $0.type?.isSelfReported != true }
      guard !lines.isEmpty else { return nil }
      let topics = members.flatMap(\.topics)
      return VerifiedActivity(
        id: members[0].id, date: date, title: primary.title, credits: lines, records: members.map(\.id),
        topics: topics)
    }
  }

  private typealias Entry = (day: CalendarDay?, line: CreditLine)

  private static func table(_ claimed: [Entry], _ verified: [Entry]) -> [TypeTotal] {
    var claimedByType: [String: Decimal] = [:]
    var verifiedByType: [String: Decimal] = [:]
    for entry in claimed { claimedByType[key(entry.line.type), default: 0] += entry.line.amount }
    for entry in verified { verifiedByType[key(entry.line.type), default: 0] += entry.line.amount }
    let types = Set(claimedByType.keys).union(verifiedByType.keys)
    let order = CreditType.allCases.map(\.rawValue) + ["unspecified"]
    return types.sorted { (order.firstIndex(of: $0) ?? 99) < (order.firstIndex(of: $1) ?? 99) }.map {
      TypeTotal(type: $0, claimed: claimedByType[$0] ?? 0, verified: verifiedByType[$0] ?? 0)
    }
  }

  /// The entries grouped by the period `bucket` puts each day in, in order of the periods.
  private static func periods(
    _ claimed: [Entry], _ verified: [Entry], bucket: (CalendarDay) -> (String, Period)
  ) -> [PeriodTotal] {
    var buckets: [String: (period: Period, claimed: [Entry], verified: [Entry])] = [:]
    for entry in claimed {
      guard let day = entry.day else { continue }
      let (label, period) = bucket(day)
      buckets[label, default: (period, [], [])].claimed.append(entry)
    }
    for entry in verified {
      guard let day = entry.day else { continue }
      let (label, period) = bucket(day)
      buckets[label, default: (period, [], [])].verified.append(entry)
    }
    return buckets.sorted { $0.value.period.from < $1.value.period.from }.map { label, value in
      PeriodTotal(
        label: label, from: value.period.from, to: value.period.to,
        byType: table(value.claimed, value.verified))
    }
  }

  private static func key(_ type: CreditType?) -> String { type?.rawValue ?? "unspecified" }
}
