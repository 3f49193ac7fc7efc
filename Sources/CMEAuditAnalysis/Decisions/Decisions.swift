import CMEAuditImport
import CMEAuditModel
import Foundation
import Yams

/// What a user settled at an earlier review, so that the next run does not raise it again: links confirmed
/// or rejected by hand, and findings accepted with a note ("Category 2, counted by my board").
///
/// ```yaml
/// decisions:
///   - confirm-link: [log:3f9a2c1b5d7e, transcript:0a1b2c3d4e5f]
///   - reject-link: [log:77aa00bb11cc, transcript:0a1b2c3d4e5f]
///     note: different sessions
///   - accept: unverifiable/self-reported     # a finding code, with its reason if it has one
///     record: log:5e6f7a8b9c0d                # one of the finding's records
///     note: Category 2, counted by my board
///   - reject-topic: controlled-substance-prescribing   # a topic the audit read from a title
///     record: transcript:0a1b2c3d4e5f
///     note: antibiotics, not controlled substances
/// ```
public struct Decisions: Sendable, Equatable {
  public enum Kind: String, Sendable, Codable {
    case confirmLink = "confirm-link"
    case rejectLink = "reject-link"
    case accept
    /// A topic a rule file's keyword read from the record's title, which the activity is not on.
    case rejectTopic = "reject-topic"
  }

  public struct Decision: Sendable, Equatable, Codable {
    public var kind: Kind
    /// Two record ids for a link; one for an accepted finding.
    public var records: [String]
    /// For `accept`: the finding accepted (written as its code, with `/reason` where the code has one).
    public var finding: FindingReference?
    /// For `reject-topic`: the topic.
    public var topic: String?
    public var note: String?
    /// Where the decision is written, `file:line`.
    public var location: String
  }

  public var path: String
  public var decisions: [Decision] = []

  public init(path: String) { self.path = path }

  /// The topics rejected for each record id.
  public var rejectedTopics: [String: Set<String>] {
    var rejected: [String: Set<String>] = [:]
    for decision in decisions where decision.kind == .rejectTopic {
      guard let topic = decision.topic, let record = decision.records.first else { continue }
      rejected[record, default: []].insert(topic)
    }
    return rejected
  }

  /// Pairs of record ids, each sorted.
  var confirmedLinks: [[String]] { decisions.filter { $0.kind == .confirmLink }.map { $0.records.sorted() } }
  var rejectedLinks: Set<[String]> {
    Set(decisions.filter { $0.kind == .rejectLink }.map { $0.records.sorted() })
  }

  public static func load(_ url: URL, displayPath: String) throws(CMEAuditError) -> Decisions {
    try parse(YAMLFile.text(url, displayPath: displayPath, what: "decisions file"), displayPath: displayPath)
  }

  public static func parse(_ yaml: String, displayPath: String) throws(CMEAuditError) -> Decisions {
    let file = YAMLFile(displayPath: displayPath)
    let fail = file.fail
    let root = try file.compose(yaml)
    var result = Decisions(path: displayPath)
    guard let root else { return result }
    guard let mapping = root.mapping, mapping.count == 1, let list = mapping[Node("decisions")]?.sequence
    else {
      throw fail(root, "a decisions file holds one key, decisions:, with a list")
    }
    for item in list {
      guard let entry = item.mapping else { throw fail(item, "each decision is a mapping") }
      var decision = Decision(
        kind: .accept, records: [], finding: nil, topic: nil, note: nil,
        location: "\(displayPath):\(item.mark?.line ?? 0)")
      var kinds = 0
      for (keyNode, value) in entry {
        switch keyNode.string {
        case "confirm-link", "reject-link":
          guard let ids = value.sequence?.compactMap(\.string), ids.count == 2 else {
            throw fail(value, "\(keyNode.string!): a list of two record ids")
          }
          decision.kind = keyNode.string == "confirm-link" ? .confirmLink : .rejectLink
          decision.records = ids
          kinds += 1
        case "accept":
          guard let finding = value.string.flatMap(FindingReference.init) else {
            let codes = FindingCode.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail(value, "accept: a finding code (\(codes)), with /reason where it has one")
          }
          decision.kind = .accept
          decision.finding = finding
          kinds += 1
        case "reject-topic":
          guard let topic = value.string, !topic.isEmpty else { throw fail(value, "reject-topic: a topic") }
          decision.kind = .rejectTopic
          decision.topic = RuleSet.normaliseTopic(topic)
          kinds += 1
        case "record":
          guard let id = value.string else { throw fail(value, "record: a record id") }
          decision.records = [id]
        case "note": decision.note = value.string
        default:
          throw fail(
            keyNode,
            "unknown key '\(keyNode.string ?? "")' (known: confirm-link, reject-link, accept, reject-topic, record, note)"
          )
        }
      }
      guard kinds == 1 else {
        throw fail(item, "each decision is one of confirm-link, reject-link, accept or reject-topic")
      }
      if decision.kind == .accept, decision.records.count != 1 {
        throw fail(item, "accept: needs record: (one of the finding's records)")
      }
      if decision.kind == .rejectTopic, decision.records.count != 1 {
        throw fail(item, "reject-topic: needs record: (one of the activity's records)")
      }
      result.decisions.append(decision)
    }
    return result
  }
}
