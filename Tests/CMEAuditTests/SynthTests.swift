import CMEAuditSynth
import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditImport
@testable import CMEAuditReport

@Suite struct SynthTests {
  func generate(seed: UInt64, noise: Noise = Noise()) throws -> (TempFolder, AnswerKey) {
    let folder = try TempFolder()
    let key = try ScenarioGenerator(noise: noise, seed: seed).write(to: folder.url)
    return (folder, key)
  }

  @Test func theSameSeedWritesTheSameFiles() throws {
    let (a, keyA) = try generate(seed: 42)
    let (b, keyB) = try generate(seed: 42)
    #expect(keyA == keyB)
    for file in ["logs/log.csv", "transcripts/transcript.csv", "answer-key.json"] {
      #expect(
        FileManager.default.contents(atPath: a.path(file))
          == FileManager.default.contents(atPath: b.path(file)))
    }
    let (_, other) = try generate(seed: 43)
    #expect(other != keyA)
  }

  /// The key is checked against the generator's own files: every location it names exists.
  @Test(arguments: [1, 2, 3] as [UInt64])
  func theKeyNamesRealPlaces(seed: UInt64) throws {
    let (folder, key) = try generate(seed: seed, noise: Noise().scaled(by: 2))
    func exists(_ location: String) -> Bool {
      let parts = location.split(separator: ":")
      guard let data = FileManager.default.contents(atPath: folder.path(String(parts[0]))) else {
        return false
      }
      guard parts.count == 2, let line = Int(parts[1]) else { return true }
      return line >= 2 && line <= String(decoding: data, as: UTF8.self).split(separator: "\n").count
    }
    let places = key.activities.flatMap(\.records) + key.findings.map(\.location)
    #expect(!places.isEmpty)
    for place in places { #expect(exists(place), "\(place)") }
    #expect(Set(key.activities.flatMap(\.records)).count == key.activities.flatMap(\.records).count)
    #expect(key.verified["ama-pra-1"] != nil)
  }

  @Test func cleanDataHasNoFindingsButCategoryTwoAndOnlyLinks() throws {
    let (folder, key) = try generate(seed: 5, noise: Noise().scaled(by: 0))
    #expect(key.findings.isEmpty)
    let report = try Reconciler(period: ScenarioGenerator.period, today: day("2026-07-15"))
      .run(FolderLayout.read(folder.url.path))
    #expect(report.findings.isEmpty)
  }

  /// The matcher against the generator's key at default noise, in process (the accuracy benchmark does
  /// the same with the release binary over many scenarios).
  @Test func theMatcherMeetsItsTargetsOnAHeldOutScenario() throws {
    var total = Score()
    for seed in [101, 202, 303] as [UInt64] {
      let (folder, key) = try generate(seed: seed)
      let report = try Reconciler(period: ScenarioGenerator.period, today: day("2026-07-15"))
        .run(FolderLayout.read(folder.url.path))
      let json = try JSONSerialization.jsonObject(with: Data(JSONRenderer().render(report).utf8))
      total.add(Score.score(report: json as? [String: Any] ?? [:], key: key))
    }
    for (name, counts) in total.counts {
      #expect(counts.precision >= 0.99, "\(name) precision \(counts.precision)")
      #expect(counts.recall >= 0.98, "\(name) recall \(counts.recall)")
    }
    #expect(total.totalsExact == total.scenarios, "\(total.mistakes)")
  }
}
