import ArgumentParser
import CMEAuditSynth
import Foundation

@main
struct SynthCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cmeaudit-synth",
    abstract: "Generate CME scenarios with a known answer, and score cmeaudit's reports against it.",
    subcommands: [Generate.self, ScoreReports.self, Certificates.self, BenchmarkFolder.self])
}

struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write N learners' years (folder layout) with planted noise and an answer key each.")

  @Option(help: "The folder to write learner-001, learner-002, ... into.")
  var out: String

  @Option(help: "How many learners.")
  var learners = 10

  @Option(help: "The seed; the same seed gives the same files.")
  var seed: UInt64 = 1

  @Option(help: "Multiply every default noise rate by this (0 = clean data).")
  var noiseScale = 1.0

  func run() throws {
    let root = URL(fileURLWithPath: out)
    let noise = Noise().scaled(by: noiseScale)
    for index in 1...max(1, learners) {
      let folder = root.appendingPathComponent(String(format: "learner-%03d", index))
      try? FileManager.default.removeItem(at: folder)
      _ = try ScenarioGenerator(noise: noise, seed: seed &* 1000 &+ UInt64(index)).write(to: folder)
    }
  }
}

struct Certificates: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sample-certificates",
    abstract: "Write the sample resident's certificates (PDFs, a scan, a photo) into a folder.")

  @Option(help: "The certificates folder to write into.")
  var out: String

  func run() throws {
    try SampleCertificates.write(to: URL(fileURLWithPath: out))
  }
}

struct BenchmarkFolder: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "benchmark-certificates",
    abstract: "Write a folder of many certificates (text PDFs, scans, photos) for Benchmarks/certificates.")

  @Option(help: "The folder to write into.")
  var out: String

  @Option(help: "PDFs with a text layer.") var text = 200
  @Option(help: "Scanned PDFs (no text layer).") var scans = 10
  @Option(help: "Photos (JPEG).") var photos = 10

  func run() throws {
    try BenchmarkCertificates.write(to: URL(fileURLWithPath: out), text: text, scans: scans, photos: photos)
  }
}

struct ScoreReports: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Score each folder's report.json against its answer-key.json and print the table.")

  @Argument(help: "Learner folders holding answer-key.json and report.json.")
  var folders: [String]

  @Flag(help: "Also list every miss and false alarm.")
  var mistakes = false

  func run() throws {
    var total = Score()
    for folder in folders {
      let url = URL(fileURLWithPath: folder)
      let key = try JSONDecoder().decode(
        AnswerKey.self, from: Data(contentsOf: url.appendingPathComponent("answer-key.json")))
      let report = try JSONSerialization.jsonObject(
        with: Data(contentsOf: url.appendingPathComponent("report.json")))
      total.add(Score.score(report: report as? [String: Any] ?? [:], key: key, label: url.lastPathComponent))
    }
    print(total.table(), terminator: "")
    if mistakes { print(total.mistakes.joined(separator: "\n")) }
  }
}
