import CMEAuditSynth
import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditAttendance
@testable import CMEAuditImport
@testable import CMEAuditModel
@testable import CMEAuditReport
@testable import CMEAuditSupport

/// The JSON writer against `JSONEncoder` (with the report's options), byte for byte: the reports the commands
/// write, and random values with every kind of JSON in them.
@Suite struct PrettyJSONTests {
  /// Records the first difference (with some text around it) rather than both texts whole.
  @discardableResult
  func expectSameBytes<T: Encodable>(_ value: T, _ comment: Comment? = nil) throws -> Bool {
    let ours = try PrettyJSON.encode(value)
    let reference = Array(try #require(PrettyJSON.foundation(value)).utf8)
    guard ours != reference else { return true }
    let at = ours.indices.first { $0 >= reference.count || ours[$0] != reference[$0] } ?? ours.count
    func around(_ bytes: [UInt8]) -> String {
      String(decoding: bytes[max(0, at - 80)..<min(bytes.count, at + 80)], as: UTF8.self)
    }
    Issue.record(
      "\(comment.map { "\($0): " } ?? "")first difference at byte \(at):\n\(around(ours))\n--- JSONEncoder:\n\(around(reference))"
    )
    return false
  }

  @Test func theSampleYearReconciledAndAudited() throws {
    let folder = EndToEndTests.samples
    let rules = try RuleSet.parse(AuditTests.rules, displayPath: "r.yaml")
    let report = try Reconciler(period: Period.academicYear(2025), today: day("2026-07-15"))
      .run(FolderLayout.read(folder), rules: [rules])
    #expect(report.records.count > 10 && report.audit != nil)
    try expectSameBytes(report)
    // The renderer's bytes (handed over from the buffer) are the text's.
    #expect(JSONRenderer().data(report) == Data(JSONRenderer().render(report).utf8))
  }

  @Test func aGeneratedYearWithEveryKindOfFinding() throws {
    let folder = try TempFolder()
    _ = try ScenarioGenerator(noise: Noise().scaled(by: 3), seed: 7).write(to: folder.url)
    let report = try Reconciler(period: ScenarioGenerator.period, today: day("2026-07-15"))
      .run(FolderLayout.read(folder.url.path))
    #expect(Set(report.findings.map(\.code)).count > 5)
    #expect(!report.links.isEmpty)
    try expectSameBytes(report)
  }

  @Test func theSampleOfficesAttendance() throws {
    let office = EndToEndTests.packageRoot.appendingPathComponent("samples/office-2025")
    func spec(_ name: String, _ kind: RecordKind) -> SourceSpec {
      SourceSpec(url: office.appendingPathComponent(name), displayPath: name, kind: kind)
    }
    var input = AttendanceInput(schedule: spec("schedule.yaml", .transcript))
    input.rosters = [spec("signins.csv", .transcript)]
    input.transcripts = [spec("transcript-export.csv", .transcript)]
    input.logs = [spec("logs", .log)]
    let report = try input.run(period: nil, today: day("2026-01-15"))
    #expect(!report.findings.isEmpty)
    try expectSameBytes(report)
  }

  /// A value with every shape the reports can have, filled at random.
  struct Shape: Encodable {
    var text: String
    var optional: String?
    var missing: Int?
    var flag: Bool
    var numbers: [Int]
    var small: [Int8]
    var wide: [UInt64]
    var doubles: [Double]
    var decimals: [Decimal]
    var byKey: [String: String]
    var children: [Shape]
    var empty: Empty
    var silent: Silent
    var kind: RecordKind

    struct Empty: Encodable {}
    /// Encodes nothing at all.
    struct Silent: Encodable { func encode(to encoder: Encoder) throws {} }

    enum CodingKeys: String, CodingKey {
      case text, optional, missing, flag, numbers, small, wide, doubles, decimals, byKey, children, empty,
        silent
      case kind, zLast = "Z", under = "_x", accented = "é"
    }

    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(text, forKey: .text)
      try c.encode(optional, forKey: .optional)
      try c.encodeIfPresent(missing, forKey: .missing)
      try c.encode(flag, forKey: .flag)
      try c.encode(numbers, forKey: .numbers)
      try c.encode(small, forKey: .small)
      try c.encode(wide, forKey: .wide)
      try c.encode(doubles, forKey: .doubles)
      try c.encode(decimals, forKey: .decimals)
      try c.encode(byKey, forKey: .byKey)
      try c.encode(children, forKey: .children)
      try c.encode(empty, forKey: .empty)
      try c.encode(silent, forKey: .silent)
      try c.encode(kind, forKey: .kind)
      try c.encodeNil(forKey: .zLast)
      try c.encode(1, forKey: .under)
      try c.encode(text.count, forKey: .accented)
    }
  }

  static func randomText(_ rng: inout SeededGenerator) -> String {
    let pieces = [
      "a", "Z", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\u{9}", "\u{A}", "\u{C}", "\u{D}", "\u{1F}",
      "\u{7F}", "é", "\u{2028}", "😀", " ", "{", "]", ":", ",", "Grand Rounds", "0",
    ]
    return (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
  }

  static func randomShape(_ rng: inout SeededGenerator, depth: Int = 0) -> Shape {
    func many<T>(_ make: () -> T) -> [T] { (0..<Int.random(in: 0...4, using: &rng)).map { _ in make() } }
    let doubles: [Double] = many {
      switch Int.random(in: 0...3, using: &rng) {
      case 0: return Double(Int.random(in: -1000...1000, using: &rng))
      case 1: return Double.random(in: -1...1, using: &rng)
      case 2: return Double(Int.random(in: -9...9, using: &rng)) / 4
      default:
        let value = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &rng))
        return value.isFinite ? value : 0
      }
    }
    let decimals: [Decimal] = many {
      Decimal(
        sign: Bool.random(using: &rng) ? .minus : .plus, exponent: Int.random(in: -6...6, using: &rng),
        significand: Decimal(Int.random(in: 0...1_000_000, using: &rng)))
    }
    var byKey: [String: String] = [:]
    for _ in 0..<Int.random(in: 0...5, using: &rng) { byKey[randomText(&rng)] = randomText(&rng) }
    return Shape(
      text: randomText(&rng), optional: Bool.random(using: &rng) ? randomText(&rng) : nil,
      missing: Bool.random(using: &rng) ? Int.random(in: -5...5, using: &rng) : nil,
      flag: Bool.random(using: &rng),
      numbers: many { Int.random(in: Int.min...Int.max, using: &rng) },
      small: many { Int8.random(in: -128...127, using: &rng) },
      wide: many { UInt64.random(in: 0...UInt64.max, using: &rng) }, doubles: doubles, decimals: decimals,
      byKey: byKey, children: depth < 3 ? many { randomShape(&rng, depth: depth + 1) } : [], empty: .init(),
      silent: .init(), kind: RecordKind.allCases.randomElement(using: &rng)!)
  }

  @Test func randomValuesOfEveryShape() throws {
    var rng = SeededGenerator(seed: 2026)
    for round in 0..<300 where !(try expectSameBytes(Self.randomShape(&rng), "round \(round)")) { break }
    try expectSameBytes([String]())
    try expectSameBytes("top-level \"text\"")
    try expectSameBytes([[String: Int]()])
  }

  struct Dated: Encodable { var when = Date(timeIntervalSince1970: 0) }
  struct Nested: Encodable {
    enum Keys: CodingKey { case a, b }
    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: Keys.self)
      var inner = c.nestedContainer(keyedBy: Keys.self, forKey: .a)
      try inner.encode(1, forKey: .b)
    }
  }
  struct Twice: Encodable {
    enum Keys: CodingKey { case a, b }
    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: Keys.self)
      try c.encode(1, forKey: .b)
      try c.encode(2, forKey: .a)
      try c.encode(3, forKey: .b)
    }
  }

  /// What the writer does not spell as `JSONEncoder` would is left to it, so the text is the same.
  @Test func whatItLeavesToJSONEncoder() throws {
    #expect(throws: PrettyJSON.Unsupported.self) { try PrettyJSON.encode(Dated()) }
    #expect(throws: PrettyJSON.Unsupported.self) { try PrettyJSON.encode(Nested()) }
    #expect(throws: PrettyJSON.Unsupported.self) { try PrettyJSON.encode(Twice()) }
    #expect(throws: PrettyJSON.Unsupported.self) { try PrettyJSON.encode([Double.nan]) }
    for text in [PrettyJSON.text(Dated()), PrettyJSON.text(Nested()), PrettyJSON.text(Twice())] {
      #expect(text != nil)
    }
    #expect(PrettyJSON.text(Nested()) == PrettyJSON.foundation(Nested())! + "\n")
    #expect(PrettyJSON.text(Twice()) == PrettyJSON.foundation(Twice())! + "\n")
    #expect(PrettyJSON.text([Double.nan]) == nil)
    #expect(PrettyJSON.data(Twice()) == Data(PrettyJSON.text(Twice())!.utf8))
    #expect(PrettyJSON.data([Double.nan]) == nil)
  }
}
