import CMEAuditImport
import CMEAuditModel
import Foundation

extension Matcher {
  /// A record's credit in hours: its lines that are not points (an activity's MOC points never add to its
  /// hours, so a day's 7.5 credits and 7.5 points are not two days of 7.5).
  static func hours(_ record: ActivityRecord) -> Decimal {
    record.credits.filter { $0.type?.isPoints != true }.reduce(Decimal(0)) { $0 + $1.amount }
  }

  /// One record against several of another source whose credits add up to it: a meeting logged as one
  /// line (18.5 credits, 23–25 April) but transcribed as a row per day or per session, or a multi-day
  /// course on one transcript row logged day by day. Each group is a `whole` and its `parts`; a record is
  /// in one group at most, and a whole that one record already matches in full is no group.
  func aggregates(_ records: [ActivityRecord], words: [[String]], keys: [String], live: [Int]) -> [(
    whole: Int, parts: [Int]
  )] {
    var groups: [(whole: Int, parts: [Int])] = []
    var used = Set<Int>()
    let window = MatchEvidence.dateWindow
    // Each record's hours once, and records read in place, not copied: a day of hundreds of records made
    // every record's window thousands of copies (6,000 log lines alone took 1.6 s).
    var hoursOf = [Decimal](repeating: 0, count: records.count)
    for index in live { hoursOf[index] = Self.hours(records[index]) }
    for whole in live where !used.contains(whole) {
      let total = hoursOf[whole]
      guard total > 0, let first = records[whole].firstDay, let last = records[whole].lastDay else {
        continue
      }
      var bySource: [String: [Int]] = [:]
      var fullMatch = Set<String>()
      // `live` is in order of first day: look only between the window's edges, and compare titles only
      // of records whose credits could be a part (cheap tests first).
      let from = first.adding(days: -window)
      let to = last.adding(days: window)
      let start = Self.firstPosition(in: live, from: from, records: records)
      for part in live[start...] {
        guard let day = records[part].firstDay, day <= to else { break }
        let hours = hoursOf[part]
        guard part != whole, !used.contains(part), keys[part] != keys[whole], hours > 0, hours <= total
        else { continue }
        if hours == total {
          fullMatch.insert(keys[part])  // a record that matches the whole in full: no aggregate there
        } else {
          bySource[keys[part], default: []].append(part)
        }
      }
      for (source, candidates) in bySource.sorted(by: { $0.key < $1.key })
      where candidates.count >= 2 && !fullMatch.contains(source) {
        let parts = candidates.filter {
          TitleSimilarity.score(words[whole], words[$0]) >= Self.aggregateTitleSimilarity
        }
        guard parts.count >= 2, parts.reduce(Decimal(0), { $0 + hoursOf[$1] }) == total
        else { continue }
        groups.append((whole, parts))
        used.insert(whole)
        used.formUnion(parts)
        break
      }
    }
    return groups
  }

  /// Pairs of a log line left alone (`logs`) and a record on (or up to the window before) the log's date
  /// read the other way round (day and month swapped, in any notation), with near-identical titles, the same
  /// credit and no different provider, best first; each is reported as a `date-mismatch`. Only lines with such a second reading are considered.
  func swappedDateCandidates(
    _ records: [ActivityRecord], words: [[String]], weights: WordWeights, keys: [String], live: [Int],
    logs: [Int]
  ) -> [(
    log: Int, record: Int, evidence: MatchEvidence
  )] {
    var byDay: [Int: [Int]] = [:]
    for index in live where records[index].kind != .log {
      guard let first = records[index].firstDay, let last = records[index].lastDay else { continue }
      for day in first.dayNumber...max(first.dayNumber, min(last.dayNumber, first.dayNumber + 31)) {
        byDay[day, default: []].append(index)
      }
    }
    var found: [(log: Int, record: Int, evidence: MatchEvidence)] = []
    guard !byDay.isEmpty else { return found }
    // A title that many records share (a weekly series by its name alone) vouches for a date read the other
    // way round only when a session falls on exactly that day: some session of the series is always near.
    for index in logs {
      guard let date = records[index].date, case let raw = records[index].rawDate ?? date.description,
        let swapped = DateParser.swappedReading(of: raw, readAs: date)
      else { continue }
      var moved = records[index]
      moved.date = swapped
      moved.endDate = nil
      // Records on the swapped day or up to the window before it (the log may also be a day or two late).
      // Near-identical titles count as shared (a typo does not make a series title distinctive). Counting
      // them looks at every record, so only for an entry with records near its swapped day (a log of 6,000
      // entries alone took 8 s to find none).
      guard (0...MatchEvidence.dateWindow).contains(where: { byDay[swapped.dayNumber - $0] != nil }) else {
        continue
      }
      let sharing = live.lazy.filter { TitleSimilarity.score(words[index], words[$0]) >= 0.9 }
        .prefix(Self.distinctiveTitleLimit + 1).count
      let reach = sharing > Self.distinctiveTitleLimit ? 0 : MatchEvidence.dateWindow
      let nearby = (0...reach).flatMap { byDay[swapped.dayNumber - $0] ?? [] }
      for other in Set(nearby).sorted() where keys[other] != keys[index] {
        guard
          var evidence = MatchEvidence.compare(
            moved, records[other], words[index], words[other], weights: weights),
          evidence.provider != "different", Self.creditsAgree(moved, records[other]),
          evidence.titleSimilarity
            >= (evidence.provider == "compatible"
              ? Self.swappedTitleSimilarityWithProvider : Self.swappedTitleSimilarity)
        else { continue }
        evidence.dayMonthSwapped = true
        evidence.score -= 0.2  // below any link on the date as read
        found.append((index, other, evidence))
      }
    }
    return found.sorted { x, y in
      if x.evidence.score != y.evidence.score { return x.evidence.score > y.evidence.score }
      return Self.breaksTie((x.log, x.record, x.evidence), before: (y.log, y.record, y.evidence), records)
    }
  }

  /// A log line whose exact title more records than this share is rescued across a day/month swap only on
  /// the exact day.
  static let distinctiveTitleLimit = 3

  /// How alike titles must be to link across a day/month swap: the date no longer vouches for them.
  static let swappedTitleSimilarity = 0.8

  /// A log line's credit is the record's: the same total, or each of its lines one of the record's (a claim
  /// of the Category 1 credit of an activity that also carries MOC points).
  static func creditsAgree(_ log: ActivityRecord, _ record: ActivityRecord) -> Bool {
    guard !log.credits.isEmpty else { return false }
    if log.totalCredits == record.totalCredits { return true }
    return log.credits.allSatisfy { line in
      record.credits.contains { $0.amount == line.amount && ($0.type == line.type || line.type == nil) }
    }
  }
  /// The same when the providers agree (named, or one named in the other's title): the provider and the
  /// credit vouch for what a title's short wording leaves open ("SHM sepsis online course").
  static let swappedTitleSimilarityWithProvider = 0.65

  /// The first position in `live` (sorted by first day) whose record starts on or after `day`.
  static func firstPosition(in live: [Int], from day: CalendarDay, records: [ActivityRecord]) -> Int {
    var low = 0
    var high = live.count
    while low < high {
      let mid = (low + high) / 2
      if let first = records[live[mid]].firstDay, first < day { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// How alike a whole's and a part's titles must be ("Internal Medicine Meeting 2026" and "… – Day 2").
  static let aggregateTitleSimilarity = 0.6

  /// Pairs of a session a transcript names by its series alone ("Medicine Grand Rounds", a title several of
  /// its rows share) and the one log line, left alone, of its day (or the day after: a log written late) with
  /// the same credit whose title has the series' distinctive words ("grand rounds gout flares"): the only
  /// candidate either has. The topic the log adds is what the transcript leaves out, not a difference.
  func seriesCandidates(_ records: [ActivityRecord], words: [[String]], keys: [String], alone: [Int]) -> [(
    log: Int, record: Int, evidence: MatchEvidence
  )] {
    var shared: [String: Int] = [:]
    for index in records.indices where records[index].kind == .transcript {
      shared[keys[index] + "|" + records[index].title.lowercased(), default: 0] += 1
    }
    let sessions = alone.filter { index in
      records[index].kind == .transcript
        && shared[keys[index] + "|" + records[index].title.lowercased(), default: 0]
          >= Self.distinctiveTitleLimit
    }
    let logs = alone.filter { records[$0].kind == .log }
    func fits(_ log: Int, _ session: Int) -> Bool {
      guard let distance = MatchEvidence.distance(records[log], records[session]), distance <= 1,
        Self.creditsAgree(records[log], records[session])
      else { return false }
      // The series' words other than the generic ("medicine") all in the log's title, two at least.
      let series = words[session].filter {
        !["medicine", "department", "university", "hospital"].contains($0)
      }
      return series.count >= 2
        && series.allSatisfy { word in words[log].contains { TitleSimilarity.wordsMatch(word, $0) } }
    }
    return sessions.compactMap { session in
      let candidates = logs.filter { fits($0, session) }
      guard candidates.count == 1, let log = candidates.first, sessions.filter({ fits(log, $0) }).count == 1,
        var evidence = MatchEvidence.compare(records[log], records[session], words[log], words[session])
      else { return nil }
      evidence.seriesOnly = true
      evidence.score = max(evidence.score, MatchEvidence.threshold)
      return (log, session, evidence)
    }
  }

  /// Pairs of a record known only by its activity id (a transcript row with no title: "Activity 20-889911")
  /// and the one log line of the same day and credit, both left alone: the only candidate either has.
  func activityIDCandidates(_ records: [ActivityRecord], keys: [String], alone: [Int]) -> [(
    log: Int, record: Int, evidence: MatchEvidence
  )] {
    let untitled = alone.filter { index in
      records[index].kind != .log
        && records[index].activityID.map { RowPreparer.untitled($0) == records[index].title } == true
    }
    let logs = alone.filter { records[$0].kind == .log }
    func same(_ a: Int, _ b: Int) -> Bool {
      keys[a] != keys[b] && MatchEvidence.distance(records[a], records[b]) == 0
        && records[a].totalCredits > 0 && records[a].totalCredits == records[b].totalCredits
    }
    return untitled.compactMap { record in
      let candidates = logs.filter { same($0, record) }
      guard candidates.count == 1, let log = candidates.first,
        untitled.filter({ same(log, $0) }).count == 1,
        var evidence = MatchEvidence.compare(records[log], records[record], [], [])
      else { return nil }
      evidence.onlyActivityID = true
      evidence.score = MatchEvidence.threshold
      return (log, record, evidence)
    }
  }
}

extension ActivityRecord {
  /// Several records of one source that together are one activity (the parts of an aggregate link),
  /// as one record: credits added up type by type, the first day to the last, the first record's title.
  static func combined(_ records: [ActivityRecord]) -> ActivityRecord? {
    guard var result = records.first else { return nil }
    guard records.count > 1 else { return result }
    var credits: [CreditLine] = []
    for line in records.flatMap(\.credits) {
      if let index = credits.firstIndex(where: { $0.type == line.type }) {
        credits[index].amount += line.amount
        credits[index].raw += " + " + line.raw
      } else {
        credits.append(line)
      }
    }
    result.credits = credits
    result.date = records.compactMap(\.firstDay).min()
    result.startedOn = nil
    let end = records.compactMap(\.lastDay).max()
    result.endDate = end == result.date ? nil : end
    if records.contains(where: { $0.evaluation == .pending }) { result.evaluation = .pending }
    result.certificateReference = records.compactMap(\.certificateReference).first
    result.providerAccredited = records.contains(where: \.providerAccredited)
    result.accreditationStatement = records.compactMap(\.accreditationStatement).first
    return result
  }
}
