import CMEAuditModel
import CMEAuditSupport
import Foundation

/// The columns a `CSVReader` decodes (nil: all). One thread reads and writes it.
public final class ColumnMask: @unchecked Sendable {
  public var wanted: [Bool]?

  public init(wanted: [Bool]? = nil) { self.wanted = wanted }
}

/// One row of a delimited file with the 1-based line it starts on.
public struct CSVRow: Sendable, Equatable {
  public var line: Int
  public var fields: [String]
  /// Where the row starts in the bytes read (counting from the reader's `startOffset`), when a reader can
  /// start there afresh: after a line end. Nil after a CR at the end of a chunk (a LF may follow).
  public var offset: Int?

  public init(line: Int, fields: [String], offset: Int? = nil) {
    self.line = line
    self.fields = fields
    self.offset = offset
  }

  /// Rows are equal when they say the same on the same line (where a reader began does not matter).
  public static func == (a: CSVRow, b: CSVRow) -> Bool { a.line == b.line && a.fields == b.fields }

  /// True when every field is blank.
  public var isBlank: Bool { fields.allSatisfy(Self.isBlank) }

  /// A field of whitespace only; a printable ASCII byte settles it without looking at characters.
  static func isBlank(_ field: String) -> Bool {
    for byte in field.utf8 where byte > 0x20 {
      if byte < 0x80 { return false }
      break
    }
    return field.allSatisfy(\.isWhitespace)
  }
}

/// An RFC 4180 reader that keeps the line each row starts on, which the CSV libraries on this toolchain
/// (CSV.swift, SwiftCSV) do not report, and that provenance needs. Quoted fields may hold delimiters,
/// quotes (doubled) and newlines; CRLF, LF and CR line ends are accepted. A quote left open at the end of
/// the file is reported through `unterminatedQuoteLine` instead of swallowing the file silently.
///
/// It works on UTF-8 bytes: the delimiter, quote and line ends are ASCII, so they never occur inside a
/// multi-byte character, and fields are decoded once each. Bytes may come in chunks (``feed(_:emit:)``,
/// then ``finish(emit:)``), so a file is read without holding it whole.
public struct CSVReader: Sendable {
  public let delimiter: UInt8
  /// Turns a field's bytes into text (UTF-8, else Windows-1252, by default).
  private let decode: @Sendable (UnsafeBufferPointer<UInt8>) -> String

  /// Which columns to decode, when not all: the others come back empty, and those after the last wanted
  /// column may be left out of the row. Shared, so that whoever reads the rows can narrow it in the middle of
  /// a read (a first pass that wants two columns of forty).
  public var mask: ColumnMask? { didSet { wanted = mask?.wanted } }
  /// `mask`'s columns, read again after each row is passed on (only then can they change): reading the
  /// shared object for every field would check exclusive access each time.
  private var wanted: [Bool]?

  private var fields: [String] = []
  /// The row before's fields: a field with the same bytes as the one above it (a learner's email, the
  /// credit type on every row) is that text again, not decoded and allocated anew.
  private var above: [String] = []
  private var field: [UInt8] = []
  private var inQuotes = false
  private var quotedField = false
  /// A quote seen inside quotes at the end of a chunk: a closing quote or the first of a doubled one.
  private var pendingQuote = false
  /// A CR seen at the end of a chunk: a LF may follow in the next.
  private var pendingCR = false
  private var line: Int
  private var rowStart: Int
  /// The offset of the first byte of the next `feed`, and where the current row starts (see `CSVRow.offset`).
  private var base: Int
  private var rowOffset: Int?
  /// A field of the current row ran past `InputLimits.fieldBytes`: the row is not passed on.
  private var rowTooLong = false
  /// The lines of rows left out for a field past `InputLimits.fieldBytes` (the caller reports them).
  public private(set) var tooLongLines: [Int] = []

  /// `delimiter` must be an ASCII character (comma, semicolon, tab or bar). A reader started in the middle
  /// of a file (at a row's start) is told the line and byte offset it starts at.
  public init(
    delimiter: Character, startLine: Int = 1, startOffset: Int = 0,
    decode: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> String = FieldDecoder.utf8Or1252
  ) {
    self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
    self.decode = decode
    line = startLine
    rowStart = startLine
    base = startOffset
    rowOffset = startOffset
  }

  public struct Output: Sendable {
    public var rows: [CSVRow]
    /// The line of a row whose quote was never closed, if any.
    public var unterminatedQuoteLine: Int?
    /// The lines of rows left out for a field longer than `InputLimits.fieldBytes`.
    public var tooLongLines: [Int] = []
  }

  /// Reads a whole text at once.
  public func read(_ text: String) -> Output {
    var reader = self
    var rows: [CSVRow] = []
    var text = text
    text.withUTF8 { reader.feed($0) { rows.append($0) } }
    let unterminated = reader.finish { rows.append($0) }
    return Output(rows: rows, unterminatedQuoteLine: unterminated, tooLongLines: reader.tooLongLines)
  }

  private static let quote = UInt8(ascii: "\"")
  private static let lf = UInt8(ascii: "\n")
  private static let cr = UInt8(ascii: "\r")
  private static let space = UInt8(ascii: " ")

  /// Keeps a field that has run past `InputLimits.fieldBytes` from growing without bound: its row is left
  /// out, and one byte stands for what was gathered (not empty: a quote after it opens no quoted field).
  private mutating func boundField() {
    guard field.count > InputLimits.fieldBytes else { return }
    rowTooLong = true
    field = [UInt8(ascii: "x")]
  }

  /// Ends the field held in `field` (quoted, or begun in an earlier chunk).
  private mutating func finishField() {
    field.withUnsafeBufferPointer { finishField($0) }
    field.removeAll(keepingCapacity: true)
  }

  /// Ends a field whose bytes are `bytes`. A row keeps at most one field past `InputLimits.columns`, so that
  /// it says it has more than a table is read to without holding them (a 30 MB line of commas held 30
  /// million fields, 575 MB).
  private mutating func finishField(_ bytes: UnsafeBufferPointer<UInt8>) {
    if fields.count > InputLimits.columns {
      quotedField = false
      return
    }
    if bytes.count > InputLimits.fieldBytes {
      rowTooLong = true
      fields.append("")
    } else if let wanted, fields.count >= wanted.count || !wanted[fields.count] {
      fields.append("")
    } else if fields.count < above.count, Self.holds(above[fields.count], bytes) {
      fields.append(above[fields.count])
    } else {
      fields.append(decode(bytes))
    }
    quotedField = false
  }

  /// Whether `text`'s UTF-8 is `bytes`.
  private static func holds(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard text.utf8.count == bytes.count else { return false }
    var text = text
    return text.withUTF8 { $0.count == 0 || memcmp($0.baseAddress!, bytes.baseAddress!, $0.count) == 0 }
  }

  /// Passes the row read on, or notes its line if a field of it ran past `InputLimits.fieldBytes`.
  private mutating func passOn(_ emit: (CSVRow) -> Void) {
    if rowTooLong {
      tooLongLines.append(rowStart)
      rowTooLong = false
    } else {
      emit(CSVRow(line: rowStart, fields: fields, offset: rowOffset))
    }
  }

  /// `lineEnd` is where the row's line end is, `next` where the next row starts, when known.
  private mutating func endRow(_ emit: (CSVRow) -> Void, lineEnd: Int, next: Int?) {
    // An empty line (a line end alone) is no row: ten million of them were ten million rows held.
    if lineEnd != rowOffset { passOn(emit) }
    if let mask { wanted = mask.wanted }
    swap(&fields, &above)
    fields.removeAll(keepingCapacity: true)
    line += 1
    rowStart = line
    rowOffset = next
  }

  /// Reads the next bytes; each row completed is passed to `emit`.
  ///
  /// A plain field (unquoted, begun in these bytes) is decoded straight from them, from `run` to its end;
  /// only quoted fields and a field cut by the end of the bytes are gathered in `field` first.
  public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, emit: (CSVRow) -> Void) {
    var i = 0
    let count = bytes.count
    defer { base += count }
    if pendingCR, count > 0 {
      pendingCR = false
      if bytes[0] == Self.lf { i = 1 }
      // A row ended at that CR: the next one starts here, now that it is known whether a LF followed.
      if rowOffset == nil, fields.isEmpty { rowOffset = base + i }
    }
    if pendingQuote, count > i {
      pendingQuote = false
      if bytes[i] == Self.quote {
        field.append(Self.quote)
        i += 1
      } else {
        inQuotes = false
      }
    }
    if wanted != nil, fields.isEmpty, field.isEmpty, !inQuotes, !quotedField {
      i = simpleRows(bytes, from: i, emit)
    }
    /// Where the plain field being read began in `bytes`, or -1 while the field is gathered in `field`.
    var run = field.isEmpty && !inQuotes && !quotedField ? i : -1
    func plain(upTo end: Int) -> UnsafeBufferPointer<UInt8> {
      UnsafeBufferPointer(rebasing: bytes[run..<end])
    }
    while i < count {
      let byte = bytes[i]
      if inQuotes {
        if byte == Self.quote {
          if i + 1 < count {
            if bytes[i + 1] == Self.quote {
              field.append(Self.quote)
              i += 2
              continue
            }
            inQuotes = false
          } else {
            pendingQuote = true
          }
        } else if byte == Self.cr {
          // A line break inside quotes is kept as "\n" and still counts as a line.
          field.append(Self.lf)
          line += 1
          if i + 1 < count {
            if bytes[i + 1] == Self.lf { i += 1 }
          } else {
            pendingCR = true
          }
        } else if byte == Self.lf {
          line += 1
          field.append(byte)
        } else {
          // The run of ordinary bytes up to the next quote or line end, in one go (a 100 MB quoted field).
          var end = i + 1
          while end < count, bytes[end] != Self.quote, bytes[end] != Self.cr, bytes[end] != Self.lf {
            end += 1
          }
          field.append(contentsOf: bytes[i..<end])
          boundField()
          i = end
          continue
        }
        i += 1
        continue
      }
      switch byte {
      case Self.quote
      where !quotedField
        && (run >= 0 ? plain(upTo: i).allSatisfy { $0 == Self.space } : field.allSatisfy { $0 == Self.space }):
        run = -1
        field.removeAll(keepingCapacity: true)
        inQuotes = true
        quotedField = true
      case delimiter:
        if run >= 0 { finishField(plain(upTo: i)) } else { finishField() }
        run = i + 1
        if let wanted, fields.count >= wanted.count {
          // Nothing more is wanted from this row: on to its end, 16 bytes at a time, unless a quote comes
          // first (it may open a quoted field, with delimiters and line ends in it) or the bytes end (the
          // field they cut goes on in the next): read from the start of that field, as usual.
          let stop = Self.nextQuoteOrLineEnd(in: bytes, from: i + 1)
          var resume = stop
          if stop == count || bytes[stop] == Self.quote {
            while resume > i + 1, bytes[resume - 1] != delimiter { resume -= 1 }
          }
          run = resume
          i = resume
          continue
        }
        if let wanted, !wanted[fields.count] {
          // The next field is not wanted: on to its end, or to a quote (which `run` tells apart: one after
          // blanks opens a quoted field) or the end of the bytes (which keep the field from `run` on).
          i = Self.nextQuoteOrLineEnd(in: bytes, from: i + 1, orDelimiter: delimiter)
          continue
        }
      case Self.lf, Self.cr:
        let lineEnd = base + i
        if run >= 0 { finishField(plain(upTo: i)) } else { finishField() }
        if byte == Self.cr {
          if i + 1 < count {
            if bytes[i + 1] == Self.lf { i += 1 }
          } else {
            pendingCR = true
          }
        }
        endRow(emit, lineEnd: lineEnd, next: pendingCR ? nil : base + i + 1)
        if wanted != nil {
          i = simpleRows(bytes, from: i + 1, emit)
          run = i
          continue
        }
        run = i + 1
      default:
        if run < 0 {
          // A field gathered in `field` (begun in an earlier chunk, or after a closing quote): on to its end,
          // or a quote, in one go (a byte at a time, a field of megabytes took seconds).
          let end = Self.nextQuoteOrLineEnd(in: bytes, from: i + 1, orDelimiter: delimiter)
          field.append(contentsOf: bytes[i..<end])
          boundField()
          i = end
          continue
        } else {
          // A plain field: on to its end (or a quote, or the end of the bytes), 16 bytes at a time.
          i = Self.nextQuoteOrLineEnd(in: bytes, from: i + 1, orDelimiter: delimiter)
          continue
        }
      }
      i += 1
    }
    // A plain field cut by the end of the bytes goes on in the next ones.
    if run >= 0, run < count {
      field.append(contentsOf: bytes[run..<count])
      boundField()
    }
  }

  /// While a mask is set, the rows from `start` (a row's start) that hold no quote and end in these bytes at a
  /// LF (or CRLF), each split at its delimiters up to the last wanted column: what reading them byte by byte
  /// gives, without deciding each field's end by itself (a first pass over a 15-column export, two columns
  /// wanted, went a field at a time). Returns where the first row it left to the byte-by-byte reading starts.
  private mutating func simpleRows(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ emit: (CSVRow) -> Void
  )
    -> Int
  {
    var i = start
    let count = bytes.count
    while let wanted, i < count {
      let stop = Self.nextQuoteOrLineEnd(in: bytes, from: i)
      guard stop < count else { return i }
      let next: Int
      switch bytes[stop] {
      case Self.lf: next = stop + 1
      case Self.cr where stop + 1 < count && bytes[stop + 1] == Self.lf: next = stop + 2
      default: return i  // a quote, a CR alone, or a CR whose LF may be in the next bytes
      }
      var fieldStart = i
      while fields.count < wanted.count {
        var end = fieldStart
        while end < stop, bytes[end] != delimiter { end += 1 }
        finishField(UnsafeBufferPointer(rebasing: bytes[fieldStart..<end]))
        guard end < stop else { break }
        fieldStart = end + 1
      }
      endRow(emit, lineEnd: base + stop, next: base + next)
      i = next
    }
    return i
  }

  /// The index of the first quote, CR or LF (or `delimiter`, when given) in `bytes` from `start`, or
  /// `bytes.count`; 16 bytes are looked at a time.
  static func nextQuoteOrLineEnd(
    in bytes: UnsafeBufferPointer<UInt8>, from start: Int, orDelimiter delimiter: UInt8? = nil
  ) -> Int {
    var index = start
    let count = bytes.count
    // Without a delimiter, a quote stands in for it.
    let other = delimiter ?? quote
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      let (quotes, lfs) = (SIMD16<UInt8>(repeating: quote), SIMD16<UInt8>(repeating: lf))
      let (crs, others) = (SIMD16<UInt8>(repeating: cr), SIMD16<UInt8>(repeating: other))
      while index + 16 <= count {
        let chunk = raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
        if any((chunk .== quotes) .| (chunk .== lfs) .| (chunk .== crs) .| (chunk .== others)) { break }
        index += 16
      }
    }
    while index < count {
      let byte = bytes[index]
      if byte == quote || byte == lf || byte == cr || byte == other { break }
      index += 1
    }
    return index
  }

  /// Ends the input: emits a last row without a line end, and returns the line of a row whose quote was
  /// never closed, if any.
  public mutating func finish(emit: (CSVRow) -> Void) -> Int? {
    if pendingQuote {
      pendingQuote = false
      inQuotes = false
    }
    let unterminated = inQuotes ? rowStart : nil
    if !field.isEmpty || !fields.isEmpty || quotedField || inQuotes {
      finishField()
      passOn(emit)
      fields.removeAll()
    }
    inQuotes = false
    return unterminated
  }

  /// Picks the delimiter (comma, semicolon, tab or bar) that splits the first lines most consistently:
  /// the one whose commonest non-zero count per line is shared by the most lines (title lines above the
  /// header, with no delimiter at all, do not count against it).
  public static func sniffDelimiter(_ text: String) -> Character {
    var text = text
    return text.withUTF8 { sniffDelimiter(bytes: $0) }
  }

  /// The same on UTF-8 bytes (the delimiters, quotes and line ends are ASCII): the first 20 non-empty lines
  /// of the first 16 KiB, each candidate counted outside quotes in one pass. The candidate whose most
  /// common count (over the lines that have it at all) is on the most lines wins, then the larger count.
  static func sniffDelimiter(bytes: UnsafeBufferPointer<UInt8>) -> Character {
    let candidates: [Character] = [",", ";", "\t", "|"]
    var lines: [SIMD4<Int32>] = []
    var line = SIMD4<Int32>()
    var (quoted, open) = (false, false)
    scan: for byte in UnsafeBufferPointer(rebasing: bytes.prefix(16_384)) {
      switch byte {
      case 0x0A, 0x0D:
        if open { lines.append(line) }
        (line, quoted, open) = (SIMD4(), false, false)
        if lines.count == 20 { break scan }
        continue
      case 0x22: quoted.toggle()
      case 0x2C where !quoted: line[0] += 1
      case 0x3B where !quoted: line[1] += 1
      case 0x09 where !quoted: line[2] += 1
      case 0x7C where !quoted: line[3] += 1
      default: break
      }
      open = true
    }
    if open, lines.count < 20 { lines.append(line) }
    var best: Character = ","
    var bestScore = 0
    for (index, candidate) in candidates.enumerated() {
      // The most common count, by (lines, count).
      var top = (lines: 0, count: 0)
      for count in lines.lazy.map({ Int($0[index]) }) where count > 0 {
        let times = lines.reduce(0) { $0 + (Int($1[index]) == count ? 1 : 0) }
        if (times, count) > top { top = (times, count) }
      }
      let score = top.lines * 1000 + top.count
      if top.lines > 0, score > bestScore {
        bestScore = score
        best = candidate
      }
    }
    return best
  }
}

/// Turns a field's bytes into text.
public enum FieldDecoder {
  /// UTF-8 where the bytes are valid UTF-8, else Windows-1252 (Excel's plain "CSV" on Windows).
  public static let utf8Or1252: @Sendable (UnsafeBufferPointer<UInt8>) -> String = { bytes in
    if let text = utf8(bytes) { return text }
    return String(bytes: bytes, encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
  }

  /// The bytes as text when they are valid UTF-8. ASCII (most fields) is checked eight bytes at a time and
  /// read without validating again: `String(validating:as:)` is generic and looks up its type metadata for
  /// every field.
  static func utf8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    if isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
    return String(validating: bytes, as: UTF8.self)
  }

  static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let start = bytes.baseAddress else { return true }
    let raw = UnsafeRawPointer(start)
    var index = 0
    let count = bytes.count
    while index + 8 <= count {
      if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
        return false
      }
      index += 8
    }
    while index < count {
      if bytes[index] >= 0x80 { return false }
      index += 1
    }
    return true
  }
}
