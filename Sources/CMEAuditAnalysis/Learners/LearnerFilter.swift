import CMEAuditModel
import CMEAuditSupport
import Foundation

/// One physician's records out of files that may name several learners (an institution's export of every
/// resident): `reconcile` checks the records it is given as one person's, so another learner's activities
/// would otherwise be "missing from the log" by the hundred. Learners are told apart as the attendance check
/// tells them (`LearnerDirectory`: NPI, then email or institution id, then name). A record that names no
/// learner (a personal log, most certificates) is the physician's own.
public enum LearnerFilter {
  /// The mention `--learner` makes: ten digits are an NPI, text with `@` an email, a single word with a digit
  /// an institution id, anything else a name.
  static func mention(_ text: String) -> Learner {
    let text = text.trimmed()
    if writtenAsNumber(text), NPI.valid(text) != nil { return Learner(npi: text) }
    if text.contains("@") { return Learner(email: text) }
    if !text.contains(where: \.isWhitespace), !text.contains(","), text.contains(where: \.isNumber) {
      return Learner(institutionID: text)
    }
    return Learner(name: text)
  }

  /// Digits, perhaps grouped by spaces or dashes ("123-456-7893"): how an NPI is written.
  private static func writtenAsNumber(_ text: String) -> Bool {
    text.allSatisfy { $0.isASCIIDigit || $0 == " " || $0 == "-" }
  }

  /// `mention(wanted)`, once ten digits that fail the NPI check digit have been refused (a usage error: such
  /// a number names no one, and searching for it would only say so less clearly).
  public static func checkedMention(_ wanted: String) throws(CMEAuditError) -> Learner {
    let text = wanted.trimmed()
    if writtenAsNumber(text), NPI.failed(text) != nil {
      throw .usage(
        "--learner '\(wanted)' is not an NPI: its check digit fails (a digit mistyped, or two swapped?).")
    }
    return mention(wanted)
  }

  /// The learners the records name: the directory's people, put together when they share a name and no NPI
  /// tells them apart. (One physician is often named by an NPI on one transcript and by a rotation site's
  /// own learner id on another, which the directory, matching an office's learners, rightly keeps apart.)
  struct Physicians {
    let directory: LearnerDirectory
    /// Each person's group (an index into `directory.people`, the group's first person).
    private(set) var group: [String: Int] = [:]
    /// The groups, each by its first person, in the directory's order.
    private(set) var groups: [Int] = []

    init(_ results: [ImportResult]) {
      directory = LearnerDirectory(mentions: results.flatMap { $0.records.compactMap(\.learner) })
      let people = directory.people
      var sets = UnionFind(count: people.count)
      var byName: [String: Int] = [:]
      // The NPIs of each group, by its root: two groups with different NPIs stay apart, however their names
      // agree (and however a person with no NPI links them).
      var npis = people.map(\.npis)
      for (index, person) in people.enumerated() {
        for key in person.nameKeys.sorted() {
          guard let other = byName[key] else {
            byName[key] = index
            continue
          }
          let (a, b) = (sets.find(index), sets.find(other))
          guard a != b, npis[a].isEmpty || npis[b].isEmpty || !npis[a].isDisjoint(with: npis[b]) else {
            continue
          }
          sets.attach(a, to: b)
          npis[b].formUnion(npis[a])
        }
      }
      var first: [Int: Int] = [:]
      for (index, person) in people.enumerated() {
        let root = sets.find(index)
        if first[root] == nil {
          first[root] = index
          groups.append(index)
        }
        group[person.id] = first[root]
      }
    }

    /// The groups `learner` can be: the group of the person the directory resolves it to, else (a name that
    /// fits several people) the groups of the people whose names agree with it.
    func groups(of learner: Learner) -> Set<Int> {
      if case .success(let person) = directory.resolve(learner) { return group[person.id].map { [$0] } ?? [] }
      guard let key = learner.name.flatMap(LearnerDirectory.nameKey) else { return [] }
      return Set(
        directory.people.filter { $0.nameKeys.contains { LearnerDirectory.namesAgree($0, key) } }
          .compactMap { group[$0.id] })
    }

    /// The groups' names (a person with a name, not only an email or number, when the group has one).
    var names: [String] { groups.map { directory.people[$0].name }.sorted() }
  }

  /// Leaves in `results` only the records of the learner `wanted` names, and those naming none; each
  /// source's summary counts the records left out (`otherLearners`). A learner the files do not name, or a
  /// name that fits several, is an error saying which learners they do name.
  public static func keep(_ wanted: String, in results: inout [ImportResult]) throws(CMEAuditError) {
    let physicians = Physicians(results)
    let fits = physicians.groups(of: try checkedMention(wanted))
    guard fits.count == 1, let chosen = fits.first else {
      if fits.count > 1 {
        let names = fits.map { physicians.directory.people[$0].name }.sorted()
        throw .usage(
          "--learner '\(wanted)' fits \(names.count) learners (\(names.joined(separator: ", "))); give the NPI or "
            + "email instead.")
      }
      let named = physicians.names
      throw .usage(
        "--learner '\(wanted)': no record names this learner"
          + (named.isEmpty ? " (no record names any learner)." : "; the files name \(list(named))."))
    }
    // Each distinct mention resolved once (an export repeats the same learner on every row). A mention that
    // could be this learner or another is not kept.
    var verdicts: [Learner: Bool] = [:]
    for index in results.indices {
      let before = results[index].records.count
      results[index].records.removeAll { record in
        guard let learner = record.learner else { return false }
        if let verdict = verdicts[learner] { return !verdict }
        let mine = physicians.groups(of: learner) == [chosen]
        verdicts[learner] = mine
        return !mine
      }
      let left = before - results[index].records.count
      results[index].summary.otherLearners = left
      results[index].summary.records -= left
    }
  }

  /// A warning when the records name more than one learner and no `--learner` was given; nil otherwise.
  public static func severalLearners(in results: [ImportResult]) -> Finding? {
    let names = Physicians(results).names
    guard names.count > 1 else { return nil }
    let sources = results.filter { $0.records.contains { $0.learner != nil } }.map(\.summary.path)
    return Finding(
      code: .severalLearners, severity: .warning,
      message:
        "The records name \(names.count) learners (\(list(names))); they were checked as one physician's, so "
        + "their activities are mixed in this report.",
      action:
        "Give --learner with your NPI, email or name to check your own records (an office checking many "
        + "learners: cmeaudit attendance).",
      records: [], locations: sources.map { Provenance(path: $0, line: nil) })
  }

  /// "A, B, C, D, E and 7 more".
  private static func list(_ names: [String]) -> String {
    let shown = names.prefix(5).joined(separator: ", ")
    return names.count > 5 ? "\(shown) and \(names.count - 5) more" : shown
  }
}
