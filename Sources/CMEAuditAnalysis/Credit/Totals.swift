import CMEAuditModel
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
  /// MOC points, each board's apart (points of one board do not count toward another's MOC); nil when the
  /// period has none.
  public var pointsByBoard: [BoardPoints]?
}

/// Claimed and verified MOC points of one board.
public struct BoardPoints: Sendable, Hashable, Codable {
  /// The board the line's text names (`ABIM`), or `unnamed` when it names none.
  public var board: String
  public var claimed: Decimal
  public var verified: Decimal
}

extension PeriodTotal {
  /// Claimed and verified hours: every credit type counted in hours (MOC points are not hours).
  public var hours: (claimed: Decimal, verified: Decimal) { sum { !$0.isPoints } }

  /// The lines of the types `counts` picks (lines naming no type are hours).
  private func sum(_ counts: (CreditType) -> Bool) -> (claimed: Decimal, verified: Decimal) {
    let picked = byType.filter { total in CreditType(rawValue: total.type).map(counts) ?? counts(.other) }
    return (
      picked.reduce(Decimal(0)) { $0 + $1.claimed }, picked.reduce(Decimal(0)) { $0 + $1.verified }
    )
  }
}

/// An activity whose credit counts: its date, the credit lines that count, and where it comes from.
public struct VerifiedActivity: Sendable, Hashable {
  /// The activity's id (its first record's id).
  public var id: String
  public var date: CalendarDay
  public var title: String
  /// The provider its record names.
  public var provider: String?
  public var credits: [CreditLine]
  public var records: [String]
  /// Topics from the log's Topics column and the records (lowercased as written).
  public var topics: [String]
}

/// Per-type totals for the period, and year by year.
public struct Totals: Sendable, Hashable, Codable {
  public var byType: [TypeTotal]
  /// The MOC points of `byType`, each board's apart; nil without points.
  public var pointsByBoard: [BoardPoints]?
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
    var totals = Totals(byType: table(claimed, verified), pointsByBoard: boards(claimed, verified))
    // Each entry is put in its period by a number; a period's label and dates are made once.
    totals.byAcademicYear = periods(claimed, verified, key: { $0.month >= 7 ? $0.year : $0.year - 1 }) {
      start in
      ("\(start)-\(String(start + 1).suffix(2))", Period.academicYear(start)!)
    }
    totals.byCalendarYear = periods(claimed, verified, key: \.year) { year in
      (
        "\(year)",
        Period(
          from: CalendarDay(year: year, month: 1, day: 1)!, to: CalendarDay(year: year, month: 12, day: 31)!)
      )
    }
    totals.byMonth = periods(claimed, verified, key: { $0.year * 12 + $0.month - 1 }) { key in
      let (year, month) = (key / 12, key % 12 + 1)
      let first = CalendarDay(year: year, month: month, day: 1)!
      let last = CalendarDay(year: year, month: month, day: CalendarDay.daysIn(month: month, year: year))!
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
      // What the physician claims (not a claim still waiting for its evaluation) limits what counts.
      let claim = ActivityRecord.combined(members.filter { $0.kind == .log && $0.evaluation != .pending })
      let lines = primary.credits.filter { $0.type != .participation && !$0.isSelfReported(on: primary) }
        .map { counted($0, claimedIn: claim) }
      guard !lines.isEmpty else { return nil }
      let topics = members.flatMap(\.topics)
      return VerifiedActivity(
        id: members[0].id, date: date, title: primary.title, provider: primary.provider, credits: lines,
        records: members.map(\.id), topics: topics)
    }
  }

  /// A record's credit line as it counts: where the log claims the same credit type, the smaller of the two
  /// amounts (a physician claims only what they attended, and a designation is a maximum, not an award); a type
  /// the claim does not mention, or no claim at all, counts as the record says.
  static func counted(_ line: CreditLine, claimedIn claim: ActivityRecord?) -> CreditLine {
    guard let type = line.type, let claimed = claim?.credits.first(where: { $0.type == type }),
      claimed.amount < line.amount
    else { return line }
    var counted = line
    counted.amount = claimed.amount
    return counted
  }

  private typealias Entry = (day: CalendarDay?, line: CreditLine)

  /// Claimed and verified by type, in the order of `CreditType.allCases`, lines naming no type last.
  private static func table(_ claimed: [Entry], _ verified: [Entry]) -> [TypeTotal] {
    // One slot a type (by its place among the cases), the last for no type: no string hashed a line.
    let types = CreditType.allCases
    let unspecified = types.count
    var sums = [(claimed: Decimal?, verified: Decimal?)](repeating: (nil, nil), count: unspecified + 1)
    func slot(_ type: CreditType?) -> Int { type.flatMap { types.firstIndex(of: $0) } ?? unspecified }
    for entry in claimed {
      let index = slot(entry.line.type)
      sums[index].claimed = (sums[index].claimed ?? 0) + entry.line.amount
    }
    for entry in verified {
      let index = slot(entry.line.type)
      sums[index].verified = (sums[index].verified ?? 0) + entry.line.amount
    }
    return sums.indices.compactMap { index in
      let sum = sums[index]
      guard sum.claimed != nil || sum.verified != nil else { return nil }
      let type = index == unspecified ? "unspecified" : types[index].rawValue
      return TypeTotal(type: type, claimed: sum.claimed ?? 0, verified: sum.verified ?? 0)
    }
  }

  /// The entries grouped by the period `key` numbers each day into (in the periods' order), each labelled and
  /// dated by `period`.
  private static func periods(
    _ claimed: [Entry], _ verified: [Entry], key: (CalendarDay) -> Int, period: (Int) -> (String, Period)
  ) -> [PeriodTotal] {
    var buckets: [Int: (claimed: [Entry], verified: [Entry])] = [:]
    for entry in claimed {
      guard let day = entry.day else { continue }
      buckets[key(day), default: ([], [])].claimed.append(entry)
    }
    for entry in verified {
      guard let day = entry.day else { continue }
      buckets[key(day), default: ([], [])].verified.append(entry)
    }
    return buckets.keys.sorted().map { number in
      let (label, period) = period(number)
      let bucket = buckets[number]!
      return PeriodTotal(
        label: label, from: period.from, to: period.to, byType: table(bucket.claimed, bucket.verified),
        pointsByBoard: boards(bucket.claimed, bucket.verified))
    }
  }

  /// Claimed and verified points by board, boards in order of name, unnamed last; nil without points.
  private static func boards(_ claimed: [Entry], _ verified: [Entry]) -> [BoardPoints]? {
    var sums: [String: (claimed: Decimal, verified: Decimal)] = [:]
    for entry in claimed where entry.line.type?.isPoints == true {
      sums[entry.line.board ?? "unnamed", default: (0, 0)].claimed += entry.line.amount
    }
    for entry in verified where entry.line.type?.isPoints == true {
      sums[entry.line.board ?? "unnamed", default: (0, 0)].verified += entry.line.amount
    }
    guard !sums.isEmpty else { return nil }
    let named = sums.keys.filter { $0 != "unnamed" }.sorted()
    return (named + (sums["unnamed"] == nil ? [] : ["unnamed"])).map { board in
      let sum = sums[board]!
      return BoardPoints(board: board, claimed: sum.claimed, verified: sum.verified)
    }
  }
}
