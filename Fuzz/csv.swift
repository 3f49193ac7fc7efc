// libFuzzer harness: the CSV reader, fed whole and in two chunks, must agree and never crash; a read that
// wants only some columns (a first pass) must give the same rows, lines, offsets and wanted fields.
import Foundation
@testable import CMEAuditImport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: count))
  let text = String(decoding: bytes, as: UTF8.self)
  _ = CSVReader(delimiter: CSVReader.sniffDelimiter(text)).read(text)
  var utf8 = Array(text.utf8)
  let cut = utf8.isEmpty ? 0 : Int(utf8[0]) % utf8.count
  // The columns wanted, from the second byte's bits.
  let wanted = (0..<6).map { utf8.count > 1 && Int(utf8[1]) >> $0 & 1 == 1 }
  func read(mask: ColumnMask?) -> ([CSVRow], Int?) {
    var reader = CSVReader(delimiter: ",")
    reader.mask = mask
    var rows: [CSVRow] = []
    utf8.withUnsafeMutableBufferPointer { buffer in
      reader.feed(UnsafeBufferPointer(rebasing: buffer[..<cut])) { rows.append($0) }
      reader.feed(UnsafeBufferPointer(rebasing: buffer[cut...])) { rows.append($0) }
    }
    let unterminated = reader.finish { rows.append($0) }
    return (rows, unterminated)
  }
  let (rows, unterminated) = read(mask: nil)
  let comma = CSVReader(delimiter: ",").read(text)
  if rows != comma.rows { fatalError("chunked and whole reads differ") }
  let (masked, maskedUnterminated) = read(mask: ColumnMask(wanted: wanted))
  if masked.count != rows.count || maskedUnterminated != unterminated { fatalError("masked read: other rows") }
  for (row, full) in zip(masked, rows) {
    if row.line != full.line || row.offset != full.offset { fatalError("masked read: other lines") }
    for column in wanted.indices {
      let expected = column < full.fields.count ? (wanted[column] ? full.fields[column] : "") : nil
      if (column < row.fields.count ? row.fields[column] : nil) != expected {
        fatalError("masked read: column \(column) differs")
      }
    }
  }
  return 0
}
