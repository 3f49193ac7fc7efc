import CMEAuditModel
import Foundation

/// One board's rules for one cycle, read from a YAML rule file: data the user can read, edit and cite.
public struct RuleSet: Sendable, Equatable {
  /// One requirement: a minimum of credit (of some types, on some topics), or a cap on what counts.
  public struct Requirement: Sendable, Equatable {
    public var id: String
    /// The minimum to meet; nil for a cap-only requirement.
    public var credits: Decimal?
    /// The credit types that count; nil: any verified physician hours (`accepts`).
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
    /// Only activities of these providers count (a board's approved list), matched ignoring case as a part of
    /// the provider's name ("ACP" in "American College of Physicians (ACP)").
    public var approvedProviders: [String]?
    /// Credit counted here counts toward no other exclusive requirement of the rule file.
    public var exclusive = false
    /// A one-time requirement due within this many months of the physician's initial license (`licensedOn` in
    /// `--physician`): credit up to that day counts, and a day after the cycle's end is not due this cycle.
    public var dueWithinMonthsOfLicensure: Int?
    /// A one-time requirement due by this renewal after the initial license (2: "by the second renewal"); with
    /// `dueWithinMonthsOfLicensure`, whichever day comes first.
    public var dueByRenewal: Int?
    /// Due only at every N-th renewal after licensure (the N-th, 2N-th...); credit of the N cycles up to it
    /// counts.
    public var everyCycles: Int?
    /// Due only at the first renewal after licensure; credit from licensure counts.
    public var firstRenewalOnly = false
    /// Credit of the this many months up to the cycle's end counts, not the cycle's own months (a training due
    /// "every four years" in a file of two-year cycles: 48).
    public var withinMonths: Int?
    /// Credit beyond the requirement in the previous cycle counts toward this one, up to this much.
    public var carryForward: Decimal?
    /// For MOC points: the boards whose points count (each board's points are its own). A line that names no
    /// board does not count toward a requirement that lists boards.
    public var boards: [String]?

    /// The physician facts under which the requirement applies (all must hold; `--physician`).
    public var appliesIf: [String: Physician.Fact]?
    /// The physician facts under which it does not (all must hold).
    public var exemptIf: [String: Physician.Fact]?
    /// Where the requirement is written, `file:line`.
    public var location: String

    /// Whether a credit line's board is one the requirement takes (any line, without `boards`; any line that
    /// is not points).
    public func takesBoard(of line: CreditLine) -> Bool {
      guard let boards, line.type?.isPoints == true else { return true }
      guard let board = line.board?.lowercased() else { return false }
      return boards.contains { $0.lowercased() == board }
    }

    /// Whether an activity of `provider` may count.
    public func approves(_ provider: String?) -> Bool {
      guard let approved = approvedProviders else { return true }
      guard let provider = provider?.lowercased() else { return false }
      return approved.contains { provider.contains($0.lowercased()) }
    }

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
  /// The cycle's length in whole months (24 for a two-year cycle); nil when its days are not whole months.
  /// Renewals are counted back from the cycle's end in steps of this length.
  public var cycleMonths: Int? { cycle.from.months(to: cycle.to.adding(days: 1)) }
  public var requirements: [Requirement] = []
  /// Topic → words that mark an activity's title as on that topic (lowercased, matched as prefixes).
  public var topicKeywords: [String: [String]] = [:]
  /// Providers whose portals take claims for longer or shorter than the usual window (`claimWindows:`).
  public var claimWindows: [ClaimWindows.Window] = []

  /// How an activity is on one of the `wanted` topics.
  public enum TopicMatch: Sendable, Equatable {
    /// A topic it carries: the log's Topics column, a transcript's or certificate's own.
    case documented
    /// Read from its title by a keyword of the rule file: counted, but marked as a guess.
    case inferred(topic: String, keyword: String)
    case none
  }

  /// Whether an activity titled `title`, carrying `carried` topics, is on one of `wanted`; a topic in
  /// `rejected` (by a decision, for this activity) is not inferred from its title.
  func topicMatch(title: String, carried: [String], wanted: [String], rejected: Set<String> = [])
    -> TopicMatch
  {
    if !Set(carried.map { Self.normaliseTopic($0) }).isDisjoint(with: wanted) { return .documented }
    let words = Self.words(title)
    for topic in wanted.sorted() where !rejected.contains(topic) {
      if let keyword = topicKeywords[topic]?.first(where: { Self.title(words, has: $0) }) {
        return .inferred(topic: topic, keyword: keyword)
      }
    }
    return .none
  }

  private static func words(_ title: String) -> [String] {
    title.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
  }

  /// A keyword is in a title when its words begin consecutive words of the title ("patient safety" in
  /// "Patient Safety Rounds", "controlled substance" in "Prescribing Controlled Substances").
  private static func title(_ words: [String], has keyword: String) -> Bool {
    let wanted = Self.words(keyword)
    guard !wanted.isEmpty, words.count >= wanted.count else { return false }
    return (0...(words.count - wanted.count)).contains { start in
      zip(words[start...], wanted).allSatisfy { $0.hasPrefix($1) }
    }
  }

  /// `Pain Management` and `pain_management` are the topic `pain-management`.
  static func normaliseTopic(_ topic: String) -> String {
    topic.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
  }
}
