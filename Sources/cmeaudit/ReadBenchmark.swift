import ArgumentParser
import CMEAudit
import Foundation

/// `cmeaudit benchmark-read FILE`: the CSV reader's throughput, for Benchmarks/run (hidden from help).
struct ReadBenchmarkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "benchmark-read", abstract: "Time the CSV reader alone on a file.", shouldDisplay: false)

  @Argument(help: "A delimited text file.")
  var file: String

  func run() throws {
    let start = ContinuousClock.now
    do {
      let (rows, bytes) = try ReadBenchmark.read(URL(fileURLWithPath: file))
      let elapsed = ContinuousClock.now - start
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      print("rows=\(rows) bytes=\(bytes) ms=\(Int(seconds * 1000))")
    } catch {
      reportError(error)
      throw ExitCode(2)
    }
  }
}
