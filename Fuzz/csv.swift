// libFuzzer harness: the CSV reader, fed whole and in two chunks, must agree and never crash.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: count))
  let text = String(decoding: bytes, as: UTF8.self)
  let whole = CSVReader(delimiter: CSVReader.sniffDelimiter(text)).read(text)
  var utf8 = Array(text.utf8)
  let cut = utf8.isEmpty ? 0 : Int(utf8[0]) % utf8.count
  var reader = CSVReader(delimiter: Character(UnicodeScalar(whole.rows.isEmpty ? 44 : 44)))
  var rows: [CSVRow] = []
  utf8.withUnsafeMutableBufferPointer { buffer in
    reader.feed(UnsafeBufferPointer(rebasing: buffer[..<cut])) { rows.append($0) }
    reader.feed(UnsafeBufferPointer(rebasing: buffer[cut...])) { rows.append($0) }
  }
  _ = reader.finish { rows.append($0) }
  let comma = CSVReader(delimiter: ",").read(text)
  if rows != comma.rows { fatalError("chunked and whole reads differ") }
  return 0
}
