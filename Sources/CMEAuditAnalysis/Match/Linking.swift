import CMEAuditModel

/// The activities being formed from one learner's records, link by link: which records are one activity
/// (a union-find over their indices), which sources each activity already holds, and the links made.
struct Linking {
  let records: [ActivityRecord]
  /// Each record's source (`Matcher.sourceKey`).
  let keys: [String]
  private var sets: UnionFind
  /// The sources of the activity each representative stands for.
  private var sourcesOf: [Set<String>]
  private(set) var links: [Link] = []

  init(records: [ActivityRecord], keys: [String]) {
    self.records = records
    self.keys = keys
    sets = UnionFind(count: records.count)
    sourcesOf = keys.map { Set([$0]) }
  }

  /// Puts `b`'s activity under `a`'s.
  private mutating func merge(_ ra: Int, _ rb: Int) {
    sets.attach(rb, to: ra)
    sourcesOf[ra].formUnion(sourcesOf[rb])
  }

  /// Links `a` and `b` unless they are one activity already or their activities share a source.
  mutating func link(_ a: Int, _ b: Int, _ evidence: MatchEvidence) {
    let ra = sets.find(a)
    let rb = sets.find(b)
    guard ra != rb, sourcesOf[ra].isDisjoint(with: sourcesOf[rb]) else { return }
    merge(ra, rb)
    links.append(Link(records: [records[a].id, records[b].id], evidence: evidence))
  }

  /// Links the pairs of record ids a user confirmed, whatever their evidence.
  mutating func confirm(_ pairs: [[String]], words: [[String]], weights: WordWeights) {
    let indexOf = Dictionary(records.indices.map { (records[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
    for pair in pairs {
      guard let a = pair.first.flatMap({ indexOf[$0] }), let b = pair.last.flatMap({ indexOf[$0] }) else {
        continue
      }
      let (ra, rb) = (sets.find(a), sets.find(b))
      guard ra != rb else { continue }
      merge(ra, rb)
      var evidence =
        MatchEvidence.compare(records[a], records[b], words[a], words[b], weights: weights)
        ?? MatchEvidence(
          titleSimilarity: TitleSimilarity.score(words[a], words[b], weights: weights),
          dateDistance: MatchEvidence.distance(records[a], records[b]) ?? 0, provider: "not compared",
          creditsEqual: records[a].totalCredits == records[b].totalCredits, sameActivityID: false, score: 0)
      evidence.confirmed = true
      links.append(Link(records: [records[a].id, records[b].id], evidence: evidence))
    }
  }

  /// Joins each whole to its parts (an aggregate), although the parts share a source.
  mutating func join(_ groups: [(whole: Int, parts: [Int])], words: [[String]]) {
    for group in groups {
      for part in group.parts {
        let root = sets.find(group.whole)
        let partRoot = sets.find(part)
        guard root != partRoot else { continue }
        merge(root, partRoot)
        if var evidence = MatchEvidence.compare(
          records[group.whole], records[part], words[group.whole], words[part])
        {
          evidence.partOfSum = true
          links.append(Link(records: [records[group.whole].id, records[part].id], evidence: evidence))
        }
      }
    }
  }

  /// The records of `indices` that no link has joined to another of them.
  mutating func alone(among indices: [Int]) -> [Int] {
    var groupSize: [Int: Int] = [:]
    for index in indices { groupSize[sets.find(index), default: 0] += 1 }
    return indices.filter { groupSize[sets.find($0)] == 1 }
  }

  /// The activities `indices` form. Each lists its records logs first, then transcripts, then certificates,
  /// each in id order; activities in the order of their first record.
  mutating func activities(of indices: [Int]) -> [LinkedActivity] {
    var groups: [Int: [Int]] = [:]
    for i in indices { groups[sets.find(i), default: []].append(i) }
    let kindOrder: [RecordKind: Int] = [.log: 0, .transcript: 1, .certificate: 2]
    return groups.values.map { members in
      members.sorted {
        (kindOrder[records[$0].kind]!, records[$0].id) < (kindOrder[records[$1].kind]!, records[$1].id)
      }
    }.sorted { $0[0] < $1[0] }
      .map { LinkedActivity(recordIDs: $0.map { records[$0].id }) }
  }
}
