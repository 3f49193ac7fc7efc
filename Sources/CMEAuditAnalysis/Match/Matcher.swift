import CMEAuditImport
import CMEAuditModel
import Foundation

/// Links the records of one learner that describe the same activity across sources, and finds the
/// records that repeat another within one source.
///
/// Links are one-to-one per source: an activity holds at most one log line, one certificate and one row
/// of each transcript file, so one transcript row never satisfies two log lines; the exception is an
/// aggregate, one record whose credits are the sum of several of another source (a meeting logged as one
/// line and transcribed per day). Candidate pairs are
/// taken best score first; in a weekly series with identical titles the date decides, because sessions a
/// week apart are outside the window.
public struct Matcher: Sendable {
  public init() {}

  /// `decisions` are links a user confirmed (made first) or rejected (never made).
  public func reconcile(_ records: [ActivityRecord], decisions: Decisions? = nil) -> Reconciliation {
    let words = records.map { TitleNormaliser.words($0.title) }
    let weights = WordWeights(titles: words)
    let keys = records.map(sourceKey)
    let duplicates = findDuplicates(records, words: words, keys: keys)
    let duplicateIDs = Set(duplicates.map(\.duplicateID))
    // Records in order of their first day; each is compared with the ones that start within its reach.
    let sorted = records.indices.filter {
      !duplicateIDs.contains(records[$0].id) && records[$0].firstDay != nil
    }
    .sorted { (records[$0].firstDay!, records[$0].id) < (records[$1].firstDay!, records[$1].id) }
    let candidates = candidatePairs(
      records, sorted: sorted, words: words, keys: keys, weights: weights,
      rejected: decisions?.rejectedLinks ?? [])

    var linking = Linking(records: records, keys: keys)
    // Links the user confirmed come first, whatever their score.
    linking.confirm(decisions?.confirmedLinks ?? [], words: words, weights: weights)
    // Aggregates next: a whole and its parts are one activity although the parts share a source.
    linking.join(aggregates(records, words: words, keys: keys, live: sorted), words: words)
    // Then the pairs, best first, keeping one record per source in each activity.
    for candidate in candidates { linking.link(candidate.a, candidate.b, candidate.evidence) }
    // A log line left alone whose date, read with day and month swapped, falls on a record of the same
    // title that no log line claims (a date written 4/3 for 3 April in a month-first file).
    let aloneLogs = linking.alone(among: sorted).filter { records[$0].kind == .log }
    for candidate in swappedDateCandidates(
      records, words: words, weights: weights, keys: keys, live: sorted, logs: aloneLogs)
    {
      linking.link(candidate.log, candidate.record, candidate.evidence)
    }
    // A session named by its series alone and the one log line of its day with the series' words.
    for candidate in seriesCandidates(
      records, words: words, keys: keys, alone: linking.alone(among: sorted))
    {
      linking.link(candidate.log, candidate.record, candidate.evidence)
    }
    // A row known only by its activity id and the one log line of its day and credit.
    for candidate in activityIDCandidates(records, keys: keys, alone: linking.alone(among: sorted)) {
      linking.link(candidate.log, candidate.record, candidate.evidence)
    }
    let undated = records.indices.filter {
      !duplicateIDs.contains(records[$0].id) && records[$0].firstDay == nil
    }
    return Reconciliation(
      records: records, activities: linking.activities(of: sorted + undated), links: linking.links,
      duplicates: duplicates)
  }

  /// Every pair of records of different sources, within the date window of each other and not rejected,
  /// whose evidence links them; best score first.
  private func candidatePairs(
    _ records: [ActivityRecord], sorted: [Int], words: [[String]], keys: [String], weights: WordWeights,
    rejected: Set<[String]>
  ) -> [(a: Int, b: Int, evidence: MatchEvidence)] {
    var candidates: [(a: Int, b: Int, evidence: MatchEvidence)] = []
    // A learner's records name few providers: each pair is compared once.
    var providerVerdicts: [ProviderPair: ProviderMatcher.Verdict] = [:]
    for (position, a) in sorted.enumerated() {
      let reach = records[a].lastDay!.adding(days: MatchEvidence.dateWindow)
      for b in sorted[(position + 1)...] {
        if records[b].firstDay! > reach { break }
        guard keys[a] != keys[b], !rejected.contains([records[a].id, records[b].id].sorted()) else {
          continue
        }
        let providers = ProviderPair(records[a].provider, records[b].provider)
        let verdict =
          providerVerdicts[providers]
          ?? {
            let verdict = ProviderMatcher.compare(records[a].provider, records[b].provider)
            providerVerdicts[providers] = verdict
            return verdict
          }()
        guard
          let evidence = MatchEvidence.compare(
            records[a], records[b], words[a], words[b], provider: verdict, weights: weights), evidence.links
        else { continue }
        candidates.append((a, b, evidence))
      }
    }
    candidates.sort { x, y in
      if x.evidence.score != y.evidence.score { return x.evidence.score > y.evidence.score }
      return Self.breaksTie(x, before: y, records)
    }
    return candidates
  }

  /// Of two candidate pairs of the same score, which links first: the one whose credits are closer, then the
  /// one whose records share a credit type, then by the records' content. Never by the file's name, its path
  /// or its rows' order (which record ids hold): the same file renamed or sorted gives the same links.
  static func breaksTie(
    _ x: (a: Int, b: Int, evidence: MatchEvidence), before y: (a: Int, b: Int, evidence: MatchEvidence),
    _ records: [ActivityRecord]
  ) -> Bool {
    func gap(_ pair: (a: Int, b: Int, evidence: MatchEvidence)) -> Decimal {
      abs(records[pair.a].totalCredits - records[pair.b].totalCredits)
    }
    func sharesType(_ pair: (a: Int, b: Int, evidence: MatchEvidence)) -> Bool {
      !Set(records[pair.a].credits.compactMap(\.type)).isDisjoint(
        with: records[pair.b].credits.compactMap(\.type))
    }
    func content(_ pair: (a: Int, b: Int, evidence: MatchEvidence)) -> [String] {
      [contentKey(records[pair.a]), contentKey(records[pair.b])].sorted()
    }
    let (gapX, gapY) = (gap(x), gap(y))
    if gapX != gapY { return gapX < gapY }
    let (typeX, typeY) = (sharesType(x), sharesType(y))
    if typeX != typeY { return typeX }
    let (contentX, contentY) = (content(x), content(y))
    if contentX != contentY { return contentX.lexicographicallyPrecedes(contentY) }
    return (records[x.a].id, records[x.b].id) < (records[y.a].id, records[y.b].id)
  }

  /// What a record says, without where it was read: its kind, dates, title, provider and credit lines.
  static func contentKey(_ record: ActivityRecord) -> String {
    [
      record.kind.rawValue, record.firstDay?.description ?? "", record.lastDay?.description ?? "",
      record.title,
      record.provider ?? "", record.credits.map(\.raw).joined(separator: ";"),
    ].joined(separator: "|")
  }

  /// Records of one source that repeat an earlier one: the same certificate file content or certificate
  /// id, or the same date and a near-identical title (for transcript rows, also the same credit types).
  /// Series sessions on different dates are never duplicates.
  func findDuplicates(_ records: [ActivityRecord], words: [[String]], keys: [String]) -> [Duplicate] {
    var duplicates: [Duplicate] = []
    var byExactKey: [String: String] = [:]
    var bySourceAndDate: [String: [Int]] = [:]
    // Among copies of one certificate, the one a log line names is the original, else the plainest name
    // (not the browser's "x (1).pdf"); everything else in its order.
    let named = Set(
      records.lazy.filter { $0.kind == .log }.compactMap(\.certificateReference).map {
        ($0 as NSString).lastPathComponent.lowercased()
      })
    func preference(_ index: Int) -> (Int, Int, Int) {
      guard records[index].kind == .certificate, let file = records[index].file else { return (0, 0, index) }
      let name = (file as NSString).lastPathComponent.lowercased()
      return (named.contains(name) ? 0 : 1, CertificateFolderImporter.looksLikeCopy(name) ? 1 : 0, index)
    }
    let order = records.indices.sorted { preference($0) < preference($1) }
    records: for index in order {
      let record = records[index]
      var exactKeys: [(key: String, reason: DuplicateReason)] = []
      if record.kind == .certificate, let hash = record.fileSHA256 {
        exactKeys.append(("sha256|\(hash)", .sameFile))
      }
      if record.kind != .log, let reference = record.certificateReference {
        exactKeys.append(("\(record.kind.rawValue)|\(reference.lowercased())", .sameCertificateID))
      }
      for (key, reason) in exactKeys {
        if let original = byExactKey[key] {
          duplicates.append(Duplicate(duplicateID: record.id, originalID: original, reason: reason))
          continue records
        }
        byExactKey[key] = record.id
      }
      guard let date = record.date else { continue }
      let key = "\(keys[index])|\(date.dayNumber)"
      let original = bySourceAndDate[key]?.first { other in
        TitleSimilarity.score(words[other], words[index]) >= Self.duplicateTitleSimilarity
          && (record.kind == .log
            || Set(records[other].credits.map(\.type)) == Set(record.credits.map(\.type)))
      }
      if let original {
        duplicates.append(
          Duplicate(duplicateID: record.id, originalID: records[original].id, reason: .sameActivity))
      } else {
        bySourceAndDate[key, default: []].append(index)
      }
    }
    return duplicates
  }

  /// How alike two titles on one date must be to be the same activity twice: near-identical, so that two
  /// sessions of one meeting on one day ("Meeting: Session on A", "Meeting: Session on B") stay apart.
  static let duplicateTitleSimilarity = 0.9

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

/// An unordered pair of provider names, for caching their comparison.
private struct ProviderPair: Hashable {
  var first: String?
  var second: String?

  init(_ a: String?, _ b: String?) {
    if (a ?? "") <= (b ?? "") {
      first = a
      second = b
    } else {
      first = b
      second = a
    }
  }
}
