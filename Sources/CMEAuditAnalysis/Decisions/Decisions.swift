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
/// ```
public struct Decisions: Sendable, Equatable {
  public enum Kind: String, Sendable, Codable {
    case confirmLink = "confirm-link"
    case rejectLink = "reject-link"
    case accept
  }

  public struct Decision: Sendable, Equatable, Codable {
    public var kind: Kind
    /// Two record ids for a link; one for an accepted finding.
    public var records: [String]
    /// For `accept`: the finding accepted (written as its code, with `/reason` where the code has one).
    public var finding: FindingReference?
    public var note: String?
    /// Where the decision is written, `file:line`.
    public var location: String
  }

  public var path: String
  public var decisions: [Decision] = []

  public init(path: String) { self.path = path }

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
        kind: .accept, records: [], finding: nil, note: nil,
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
        case "record":
          guard let id = value.string else { throw fail(value, "record: a record id") }
          decision.records = [id]
        case "note": decision.note = value.string
        default:
          throw fail(
            keyNode,
            "unknown key '\(keyNode.string ?? "")' (known: confirm-link, reject-link, accept, record, note)")
        }
      }
      guard kinds == 1 else {
        throw fail(item, "each decision is one of confirm-link, reject-link or accept")
      }
      if decision.kind == .accept, decision.records.count != 1 {
        throw fail(item, "accept: needs record: (one of the finding's records)")
      }
      result.decisions.append(decision)
    }
    return result
  }
}
