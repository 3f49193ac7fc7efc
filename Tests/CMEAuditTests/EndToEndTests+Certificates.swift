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

  /// The report says which certificates were read from their text, how, and which fields the text gave.
  @Test func theReportSaysHowEachCertificateWasRead() throws {
    let run = try cmeaudit(["reconcile", Self.samples, "--academic-year", "2025", "--format", "json"])
    let records = try #require(run.json["records"] as? [[String: Any]])
    func readFrom(_ file: String) -> [String: Any]? {
      records.first { ($0["source"] as? [String: Any])?["path"] as? String == "certificates/" + file }?[
        "readFrom"] as? [String: Any]
    }
    #expect(readFrom("acp-im-2026.pdf")?["method"] as? String == "text")
    #expect(readFrom("sepsis-module.pdf")?["method"] as? String == "ocr")
    #expect((readFrom("sepsis-module.pdf")?["ocrConfidence"] as? Int ?? 0) > 60)
    // The manifest row gives the symposium's title: the text gave the rest.
    let symposium = readFrom("hf-symposium.pdf")?["fields"] as? [String]
    #expect(symposium?.contains("date") == true && symposium?.contains("title") == false)
    let text = try cmeaudit(["reconcile", Self.samples, "--academic-year", "2025"])
    #expect(text.stdout.contains("7 records (6 read from their own text, 2 of them by OCR)"))
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

  /// `--cache` keeps certificates' text by SHA-256 in the folder named: the rerun reads from it and reports
  /// the same; a cache inside an input folder is refused (it would be read as certificates next time).
  @Test func theTextCacheGivesTheSameReport() throws {
    let folder = try TempFolder()
    let cache = folder.url.appendingPathComponent("cache").path
    let arguments = ["reconcile", Self.samples, "--academic-year", "2025", "--as-of", "2026-07-15"]
    let plain = try cmeaudit(arguments)
    let first = try cmeaudit(arguments + ["--cache", cache])
    let entries = try FileManager.default.contentsOfDirectory(atPath: cache)
    #expect(entries.count == 6 && entries.allSatisfy { $0.hasSuffix(".text-1.json") })
    // What a rerun reads is the cache: an entry changed by hand shows in the report.
    let sepsis = try #require(
      entries.first { entry in
        (try? String(contentsOfFile: cache + "/" + entry, encoding: .utf8))?.contains("Sepsis Update") == true
      })
    let path = cache + "/" + sepsis
    let edited = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
      of: "Sepsis Update 2026", with: "Sepsis Update 2027")
    try edited.write(toFile: path, atomically: true, encoding: .utf8)
    let second = try cmeaudit(arguments + ["--cache", cache])
    #expect(plain.stdout == first.stdout)
    #expect(second.stdout.contains("Sepsis Update 2027"))
    let inside = try cmeaudit(arguments + ["--cache", Self.samples + "/certificates/cache"])
    #expect(inside.status == 2 && inside.stderr.contains("write the cache elsewhere"))
    #expect(!FileManager.default.fileExists(atPath: Self.samples + "/certificates/cache"))
  }
}
