import Foundation

extension Matcher {
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
    for whole in live where !used.contains(whole) {
      let total = records[whole].totalCredits
      guard total > 0, let first = records[whole].firstDay, let last = records[whole].lastDay else {
        continue
      }
      var bySource: [String: [Int]] = [:]
      for part in live where part != whole && !used.contains(part) && keys[part] != keys[whole] {
        let record = records[part]
        guard let day = record.firstDay, day >= first.adding(days: -window), day <= last.adding(days: window),
          record.totalCredits > 0, record.totalCredits <= total,
          TitleSimilarity.score(words[whole], words[part]) >= Self.aggregateTitleSimilarity
        else { continue }
        bySource[keys[part], default: []].append(part)
      }
      for (_, parts) in bySource.sorted(by: { $0.key < $1.key }) where parts.count >= 2 {
        guard !parts.contains(where: { records[$0].totalCredits == total }),
          parts.reduce(Decimal(0), { $0 + records[$1].totalCredits }) == total
        else { continue }
        groups.append((whole, parts))
        used.insert(whole)
        used.formUnion(parts)
        break
      }
    }
    return groups
  }

  /// How alike a whole's and a part's titles must be ("Internal Medicine Meeting 2026" and "… – Day 2").
  static let aggregateTitleSimilarity = 0.6
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
