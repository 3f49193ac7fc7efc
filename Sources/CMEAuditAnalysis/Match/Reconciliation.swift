import CMEAuditModel

/// One activity as the sources together describe it: at most one record from each source file.
public struct LinkedActivity: Sendable, Hashable {
  /// Record ids, in source order (logs, transcripts, certificates).
  public var recordIDs: [String]
}

/// A link the matcher made between two records, with its evidence.
public struct Link: Sendable, Hashable, Codable {
  public var records: [String]
  public var evidence: MatchEvidence
}

/// A record that repeats another of the same source.
public struct Duplicate: Sendable, Hashable {
  public var duplicateID: String
  public var originalID: String
  public var reason: DuplicateReason
}

/// The matcher's output: records, the activities they form, the links and the duplicates.
public struct Reconciliation: Sendable {
  public var records: [ActivityRecord]
  public var activities: [LinkedActivity]
  public var links: [Link]
  public var duplicates: [Duplicate]

  public func record(_ id: String) -> ActivityRecord? { index[id].map { records[$0] } }

  let index: [String: Int]

  public init(records: [ActivityRecord], activities: [LinkedActivity], links: [Link], duplicates: [Duplicate])
  {
    self.records = records
    self.activities = activities
    self.links = links
    self.duplicates = duplicates
    self.index = Dictionary(records.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
  }
}
