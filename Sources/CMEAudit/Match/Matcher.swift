import Foundation

/// Links the records of one learner that describe the same activity across sources, and finds the
/// records that repeat another within one source.
///
/// Links are one-to-one per source: an activity holds at most one log line, one certificate and one row
/// of each transcript file, so one transcript row never satisfies two log lines. Candidate pairs are taken best score first; in a weekly
/// series with identical titles the date decides, because sessions a week apart are outside the window.
public struct Matcher: Sendable {
  public init() {}

  public func reconcile(_ records: [ActivityRecord]) -> Reconciliation {
    var titleCache: [String: [String]] = [:]
    for record in records { titleCache[record.id] = TitleNormaliser.words(record.title) }
    let words: (String) -> [String] = { titleCache[$0] ?? [] }

    let duplicates = findDuplicates(records, words: words)
    let duplicateIDs = Set(duplicates.map(\.duplicateID))
    let live = records.filter { !duplicateIDs.contains($0.id) && $0.date != nil }

    // Candidate pairs across source files, compared only within the date window.
    let sorted = live.enumerated()
      .sorted { ($0.element.firstDay!, $0.offset) < ($1.element.firstDay!, $1.offset) }
      .map(\.element)
    var candidates: [(a: Int, b: Int, evidence: MatchEvidence)] = []
    for i in sorted.indices {
      let a = sorted[i]
      let reach = (a.lastDay ?? a.date!).adding(days: MatchEvidence.dateWindow)
      var j = i + 1
      while j < sorted.count, sorted[j].firstDay! <= reach {
        let b = sorted[j]
        if sourceKey(a) != sourceKey(b), let evidence = MatchEvidence.compare(a, b, titleWords: words),
          evidence.links
        {
          candidates.append((i, j, evidence))
        }
        j += 1
      }
    }
    candidates.sort {
      if $0.evidence.score != $1.evidence.score { return $0.evidence.score > $1.evidence.score }
      return (sorted[$0.a].id, sorted[$0.b].id) < (sorted[$1.a].id, sorted[$1.b].id)
    }

    // Greedy union with one record per source file in each activity.
    var parent = Array(sorted.indices)
    var sourcesOf: [Set<String>] = sorted.map { [sourceKey($0)] }
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    var links: [Link] = []
    for candidate in candidates {
      let ra = find(candidate.a)
      let rb = find(candidate.b)
      guard ra != rb, sourcesOf[ra].isDisjoint(with: sourcesOf[rb]) else { continue }
      parent[rb] = ra
      sourcesOf[ra].formUnion(sourcesOf[rb])
      links.append(
        Link(records: [sorted[candidate.a].id, sorted[candidate.b].id], evidence: candidate.evidence))
    }
    var groups: [Int: [ActivityRecord]] = [:]
    for i in sorted.indices { groups[find(i), default: []].append(sorted[i]) }
    let kindOrder: [RecordKind: Int] = [.log: 0, .transcript: 1, .certificate: 2]
    let activities = groups.values.map { members in
      LinkedActivity(
        recordIDs: members.sorted { (kindOrder[$0.kind]!, $0.id) < (kindOrder[$1.kind]!, $1.id) }.map(\.id))
    }.sorted { $0.recordIDs[0] < $1.recordIDs[0] }
    // Records with no date (certificates whose metadata lacks one) stand alone.
    let undated = records.filter { $0.date == nil && !duplicateIDs.contains($0.id) }
      .map { LinkedActivity(recordIDs: [$0.id]) }
    return Reconciliation(
      records: records, activities: activities + undated, links: links, duplicates: duplicates)
  }

  /// Records of one source file that repeat an earlier one: the same date and a near-identical title
  /// (and for certificates also the same file content or certificate id). Series sessions on different
  /// dates are never duplicates.
  func findDuplicates(_ records: [ActivityRecord], words: (String) -> [String]) -> [Duplicate] {
    var duplicates: [Duplicate] = []
    var byExactKey: [String: String] = [:]
    var bySourceAndDate: [String: [ActivityRecord]] = [:]
    records: for record in records {
      // The same file content, or the same certificate id within one kind of source.
      var exactKeys: [(key: String, reason: DuplicateReason)] = []
      if record.kind == .certificate, let hash = record.fileSHA256 {
        exactKeys.append(("sha256|\(hash)", .sameFile))
      }
      if record.kind != .log, let reference = record.certificateReference {
        exactKeys.append(
          ("\(record.kind.rawValue)|\(reference.lowercased())", .sameCertificateID))
      }
      for (key, reason) in exactKeys {
        if let original = byExactKey[key] {
          duplicates.append(Duplicate(duplicateID: record.id, originalID: original, reason: reason))
          continue records
        }
        byExactKey[key] = record.id
      }
      guard let date = record.date else { continue }
      let key = "\(sourceKey(record))|\(date.dayNumber)"
      let threshold = record.kind == .log ? 0.8 : 0.9
      if let original = bySourceAndDate[key]?.first(where: {
        TitleSimilarity.score(words($0.id), words(record.id)) >= threshold
          && ($0.kind == .log || Set($0.credits.map(\.type)) == Set(record.credits.map(\.type)))
      }) {
        duplicates.append(Duplicate(duplicateID: record.id, originalID: original.id, reason: .sameActivity))
        continue
      }
      bySourceAndDate[key, default: []].append(record)
    }
    return duplicates
  }

  /// All logs form one source (one claim per activity), and so do all certificate folders (one activity
  /// needs one certificate); each transcript file is a source of its own.
  private func sourceKey(_ record: ActivityRecord) -> String {
    switch record.kind {
    case .log: "logs"
    case .certificate: "certificates"
    case .transcript: record.source.path
    }
  }
}
