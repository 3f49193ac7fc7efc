import CMEAuditModel
import Foundation

/// The NPIs rows carry that fail the NPI check digit, each reported once (a warning) with the rows that carry
/// it. Such an NPI does not tell learners apart (`NPI.valid`): the learner is matched by email, id or
/// name instead, and the report says so, so that the typo is corrected where it was made.
public struct InvalidNPIs {
  private struct Seen {
    var name: String?
    var rows = 0
    var records: [String] = []
    var locations: [Provenance] = []
  }

  private var seen: [String: Seen] = [:]
  /// The NPIs in the order first seen.
  private var order: [String] = []
  /// Each NPI text read once: whether it fails, and its digits.
  private var verdicts: [String: String?] = [:]

  /// The locations (and records) a finding lists: the rest are counted.
  static let shownRows = 10

  public init() {}

  /// Notes a row's learner, at `location` (and its record's id, for `reconcile`).
  public mutating func note(_ learner: Learner?, at location: Provenance, record: String? = nil) {
    guard let text = learner?.npi else { return }
    let failed: String?
    if let known = verdicts[text] {
      failed = known
    } else {
      failed = NPI.failed(text)
      verdicts[text] = failed
    }
    guard let npi = failed else { return }
    if seen[npi] == nil { order.append(npi) }
    var entry = seen[npi, default: Seen()]
    entry.rows += 1
    if entry.name == nil, let name = learner?.name { entry.name = name }
    if entry.locations.count < Self.shownRows {
      entry.locations.append(location)
      if let record { entry.records.append(record) }
    }
    seen[npi] = entry
  }

  /// One warning an NPI, in the order first seen; `person` gives the attendance check's learner id for one.
  public func findings(person: (String) -> String? = { _ in nil }) -> [Finding] {
    order.map { npi in
      let entry = seen[npi]!
      let who = entry.name.map { " (\($0))" } ?? ""
      let rows = entry.rows == 1 ? "1 row" : "\(entry.rows) rows"
      let shown = entry.rows > entry.locations.count ? "; the first \(entry.locations.count) are listed" : ""
      return Finding(
        code: .invalidNPI, severity: .warning,
        message:
          "NPI \(npi)\(who) fails the NPI check digit (on \(rows)\(shown)): a digit mistyped or two swapped, or "
          + "not an NPI. It was not used to tell learners apart; the learner was matched by email, id or name.",
        action: "Correct the NPI where it was entered (NPPES, the national registry, lists every NPI).",
        records: entry.records, locations: entry.locations, learner: person(npi))
    }
  }
}
