import CMEAuditModel
import Foundation

/// One board's rules for one cycle, read from a YAML rule file: data the user can read, edit and cite.
public struct RuleSet: Sendable, Equatable {
  /// One requirement: a minimum of credit (of some types, on some topics), or a cap on what counts.
  public struct Requirement: Sendable, Equatable {
    public var id: String
    /// The minimum to meet; nil for a cap-only requirement.
    public var credits: Decimal?
    /// The credit types that count; nil: every accredited type.
    public var creditTypes: [CreditType]?
    /// The topics that count (any of them); nil: every activity.
    public var topics: [String]?
    /// One-time: credit from any date up to the cycle's end counts.
    public var once = false
    /// A cap: credit of these types counts toward the other requirements up to this much.
    public var maxCounted: Decimal?
    /// Self-reported types the board accepts on the physician's attestation (Category 2 within a cap, say):
    /// counted apart from verified credit, never called verified.
    public var attested: [CreditType]?
    /// Where the requirement is written, `file:line`.
    public var location: String

    /// The requirement counts points, not hours: all its credit types are points (MOC). Points and hours never
    /// add up, so a requirement counts in one unit.
    public var countsPoints: Bool {
      guard let types = creditTypes, !types.isEmpty else { return false }
      return types.allSatisfy(\.isPoints)
    }

    /// Whether a credit line of `type` counts toward the requirement: a type it lists, in its unit; without a
    /// list, any physician hours (never points, never nursing or pharmacy contact hours). A line naming no
    /// type counts only toward a requirement that lists none.
    public func accepts(_ type: CreditType?) -> Bool {
      guard let type else { return creditTypes == nil }
      guard let types = creditTypes else { return !type.isPoints && type != .contactHours }
      return types.contains(type) && type.isPoints == countsPoints
    }
  }

  /// The file, as the user named it.
  public var path: String
  public var name: String
  /// The board's rule text or page, with the date it was read.
  public var source: String?
  public var cycle: Period
  public var requirements: [Requirement] = []
  /// Topic → words that mark an activity's title as on that topic (lowercased, matched as prefixes).
  public var topicKeywords: [String: [String]] = [:]

  /// The topics of an activity: those it carries, and those whose keywords its title contains.
  func topics(of activity: VerifiedActivity) -> Set<String> {
    topics(title: activity.title, carried: activity.topics)
  }

  func topics(title: String, carried: [String]) -> Set<String> {
    var found = Set(carried.map { Self.normaliseTopic($0) })
    let words = title.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    for (topic, keywords) in topicKeywords
    where keywords.contains(where: { keyword in words.contains { $0.hasPrefix(keyword.lowercased()) } }) {
      found.insert(topic)
    }
    return found
  }

  /// `Pain Management` and `pain_management` are the topic `pain-management`.
  static func normaliseTopic(_ topic: String) -> String {
    topic.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
  }
}
