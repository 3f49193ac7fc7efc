import CMEAuditModel
import CMEAuditSupport
import Foundation

/// Decides which mentions of a learner (a roster row, a transcript record, a log) are the same person: by
/// NPI, then email or institution id, then the name ("Smith, John A." = "John A Smith MD" = "JOHN SMITH")
/// when nothing contradicts it. Two people who could be the same are never merged by guess.
public struct LearnerDirectory: Sendable {
  /// One person, with every identifier seen for them.
  public struct Person: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var npis: Set<String> = []
    public var emails: Set<String> = []
    public var institutionIDs: Set<String> = []
    public var nameKeys: Set<String> = []
  }

  /// A mention's identifiers, normalised.
  private struct Identity: Sendable {
    var npi: String?
    var email: String?
    var id: String?
  }

  /// Why a mention has no person.
  public enum Unresolved: Sendable, Equatable {
    /// No NPI, email, id or name.
    case noIdentity
    /// The name fits more than one person, and nothing else tells them apart.
    case ambiguous([String])
  }

  public private(set) var people: [Person] = []
  /// Indexes into `people`, so that resolving a mention costs a few look-ups, not a scan.
  private var byNPI: [String: Int] = [:]
  private var byEmail: [String: Int] = [:]
  private var byID: [String: Int] = [:]
  /// Name key ("john smith") → people with it, and initial key ("j smith") → people whose first name starts
  /// with that letter: a name is matched by look-ups, however many people share the last name.
  private var names = NameIndex()
  /// Each distinct name's key, worked out once: an office's files repeat 20,000 names a million times.
  private var keys: [String: String] = [:]

  /// Builds the directory from every mention: mentions that share an NPI, email or institution id are one
  /// person (a mention carrying two of them joins the people each names); names join afterwards.
  public init(mentions all: [Learner]) {
    // An office's files mention 20,000 learners a million times: each distinct mention is read once (in the
    // order first seen, so the result is the same as reading them all).
    var distinct: Set<Learner> = []
    self.init(distinctMentions: all.filter { distinct.insert($0).inserted })
  }

  /// The same from mentions that are all different (not checked again: each would be hashed twice).
  public init(distinctMentions mentions: [Learner]) {
    let distinctNames = Array(Set(mentions.lazy.compactMap(\.name)))
    for (name, key) in zip(distinctNames, Parallel.mapChunked(distinctNames, Self.nameKey)) {
      keys[name] = key
    }
    // Each mention's identifiers normalised once, on all cores (they were normalised twice, on one). A
    // mention whose only identifier is an NPI that fails its check digit is known by its name alone.
    let normalised = Parallel.mapChunked(mentions) { learner -> Identity? in
      guard learner.npi != nil || learner.email != nil || learner.institutionID != nil else { return nil }
      let identity = Identity(
        npi: learner.npi.flatMap(NPI.valid), email: learner.email.map(Self.email),
        id: learner.institutionID.map(Self.identifier))
      return identity.npi == nil && identity.email == nil && identity.id == nil ? nil : identity
    }
    let identified = zip(mentions, normalised).filter { $0.1 != nil }.map(\.0)
    let identities = normalised.compactMap { $0 }
    var sets = UnionFind(count: identified.count)
    // The first mention of each NPI, email and id: one table a kind, no "npi:…" text made for each.
    var owners: [[String: Int]] = [[:], [:], [:]]
    for (index, identity) in identities.enumerated() {
      for (kind, key) in [identity.npi, identity.email, identity.id].enumerated() {
        guard let key else { continue }
        if let other = owners[kind][key] {
          let (a, b) = (sets.find(index), sets.find(other))
          if a != b { sets.attach(a, to: b) }
        } else {
          owners[kind][key] = index
        }
      }
    }
    // One person a set, in the order the sets are first mentioned (a set's root is one of its mentions).
    var personOf = [Int](repeating: -1, count: identified.count)
    for (index, learner) in identified.enumerated() {
      let root = sets.find(index)
      if personOf[root] < 0 {
        personOf[root] = people.count
        people.append(Person(id: "", name: ""))
      }
      let identity = identities[index]
      let person = personOf[root]
      if let npi = identity.npi { people[person].npis.insert(npi) }
      if let email = identity.email { people[person].emails.insert(email) }
      if let id = identity.id { people[person].institutionIDs.insert(id) }
      if let name = learner.name, let key = key(name) {
        people[person].nameKeys.insert(key)
        // A name wins over the email or number that stood in for it.
        let current = people[person].name
        // So does a name as written over one with what a video meeting added ("Dana Levy (iPhone)").
        if current.isEmpty || current.contains("@") || !current.contains(where: \.isLetter)
          || (current.utf8.contains(0x28) && !name.utf8.contains(0x28))  // "(", by byte: a mention each
        {
          people[person].name = name
        }
      }
      if people[person].name.isEmpty {
        people[person].name = learner.email ?? learner.npi ?? learner.institutionID ?? ""
      }
    }
    var seen = NameIndex()  // the people so far, for the name-only mentions below
    for (index, person) in people.enumerated() { seen.add(person.nameKeys, as: index) }
    // Names alone: a new person unless a person of that name exists (then resolve() decides).
    for (learner, identity) in zip(mentions, normalised) where identity == nil {
      guard let name = learner.name, let key = key(name), seen.candidates(key).isEmpty else {
        continue
      }
      people.append(Person(id: "", name: name, nameKeys: [key]))
      seen.add([key], as: people.count - 1)
    }
    for i in people.indices {
      people[i].id = Self.personID(people[i])
      for npi in people[i].npis { byNPI[npi] = i }
      for email in people[i].emails { byEmail[email] = i }
      for id in people[i].institutionIDs { byID[id] = i }
    }
    names = seen
  }

  /// The person a mention is, or why there is none.
  public func resolve(_ learner: Learner) -> Result<Person, UnresolvedError> {
    if let npi = learner.npi.flatMap(NPI.valid), let index = byNPI[npi] { return .success(people[index]) }
    if let email = learner.email.map(Self.email), let index = byEmail[email] {
      return .success(people[index])
    }
    if let id = learner.institutionID.map(Self.identifier), let index = byID[id] {
      return .success(people[index])
    }
    guard let key = key(learner.name) else {
      return .failure(UnresolvedError(.noIdentity))
    }
    let candidates = names.candidates(key).map { people[$0] }
    if candidates.count == 1 { return .success(candidates[0]) }
    if candidates.isEmpty { return .failure(UnresolvedError(.noIdentity)) }
    return .failure(UnresolvedError(.ambiguous(candidates.map(\.name).sorted())))
  }

  /// The name's key: from the names seen when the directory was built, else worked out.
  private func key(_ name: String?) -> String? {
    guard let name else { return nil }
    return keys[name] ?? Self.nameKey(name)
  }

  public struct UnresolvedError: Error, Sendable, Equatable {
    public var why: Unresolved
    init(_ why: Unresolved) { self.why = why }
  }

  // MARK: - Normalising identifiers and names

  static func email(_ text: String) -> String { text.trimmed().lowercased() }

  static func identifier(_ text: String) -> String {
    text.trimmed().uppercased()
  }

  static let suffixes: Set<String> = [
    "md", "do", "mbbs", "phd", "jr", "sr", "ii", "iii", "dr", "mph", "facp", "ms", "rn",
  ]

  /// `first last` from "Smith, John A.", "John A Smith MD", "JOHN SMITH"; middle names and initials dropped;
  /// nil without a first and a last name. A first name of one letter stays an initial ("j smith").
  static func nameKey(_ name: String) -> String? {
    // What a video meeting adds to a display name in parentheses is not the name: "Dana Levy (iPhone)",
    // "John Smith (he/him)", Zoom's "Name (Original Name)".
    if name.utf8.contains(0x28), case let bare = withoutParentheses(name), !bare.isEmpty {
      return nameKey(bare)
    }
    // ASCII has no diacritics to fold: lowercasing is the whole of it (and far cheaper than Foundation's).
    var text =
      name.utf8.allSatisfy { $0 < 0x80 }
      ? name.lowercased()
      : name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
    if let comma = text.firstIndex(of: ",") {
      let after = text[text.index(after: comma)...].trimmed()
      let afterWords = after.split(whereSeparator: { !$0.isLetter }).map(String.init)
      // "Smith, John" (last name first), but not "John Smith, MD".
      if !afterWords.isEmpty, !afterWords.allSatisfy(suffixes.contains) {
        text = after + " " + text[..<comma]
      } else {
        text = String(text[..<comma])
      }
    }
    let words = text.split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "'" }).map(String.init)
      .filter { !suffixes.contains($0) }
    guard words.count >= 2, let first = words.first, let last = words.last else { return nil }
    return "\(first) \(last)"
  }

  /// The text without its parenthesised parts (an unclosed one runs to the end), trimmed.
  static func withoutParentheses(_ text: String) -> String {
    var kept = ""
    var depth = 0
    for character in text {
      if character == "(" {
        depth += 1
      } else if character == ")", depth > 0 {
        depth -= 1
      } else if depth == 0 {
        kept.append(character)
      }
    }
    return kept.trimmed()
  }

  /// Two name keys can be one person: the same last name, and the same first name or one an initial of the
  /// other ("j smith" and "john smith").
  static func namesAgree(_ a: String, _ b: String) -> Bool {
    if a == b { return true }
    let pa = a.split(separator: " ")
    let pb = b.split(separator: " ")
    guard pa.count == 2, pb.count == 2, pa[1] == pb[1] else { return false }
    return (pa[0].count == 1 && pb[0].hasPrefix(pa[0])) || (pb[0].count == 1 && pa[0].hasPrefix(pb[0]))
  }

  /// A stable id from the person's strongest identifier.
  static func personID(_ person: Person) -> String {
    if let npi = person.npis.sorted().first { return "npi:\(npi)" }
    if let email = person.emails.sorted().first { return "email:\(email)" }
    if let id = person.institutionIDs.sorted().first { return "id:\(id)" }
    return "name:" + (person.nameKeys.sorted().first ?? person.name.lowercased())
  }
}

/// People by name key: "john smith" is found under its own key and under "j smith"; "j smith" finds every
/// person whose first name starts with j. Two keys agree exactly when `LearnerDirectory.namesAgree` says so.
private struct NameIndex: Sendable {
  private var byKey: [String: [Int]] = [:]
  private var byInitial: [String: [Int]] = [:]

  mutating func add(_ keys: Set<String>, as person: Int) {
    var initials: Set<String> = []
    for key in keys {
      if byKey[key]?.last != person { byKey[key, default: []].append(person) }
      if let initial = Self.initialKey(key) { initials.insert(initial) }
    }
    for initial in initials where !keys.contains(initial) { byInitial[initial, default: []].append(person) }
  }

  /// The people whose name keys agree with `key`, in the order they were added, each once.
  func candidates(_ key: String) -> [Int] {
    var found = byKey[key] ?? []
    if let initial = Self.initialKey(key) {
      if initial == key {
        found += byInitial[key] ?? []  // "j smith": every j-something Smith
      } else {
        found += byKey[initial] ?? []  // "john smith": a "j smith" too
      }
    }
    var seen: Set<Int> = []
    return found.filter { seen.insert($0).inserted }.sorted()
  }

  /// "john smith" → "j smith"; nil for a key that is not `first last`.
  private static func initialKey(_ key: String) -> String? {
    guard let space = key.firstIndex(of: " "), space > key.startIndex else { return nil }
    return String(key[key.startIndex]) + key[space...]
  }
}
