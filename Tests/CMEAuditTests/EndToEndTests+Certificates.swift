import Foundation
import Testing

@testable import CMEAuditSynth

/// Certificates as physicians keep them, run as a user would: `inspect` shows what was read, and writes the
/// sidecars only into the folder named.
extension EndToEndTests {
  @Test func inspectShowsWhatACertificateSays() throws {
    let certificate = Self.samples + "/certificates/acp-im-2026.pdf"
    let run = try cmeaudit(["inspect", certificate])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("read from its text layer"))
    #expect(run.stdout.contains("18.50 AMA PRA Category 1 Credits (awarded); counts"))
    #expect(
      run.stdout.contains("40.00 AMA PRA Category 1 Credits (designation: the most it offers); not counted"))
    let json = try cmeaudit(["inspect", certificate, "--format", "json"]).json
    let readings = try #require(json["certificates"] as? [[String: Any]])
    #expect(
      (readings.first?["title"] as? [String: Any])?["value"] as? String == "Internal Medicine Meeting 2026")
  }

  /// `--write-sidecars` writes into the folder named, never over a file there, and leaves the inputs alone.
  @Test func sidecarsAreWrittenOnlyWhereTheUserSays() throws {
    let folder = try TempFolder()
    let certificates = folder.url.appendingPathComponent("certs")
    try SampleCertificates.write(to: certificates)
    let before = try FileManager.default.contentsOfDirectory(atPath: certificates.path).sorted()
    let out = folder.url.appendingPathComponent("sidecars").path
    let run = try cmeaudit(["inspect", certificates.path, "--write-sidecars", out])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: certificates.path).sorted() == before)
    let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(written.contains("acp-im-2026.json") && written.contains("wellness-retreat.json"))
    let sidecar =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: out + "/sepsis-module.json"))) as? [String: Any]
    #expect(sidecar?["title"] as? String == "Sepsis Update 2026 (online module)")
    #expect(sidecar?["date"] as? String == "2026-03-28")
    // A second run does not write over them.
    let again = try cmeaudit(["inspect", certificates.path, "--write-sidecars", out])
    #expect(again.stderr.contains("already exists: not written over"))
  }
}
