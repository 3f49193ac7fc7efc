import CMEAuditModel
import Foundation

/// A delimited text file read in chunks, so that memory holds the records kept, not the file. Detects the
/// encoding (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252 field by field where bytes are not
/// UTF-8), sniffs the delimiter from the first chunk, and passes each row to a closure; it can be read more
/// than once (the importer's first pass finds the header and the day/month order, the second builds records).
public struct DelimitedFile: Sendable {
  let source: SourceSpec
  public let delimiter: Character
  /// UTF-16 files are converted chunk by chunk; everything else is read as bytes.
  private let utf16: String.Encoding?
  private let skip: Int
  private let forced1252: Bool
  /// A small file (a learner's log) is read once and kept, not opened again for each pass.
  private let whole: Data?
  /// The file's size in bytes when it was opened.
  let size: Int
  /// The lines with something on them in the first 64 KiB of a file that is not small (none for a small one):
  /// empty lines make no rows, and a file of ten million line ends was foreseen as ten million records.
  let headLines: Int

  static let chunkSize = 1 << 20

  public init(_ source: SourceSpec) throws(CMEAuditError) {
    self.source = source
    let headSize = 64 * 1024
    let head: Data
    (head, size) = try FileReading.head(of: source, upTo: headSize)
    // A pipe's bytes, held, are read as a small file's are: once, from memory.
    whole = source.contents ?? (head.count < headSize ? head : nil)
    headLines = whole == nil ? Self.filledLines(head) : 0
    if head.isEmpty { throw .unreadable(path: source.displayPath, reason: "the file is empty") }
    if TextDecoder.looksBinary(head) {
      throw .unreadable(path: source.displayPath, reason: "not a text file (binary content)")
    }
    var utf16: String.Encoding?
    var skip = 0
    let forced = source.profile?.encoding
    if head.starts(with: [0xFF, 0xFE]) || forced == .utf16LE {
      utf16 = .utf16LittleEndian
      skip = head.starts(with: [0xFF, 0xFE]) ? 2 : 0
    } else if head.starts(with: [0xFE, 0xFF]) || forced == .utf16BE {
      utf16 = .utf16BigEndian
      skip = head.starts(with: [0xFE, 0xFF]) ? 2 : 0
    } else if head.starts(with: [0xEF, 0xBB, 0xBF]) {
      skip = 3
    }
    self.utf16 = utf16
    self.skip = skip
    forced1252 = forced == .windows1252
    if utf16 == nil {
      delimiter = head.dropFirst(skip).withUnsafeBytes {
        CSVReader.sniffDelimiter(bytes: $0.bindMemory(to: UInt8.self))
      }
    } else {
      // UTF-16 text with tabs is Excel's "Unicode Text" or a Teams attendance report: tab-separated, whatever
      // commas its dates hold ("9/3/25, 11:58:03 AM").
      let sample = Self.decodeSample(head.dropFirst(skip), utf16: utf16)
      delimiter = sample.contains("\t") ? "\t" : CSVReader.sniffDelimiter(sample)
    }
  }

  /// A stretch of the file that starts at a row's start (a `CSVRow.offset` the whole file's read gave) and
  /// ends at another's, or at the end: parts of one file can be read at once, on different cores.
  public struct Part: Sendable {
    var start: Int
    var end: Int?
    /// The line the part starts on.
    var line: Int
    /// The rows the whole file's read found in it (a capacity to reserve).
    public var rows = 0
  }

  /// The line feeds in `bytes` that end a line holding more than blanks and delimiters (a blank row makes no
  /// record).
  static func filledLines(_ bytes: Data) -> Int {
    var (lines, filled) = (0, false)
    for byte in bytes {
      switch byte {
      case 0x0A:
        if filled { lines += 1 }
        filled = false
      case 0x0D, 0x20, 0x09, 0x2C, 0x3B, 0x7C: break
      default: filled = true
      }
    }
    return lines
  }

  /// Whether the file can be read in parts: bytes (not UTF-16) and not small.
  var isDivisible: Bool { utf16 == nil && whole == nil }

  /// Reads every row in order (of the file, or of `part`); returns the line of a row whose quote was never
  /// closed, the encoding seen, and the lines of rows left out for a field past `InputLimits.fieldBytes`. Only the columns `mask` wants are decoded (all, without one). Rows carry
  /// their byte offsets in the file.
  func forEachRow(part: Part? = nil, mask: ColumnMask? = nil, _ body: (CSVRow) -> Void) throws(CMEAuditError)
    -> (unterminatedQuoteLine: Int?, encoding: TextEncodingName, tooLongLines: [Int])
  {
    let handle: FileHandle?
    if whole == nil || part != nil {
      guard let opened = try? FileHandle(forReadingFrom: source.url) else {
        throw .unreadable(path: source.displayPath, reason: "cannot be read")
      }
      handle = opened
    } else {
      handle = nil
    }
    defer { try? handle?.close() }
    var unread = whole
    var remaining = Int.max
    if let part, let handle {
      guard (try? handle.seek(toOffset: UInt64(part.start))) != nil else {
        throw .unreadable(path: source.displayPath, reason: "cannot be read")
      }
      remaining = part.end.map { $0 - part.start } ?? Int.max
    }
    /// The next chunk: the kept file once, else the next read (up to the part's end).
    func nextChunk() -> Data? {
      if let handle {
        guard remaining > 0 else { return nil }
        let chunk = try? handle.read(upToCount: min(Self.chunkSize, remaining))
        remaining -= chunk?.count ?? 0
        return chunk
      }
      defer { unread = nil }
      return unread
    }
    let tally = EncodingTally()
    let forced1252 = self.forced1252
    // The byte order mark is skipped at the start of the file (a part further on starts after it).
    let start = part?.start ?? 0
    var reader = CSVReader(delimiter: delimiter, startLine: part?.line ?? 1, startOffset: max(start, skip)) {
      bytes in Self.decode(bytes, forced1252: forced1252, tally: tally)
    }
    reader.mask = mask
    var first = start == 0
    var utf16Text = utf16.map(UTF16Chunks.init)
    // A read that decodes only some columns looks at every line's bytes for the encoding.
    let scanning = mask != nil && utf16 == nil && !forced1252
    while true {
      guard var chunk = nextChunk(), !chunk.isEmpty else { break }
      if first {
        chunk = chunk.dropFirst(skip)
        first = false
      }
      if var text = utf16Text?.text(of: chunk) {
        text.withUTF8 { reader.feed($0, emit: body) }
      } else {
        chunk.withUnsafeBytes { raw in
          if scanning { tally.scan(raw.bindMemory(to: UInt8.self)) }
          reader.feed(raw.bindMemory(to: UInt8.self), emit: body)
        }
      }
    }
    if var text = utf16Text?.rest() { text.withUTF8 { reader.feed($0, emit: body) } }
    let unterminated = reader.finish(emit: body)
    let encoding: TextEncodingName =
      if let utf16 { utf16 == .utf16LittleEndian ? .utf16LE : .utf16BE } else if forced1252 {
        .windows1252
      } else if tally.windows1252 { tally.utf8 ? .mixed : .windows1252 } else { skip == 3 ? .utf8BOM : .utf8 }
    return (unterminated, encoding, reader.tooLongLines)
  }

  /// A field's text: UTF-8 where it is, else Windows-1252 (or 1252 when the profile says so); `tally` notes which.
  private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, forced1252: Bool, tally: EncodingTally)
    -> String
  {
    if forced1252 { return String(bytes: bytes, encoding: .windowsCP1252) ?? "" }
    if FieldDecoder.isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
    if let text = String(validating: bytes, as: UTF8.self) {
      tally.utf8 = true
      return text
    }
    tally.windows1252 = true
    return String(bytes: bytes, encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
  }

  private static func decodeSample(_ data: Data, utf16: String.Encoding?) -> String {
    if let utf16 { return lenientUTF16(data.count % 2 == 0 ? data : data.dropLast(), utf16) }
    return String(decoding: data, as: UTF8.self)
  }
}

/// Which encodings the fields of one read turned out to be in (one thread writes it).
private final class EncodingTally: @unchecked Sendable {
  var utf8 = false
  var windows1252 = false
  /// The bytes at the end of the last chunk scanned that may begin a character the next chunk ends.
  private var carry: [UInt8] = []

  /// Tallies each line of a chunk as ASCII, UTF-8 or not (Windows-1252), for a read that decodes only some
  /// columns (the first pass): the encoding it reports is the file's, not only its dates' (a file with
  /// Windows-1252 titles was reported as UTF-8). Lines of ASCII, most of them, are passed over eight bytes
  /// at a time.
  func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard !(utf8 && windows1252) else { return }  // nothing more to learn
    if carry.isEmpty, FieldDecoder.isASCII(bytes) { return }  // most chunks: eight bytes at a time
    var end = bytes.count
    // A character cut by the chunk's end is carried over whole: back to its lead byte, at most 3 bytes.
    var back = end
    while back > 0, end - back < 3, bytes[back - 1] & 0xC0 == 0x80 { back -= 1 }
    if back > 0, bytes[back - 1] >= 0xC0 { end = back - 1 }
    var start = 0
    if !carry.isEmpty {
      let first = bytes[..<end].firstIndex(of: 0x0A) ?? end
      tally(carry + bytes[..<first])
      carry = []
      start = first
    }
    while start < end {
      let stop = bytes[start..<end].firstIndex(of: 0x0A) ?? end
      bytes[start..<stop].withContiguousStorageIfAvailable { tally(UnsafeBufferPointer(rebasing: $0[...])) }
      start = stop + 1
    }
    carry = Array(bytes[end...])
  }

  private func tally(_ line: [UInt8]) { line.withUnsafeBufferPointer { tally($0) } }

  private func tally(_ line: UnsafeBufferPointer<UInt8>) {
    guard !FieldDecoder.isASCII(line) else { return }
    if String(validating: line, as: UTF8.self) != nil { utf8 = true } else { windows1252 = true }
  }
}

/// UTF-16 bytes as text, a lone surrogate read as U+FFFD (Foundation's decoding gives nothing at all for the
/// whole chunk, and every row of it would vanish).
func lenientUTF16(_ data: Data, _ encoding: String.Encoding) -> String {
  let little = encoding == .utf16LittleEndian
  var units: [UInt16] = []
  units.reserveCapacity(data.count / 2)
  data.withUnsafeBytes { raw in
    let bytes = raw.bindMemory(to: UInt8.self)
    var index = 0
    while index + 1 < bytes.count {
      let (a, b) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
      units.append(little ? a | b << 8 : a << 8 | b)
      index += 2
    }
  }
  return String(decoding: units, as: UTF16.self)
}

/// UTF-16 text read a chunk at a time: a chunk may end inside a code unit or between a surrogate pair, so
/// the odd byte or the high surrogate is held for the next chunk.
private struct UTF16Chunks {
  let encoding: String.Encoding
  private var carry = Data()

  init(_ encoding: String.Encoding) { self.encoding = encoding }

  /// The text of `chunk` and what was held from the one before, up to what must wait for the next.
  mutating func text(of chunk: Data) -> String {
    var data = carry + chunk
    carry = Data()
    if data.count % 2 == 1 {
      carry = data.suffix(1)
      data = data.dropLast(1)
    }
    if data.count >= 2 {
      let last = data.suffix(2)
      let unit =
        encoding == .utf16LittleEndian
        ? UInt16(last.first!) | UInt16(last.last!) << 8 : UInt16(last.first!) << 8 | UInt16(last.last!)
      if (0xD800...0xDBFF).contains(unit) {
        carry = last + carry
        data = data.dropLast(2)
      }
    }
    return lenientUTF16(data, encoding)
  }

  /// What was held after the last chunk, if anything could be read of it.
  func rest() -> String? {
    carry.isEmpty ? nil : String(data: carry, encoding: encoding)
  }
}
