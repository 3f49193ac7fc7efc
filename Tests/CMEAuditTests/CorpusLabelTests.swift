import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditImport
@testable import CMEAuditReport
@testable import CMEAuditSynth

/// Hand-labelled sets built from the shared corpus (Fixtures/labelled: a corpus transcript, a log typed for it
/// by hand, and which line is which record as a reader labels them): the matcher links them as labelled and
/// the findings are the ones a user should get.
@Suite struct CorpusLabelTests {
  static let folder = EndToEndTests.packageRoot.appendingPathComponent(
    "Tests/CMEAuditTests/Fixtures/labelled")

  @Test(arguments: ["passport", "cebroker", "medbiq"])
  func theMatcherAgreesWithTheLabels(_ set: String) throws {
    let url = Self.folder.appendingPathComponent(set)
    let key = try JSONDecoder().decode(
      AnswerKey.self, from: Data(contentsOf: url.appendingPathComponent("answer-key.json")))
    let report = try Reconciler(period: nil, today: day("2026-07-15")).run(FolderLayout.read(url.path))
    let json = try JSONSerialization.jsonObject(with: Data(JSONRenderer().render(report).utf8))
    let score = Score.score(report: json as? [String: Any] ?? [:], key: key, label: set)
    #expect(score.mistakes.isEmpty, "\(score.mistakes)")
    #expect(score.totalsExact == 1)
  }
}
