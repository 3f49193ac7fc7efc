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
}
