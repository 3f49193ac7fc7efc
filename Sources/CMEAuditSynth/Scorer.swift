import Foundation

/// Compares a `cmeaudit reconcile --format json` report with a scenario's answer key: precision and recall
/// of the links and of each finding code, and the verified totals.
public struct Score: Sendable {
  public struct Counts: Sendable, Equatable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public var precision: Double {
      truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    public var recall: Double {
      truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
    }

    static func + (a: Counts, b: Counts) -> Counts {
      Counts(
        truePositives: a.truePositives + b.truePositives, falsePositives: a.falsePositives + b.falsePositives,
        falseNegatives: a.falseNegatives + b.falseNegatives)
    }
  }

  /// "links", and each finding as `code` or `code/reason`.
  public var counts: [String: Counts] = [:]
  /// Scenarios whose verified totals equal the key's, of all scored.
  public var totalsExact = 0
  public var scenarios = 0
  /// Misses and false alarms, for reading: `FN code at location` / `FP code at location`.
  public var mistakes: [String] = []

  public init() {}

  public mutating func add(_ other: Score) {
    for (name, counts) in other.counts { self.counts[name] = (self.counts[name] ?? Counts()) + counts }
    totalsExact += other.totalsExact
    scenarios += other.scenarios
    mistakes += other.mistakes
  }

  /// Scores one report against its key.
  public static func score(report: [String: Any], key: AnswerKey, label: String = "") -> Score {
    var score = Score()
    score.scenarios = 1

    // Links: unordered pairs of record locations in one activity.
    func location(_ source: [String: Any]?) -> String? {
      guard let path = source?["path"] as? String else { return nil }
      return (source?["line"] as? Int).map { "\(path):\($0)" } ?? path
    }
    let records = report["records"] as? [[String: Any]] ?? []
    var groups: [String: [String]] = [:]
    for record in records {
      guard let activity = record["activity"] as? String,
        let place = location(record["source"] as? [String: Any])
      else { continue }
      groups[activity, default: []].append(place)
    }
    let reported = Set(groups.values.flatMap(pairs))
    let expected = Set(key.activities.map(\.records).flatMap(pairs))
    score.counts["links"] = Counts(
      truePositives: reported.intersection(expected).count,
      falsePositives: reported.subtracting(expected).count,
      falseNegatives: expected.subtracting(reported).count)
    for pair in expected.subtracting(reported).sorted() { score.mistakes.append("\(label) FN link \(pair)") }
    for pair in reported.subtracting(expected).sorted() { score.mistakes.append("\(label) FP link \(pair)") }

    // Findings: a key finding is found when a reported finding of the same code and reason lists its
    // location; a reported finding matching no key finding is a false alarm.
    let findings = (report["findings"] as? [[String: Any]] ?? []).map {
      finding -> (name: String, places: Set<String>) in
      let code = finding["code"] as? String ?? "?"
      let name = (finding["reason"] as? String).map { "\(code)/\($0)" } ?? code
      let places = Set((finding["locations"] as? [[String: Any]] ?? []).compactMap { location($0) })
      return (name, places)
    }
    var matched = Set<Int>()
    for wanted in key.findings {
      let name = wanted.reason.map { "\(wanted.code)/\($0)" } ?? wanted.code
      var counts = score.counts[name] ?? Counts()
      if let index = findings.indices.first(where: {
        !matched.contains($0) && findings[$0].name == name && findings[$0].places.contains(wanted.location)
      }) {
        matched.insert(index)
        counts.truePositives += 1
      } else {
        counts.falseNegatives += 1
        score.mistakes.append("\(label) FN \(name) at \(wanted.location)")
      }
      score.counts[name] = counts
    }
    for index in findings.indices where !matched.contains(index) {
      let name = findings[index].name
      score.counts[name, default: Counts()].falsePositives += 1
      score.mistakes.append(
        "\(label) FP \(name) at \(findings[index].places.sorted().joined(separator: " "))")
    }

    // Verified totals.
    let totals = ((report["totals"] as? [String: Any])?["byType"] as? [[String: Any]]) ?? []
    var verified: [String: Decimal] = [:]
    for total in totals {
      guard let type = total["type"] as? String, let amount = total["verified"] as? NSNumber else { continue }
      if amount.decimalValue != 0 { verified[type] = amount.decimalValue }
    }
    let expectedTotals = key.verified.compactMapValues { Decimal(string: $0) }.filter { $0.value != 0 }
    if verified == expectedTotals {
      score.totalsExact = 1
    } else {
      score.mistakes.append("\(label) totals \(verified) expected \(expectedTotals)")
    }
    return score
  }

  private static func pairs(_ places: [String]) -> [String] {
    let sorted = places.sorted()
    var result: [String] = []
    for i in sorted.indices {
      for j in sorted.indices where j > i { result.append("\(sorted[i]) ~ \(sorted[j])") }
    }
    return result
  }

  /// The table: one row for links and one per finding, precision and recall with their counts.
  public func table() -> String {
    var out = "what                                precision    recall     TP     FP     FN\n"
    let names = counts.keys.sorted { ($0 == "links" ? 0 : 1, $0) < ($1 == "links" ? 0 : 1, $1) }
    for name in names {
      let c = counts[name]!
      out += name.padding(toLength: 34, withPad: " ", startingAt: 0)
      out += String(
        format: "  %9.3f %9.3f %6d %6d %6d\n", c.precision, c.recall, c.truePositives, c.falsePositives,
        c.falseNegatives)
    }
    out += "verified totals exact: \(totalsExact) of \(scenarios) scenarios\n"
    return out
  }
}
