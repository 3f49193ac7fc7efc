import Foundation
import Testing
import ZIPFoundation

@testable import CMEAudit
@testable import CMEAuditImport

/// The audit and the evidence pack, run as a user would: every sample rule file, the California walkthrough,
/// and the pack's certificates and transcripts.
extension EndToEndTests {
  /// Every sample rule file runs on the sample resident, and each requirement object carries the fields the
  /// JSON contract names.
  @Test func everySampleRuleFileRunsOnTheSample() throws {
    let folder = Self.packageRoot.appendingPathComponent("samples/rules")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".yaml")
    }
    #expect(files.count >= 10)
    for file in files.sorted() {
      // Each says where it comes from, when that was read, and what it cannot express.
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      #expect(text.contains("source:") && text.contains("read 20"), "\(file): source and date read")
      #expect(text.contains("Not encoded:"), "\(file): what it cannot express")
      let run = try cmeaudit([
        "audit", "--rules", folder.appendingPathComponent(file).path, Self.samples, "--format", "json",
      ])
      #expect(run.status == 0, "\(file): \(run.stderr)")
      let audit = try #require(run.json["audit"] as? [[String: Any]], "\(file)")
      for requirement in audit {
        for key in [
          "id", "verified", "attested", "carriedForward", "applies", "met", "shortfall", "inferredTopics",
        ] {
          #expect(requirement[key] != nil, "\(file): \(key)")
        }
      }
    }
  }

  @Test func auditChecksTheSampleAgainstTheSampleRules() throws {
    let rules = Self.packageRoot.appendingPathComponent("samples/rules/california-md.yaml").path
    let run = try cmeaudit([
      "audit", "--rules", rules, Self.samples, "--format", "json", "--fail-on", "unmet",
    ])
    #expect(run.status == 1)  // the one-time pain requirement is short
    let audit = try #require(run.json["audit"] as? [[String: Any]])
    #expect(audit.map { $0["id"] as? String } == ["total", "pain-and-terminally-ill"])
    #expect(audit.map { $0["met"] as? Bool } == [true, false])
    let pain = audit[1]
    #expect((pain["verified"] as? NSNumber)?.decimalValue == 5)
    #expect((pain["shortfall"] as? NSNumber)?.decimalValue == 7)
    #expect((pain["records"] as? [String])?.count == 4)
    for key in ["rules", "required", "unverified"] { #expect(pain[key] != nil, "\(key)") }
    let text = try cmeaudit(["audit", "--rules", rules, Self.samples])
    #expect(text.status == 0)
    #expect(text.stdout.contains("SHORT  pain-and-terminally-ill"))
    #expect(try cmeaudit(["audit", Self.samples]).status == 64)
    #expect(try cmeaudit(["reconcile", Self.samples, "--fail-on", "unmet"]).status == 64)
  }

  /// A transcript that names other learners is not put in one learner's pack: it would carry their records.
  @Test func thePackLeavesOutATranscriptOfSeveralLearners() throws {
    let folder = try TempFolder()
    try folder.write(
      "office.csv",
      "Date,Title,Provider,Credit Type,Credits,NPI\n"
        + "2026-03-14,Grand Rounds,University Hospital,AMA PRA Category 1,1,\(validNPI(1))\n"
        + "2026-03-14,Grand Rounds,University Hospital,AMA PRA Category 1,1,\(validNPI(2))\n")
    let run = try cmeaudit(
      ["pack", "--transcript", "office.csv", "--learner", validNPI(1), "--output", "p.zip"], in: folder.url)
    #expect(run.status == 0, "\(run.stderr)")
    let archive = try Archive(url: folder.url.appendingPathComponent("p.zip"), accessMode: .read)
    #expect(archive["transcripts/office.csv"] == nil)
    #expect(archive["activities.csv"] != nil)
  }

  @Test func thePackHoldsTheCertificatesBehindVerifiedCreditWithMatchingHashes() throws {
    let folder = try TempFolder()
    let args = [
      "pack", Self.samples, "--academic-year", "2025", "--as-of", "2026-07-15", "--rules",
      Self.packageRoot.appendingPathComponent("samples/rules/california-md.yaml").path,
    ]
    #expect(try cmeaudit(args + ["--output", folder.path("a.zip")]).status == 0)
    #expect(try cmeaudit(args + ["--output", folder.path("b.zip")]).status == 0)
    let a = try Data(contentsOf: folder.url.appendingPathComponent("a.zip"))
    #expect(a == (try Data(contentsOf: folder.url.appendingPathComponent("b.zip"))))  // the same bytes
    let archive = try Archive(data: a, accessMode: .read)
    func contents(_ name: String) throws -> Data {
      var data = Data()
      _ = try archive.extract(try #require(archive[name])) { data.append($0) }
      return data
    }
    let manifest = String(decoding: try contents("manifest.csv"), as: UTF8.self)
    let rows = manifest.split(separator: "\r\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    #expect(rows.count == 6)  // five certificates, the workshop's with two credit lines
    for row in rows {
      let file = String(row[0])
      let digest = CertificateFolderImporter.sha256(
        of: try {
          let url = folder.url.appendingPathComponent("extracted-" + (file as NSString).lastPathComponent)
          try contents(file).write(to: url)
          return url
        }())
      #expect(digest == String(row[1]), "\(file)")
    }
    #expect(!manifest.contains("wellness"))  // participation is not verified credit
    #expect(archive["report.html"] != nil && archive["report.json"] != nil)
    // The transcripts behind verified credit, byte for byte, and the sheet of activities that count.
    let transcript = try contents("transcripts/university-hospital.csv")
    #expect(
      transcript
        == (try Data(
          contentsOf: URL(fileURLWithPath: Self.samples + "/transcripts/university-hospital.csv"))))
    let sheet = String(decoding: try contents("activities.csv"), as: UTF8.self)
    #expect(
      sheet.hasPrefix("\u{FEFF}date,title,provider,accrediting body,credit type,credit counted,requirements"))
    #expect(sheet.contains("Opioid Analgesic REMS"))
    #expect(sheet.contains("California (MD), license renewal: pain-and-terminally-ill"))
    #expect(!sheet.contains("Wellness"))
    // Only as a zip (and, like every report, never over an input: see theReportIsWrittenToOutput...).
    let refused = try cmeaudit(["pack", Self.samples, "--output", Self.samples + "/logs/my-cme-log.csv"])
    #expect(refused.status == 64)
  }
}
