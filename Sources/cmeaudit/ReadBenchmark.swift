import ArgumentParser
import CMEAudit
import CMEAuditImport
import CMEAuditSupport
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

/// `cmeaudit benchmark-digest FILE`: the record ids' SHA-256 digests of a file's rows (swift-crypto's
/// `SHA256`), for Benchmarks/run (hidden from help).
struct DigestBenchmarkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "benchmark-digest", abstract: "Time the record ids' digests on a file.",
    shouldDisplay: false)

  @Argument(help: "A delimited text file.")
  var file: String

  func run() throws {
    do {
      let got = try ReadBenchmark.digests(URL(fileURLWithPath: file))
      print("rows=\(got.rows) crypto_ms=\(got.ms)")
    } catch {
      reportError(error)
      throw ExitCode(2)
    }
  }
}

/// `cmeaudit benchmark-json FOLDER`: the JSON report of a reconciled folder written by `JSONEncoder` and by
/// the project's writer (`PrettyJSON`), each timed (median of three) and compared byte for byte, for
/// Benchmarks/run (hidden from help): the measurement behind writing JSON by hand.
struct JSONBenchmarkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "benchmark-json", abstract: "Time JSONEncoder and PrettyJSON on one report.",
    shouldDisplay: false)

  @Argument(help: "A folder as `reconcile` reads it.")
  var folder: String

  func run() throws {
    do {
      let report = try Reconciler(period: nil, today: RunOptions.today()).run(FolderLayout.read(folder))
      let foundation = ReadBenchmark.medianOfThree { PrettyJSON.foundation(report).map { $0 + "\n" } }
      let ours = ReadBenchmark.medianOfThree { PrettyJSON.text(report) }
      let bytes = ours.value?.utf8.count ?? 0
      print(
        "records=\(report.records.count) bytes=\(bytes) foundation_ms=\(foundation.ms) prettyjson_ms=\(ours.ms) "
          + "same=\(foundation.value == ours.value)")
    } catch {
      reportError(error)
      throw ExitCode(2)
    }
  }
}
