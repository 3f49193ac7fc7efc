import CMEAuditModel
import Foundation

/// The CSV reader alone, for `Benchmarks/run`: a delimited file read as every import reads it (chunks,
/// encoding, every field decoded), with no records built. Not used by the commands.
public enum ReadBenchmark {
  /// Reads the file once; its rows and bytes.
  public static func read(_ url: URL) throws(CMEAuditError) -> (rows: Int, bytes: Int) {
    let file = try DelimitedFile(SourceSpec(url: url, displayPath: url.path, kind: .transcript))
    var rows = 0
    _ = try file.forEachRow { _ in rows += 1 }
    let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    return (rows, bytes)
  }

  /// The record ids' digests of every row of a file (its cells joined as `RecordIdentity` joins them), timed
  /// over all the rows (median of three): what the import spends on ids.
  public static func digests(_ url: URL) throws(CMEAuditError) -> (rows: Int, ms: Int) {
    let file = try DelimitedFile(SourceSpec(url: url, displayPath: url.path, kind: .transcript))
    var bytes: [UInt8] = []
    var ends: [Int] = []
    _ = try file.forEachRow { row in
      bytes += url.path.utf8
      for field in row.fields {
        bytes.append(0x1F)
        bytes += field.utf8
      }
      ends.append(bytes.count)
    }
    let timed = medianOfThree {
      var keys: [UInt64] = []
      keys.reserveCapacity(ends.count)
      bytes.withUnsafeBufferPointer { all in
        var from = 0
        for end in ends {
          keys.append(RecordIdentity.sha256Prefix(all.baseAddress.map { $0 + from }, end - from))
          from = end
        }
      }
      return keys
    }
    return (ends.count, timed.ms)
  }

  /// `body` run three times: the median run's milliseconds and what it made.
  public static func medianOfThree<Value>(_ body: () -> Value) -> (ms: Int, value: Value) {
    var runs: [(ms: Int, value: Value)] = []
    for _ in 0..<3 {
      let start = ContinuousClock.now
      let value = body()
      let elapsed = (ContinuousClock.now - start).components
      runs.append((Int(elapsed.seconds) * 1000 + Int(elapsed.attoseconds / 1_000_000_000_000_000), value))
    }
    return runs.sorted { $0.ms < $1.ms }[1]
  }
}
