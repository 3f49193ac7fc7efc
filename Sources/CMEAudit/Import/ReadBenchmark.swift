import Crypto
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

  /// The record ids' digests of every row of a file (its cells joined as `RecordIdentity` joins them), taken
  /// with swift-crypto's `SHA256` and in one call (`RecordIdentity.sha256Prefix`), each timed over all the
  /// rows (median of three): the measurement behind the one call. `same`: the two agree on every row.
  public static func digests(_ url: URL) throws(CMEAuditError) -> (
    rows: Int, cryptoMS: Int, oneCallMS: Int, same: Bool
  ) {
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
    func timed(_ digest: (UnsafeBufferPointer<UInt8>) -> UInt64) -> (ms: Int, value: [UInt64]) {
      medianOfThree {
        var keys: [UInt64] = []
        keys.reserveCapacity(ends.count)
        bytes.withUnsafeBufferPointer { all in
          var from = 0
          for end in ends {
            keys.append(digest(UnsafeBufferPointer(rebasing: all[from..<end])))
            from = end
          }
        }
        return keys
      }
    }
    let crypto = timed { row in
      var hash = SHA256()
      hash.update(bufferPointer: UnsafeRawBufferPointer(row))
      return hash.finalize().withUnsafeBytes { $0.prefix(6).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
    }
    let oneCall = timed { RecordIdentity.sha256Prefix($0.baseAddress, $0.count) }
    return (ends.count, crypto.ms, oneCall.ms, crypto.value == oneCall.value)
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
