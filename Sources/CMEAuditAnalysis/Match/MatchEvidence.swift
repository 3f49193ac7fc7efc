import CMEAuditModel
import Foundation

/// Why two records were (or were not) linked: per-field evidence and the score it adds up to.
public struct MatchEvidence: Sendable, Hashable, Codable {
  public var titleSimilarity: Double
  /// Days between the two records' date spans; 0 when they overlap.
  public var dateDistance: Int
  public var provider: String
  public var creditsEqual: Bool
  public var sameActivityID: Bool
  /// The log line names this certificate's file.
  public var namesCertificate: Bool = false
  /// One of several records whose credits add up to the other's (an aggregate link).
  public var partOfSum: Bool = false
  /// Linked on the log date read with day and month swapped (4/3 for 3/4).
  public var dayMonthSwapped: Bool = false
  /// Confirmed by the user in a decisions file.
  public var confirmed: Bool = false
  /// A record known only by its activity id (no title) linked to the one record of the same day and credit.
  public var onlyActivityID: Bool = false
  /// A session named by its series alone linked to the one log line of its day whose title has the series'
  /// words and a topic.
  public var seriesOnly: Bool = false
  public var score: Double
  /// The score a link needs (``MatchEvidence/threshold``), shown beside the score in reports.
  public var threshold: Double = MatchEvidence.threshold

  /// Scores above this link two records.
  public static let threshold = 0.55
  /// Records further apart than this many days are never the same activity.
  public static let dateWindow = 3
  /// Titles less alike than this are never the same activity (unless an activity id says so).
  public static let minimumTitleSimilarity = 0.5

  /// Compares two records. Nil when the dates are too far apart to be one activity.
  /// `aWords` and `bWords` are the titles' normalised words (``TitleNormaliser/words(_:)``); `provider`
  /// the verdict of ``ProviderMatcher/compare(_:_:)`` on their providers (computed here when nil).
  public static func compare(
    _ a: ActivityRecord, _ b: ActivityRecord, _ aWords: [String], _ bWords: [String],
    provider: ProviderMatcher.Verdict? = nil, weights: WordWeights? = nil
  ) -> MatchEvidence? {
    guard let distance = Self.distance(a, b), distance <= dateWindow else { return nil }
    var title = TitleSimilarity.score(aWords, bWords, weights: weights)
    var provider = provider ?? ProviderMatcher.compare(a.provider, b.provider)
    // A provider named in a title ("SHM sepsis online course", "... (IDSA)") is the provider's evidence, not
    // the title's: its word is left out of the title, and it vouches for the provider when a record names none.
    if title < 0.9 {
      let providers = [a.provider, b.provider]
      let named = { (word: String) in providers.contains { ProviderMatcher.names(word, $0) } }
      let (aTitle, bTitle) = (aWords.filter { !named($0) }, bWords.filter { !named($0) })
      if aTitle.count < aWords.count || bTitle.count < bWords.count, !aTitle.isEmpty, !bTitle.isEmpty {
        title = max(title, TitleSimilarity.score(aTitle, bTitle, weights: weights))
      }
    }
    if provider == .unknown,
      aWords.contains(where: { ProviderMatcher.names($0, b.provider) })
        || bWords.contains(where: { ProviderMatcher.names($0, a.provider) })
    {
      provider = .compatible
    }
    let sameID = a.activityID != nil && a.activityID == b.activityID
    let namesCertificate = Self.names(a, b) || Self.names(b, a)
    let creditsEqual = !a.credits.isEmpty && a.totalCredits == b.totalCredits
    let providerScore: Double =
      switch provider {
      case .compatible: 1
      case .unknown: 0.5
      case .incompatible: 0
      }
    let dateScore = 1 - Double(distance) / Double(dateWindow + 1)
    var score = 0.55 * title + 0.3 * dateScore + 0.1 * providerScore + (creditsEqual ? 0.05 : 0)
    if sameID || namesCertificate { score = max(score, 0.95) }
    let providerText =
      switch provider {
      case .compatible: "compatible"
      case .unknown: "missing"
      case .incompatible: "different"
      }
    return MatchEvidence(
      titleSimilarity: title, dateDistance: distance, provider: providerText, creditsEqual: creditsEqual,
      sameActivityID: sameID, namesCertificate: namesCertificate, score: score)
  }

  /// Whether the evidence is strong enough to link.
  public var links: Bool {
    if sameActivityID || namesCertificate { return true }
    guard titleSimilarity >= Self.minimumTitleSimilarity, score >= Self.threshold else { return false }
    // Different providers: only an exact-date, near-identical title overrides them.
    if provider == "different" { return titleSimilarity >= 0.9 && dateDistance == 0 }
    return true
  }

  /// `log` names `certificate`'s file in its Certificate column.
  static func names(_ log: ActivityRecord, _ certificate: ActivityRecord) -> Bool {
    guard log.kind == .log, certificate.kind == .certificate, let reference = log.certificateReference,
      let file = certificate.file
    else { return false }
    return (reference as NSString).lastPathComponent.lowercased()
      == (file as NSString).lastPathComponent.lowercased()
  }

  /// Days between the records' spans (0 when one lies within the other's range); nil without dates.
  static func distance(_ a: ActivityRecord, _ b: ActivityRecord) -> Int? {
    guard let aStart = a.firstDay, let bStart = b.firstDay else { return nil }
    let aEnd = a.lastDay ?? aStart
    let bEnd = b.lastDay ?? bStart
    if aEnd < bStart { return aEnd.days(to: bStart) }
    if bEnd < aStart { return bEnd.days(to: aStart) }
    return 0
  }
}
