/// One row of a delimited file with the 1-based line it starts on.
public struct CSVRow: Sendable, Equatable {
  public var line: Int
  public var fields: [String]

  public init(line: Int, fields: [String]) {
    self.line = line
    self.fields = fields
  }

  /// True when every field is blank.
  public var isBlank: Bool { fields.allSatisfy { $0.allSatisfy(\.isWhitespace) } }
}

/// An RFC 4180 reader that keeps the line each row starts on, which the CSV libraries on this toolchain
/// (CSV.swift, SwiftCSV) do not report, and that provenance needs. Quoted fields may hold delimiters,
/// quotes (doubled) and newlines; CRLF, LF and CR line ends are accepted. A quote left open at the end of
/// the file is reported through `unterminatedQuoteLine` instead of swallowing the file silently.
public struct CSVReader: Sendable {
  public let delimiter: Character

  public init(delimiter: Character) { self.delimiter = delimiter }

  public struct Output: Sendable {
    public var rows: [CSVRow]
    /// The line of a row whose quote was never closed, if any.
    public var unterminatedQuoteLine: Int?
  }

  public func read(_ text: String) -> Output {
    var rows: [CSVRow] = []
    var fields: [String] = []
    var field = ""
    var inQuotes = false
    var fieldStarted = false
    var line = 1
    var rowStart = 1
    var iterator = text.makeIterator()
    var pending: Character? = nil

    func next() -> Character? {
      if let p = pending {
        pending = nil
        return p
      }
      return iterator.next()
    }
    func endRow() {
      fields.append(field)
      rows.append(CSVRow(line: rowStart, fields: fields))
      fields = []
      field = ""
      fieldStarted = false
    }

    while let c = next() {
      if inQuotes {
        if c == "\"" {
          if let after = next() {
            if after == "\"" {
              field.append("\"")
            } else {
              inQuotes = false
              pending = after
            }
          } else {
            inQuotes = false
          }
        } else {
          if c == "\n" || c == "\r\n" || c == "\r" { line += 1 }
          field.append(c == "\r\n" ? "\n" : c)
        }
        continue
      }
      switch c {
      case "\"" where !fieldStarted || field.allSatisfy({ $0 == " " }):
        field = ""
        inQuotes = true
        fieldStarted = true
      case delimiter:
        fields.append(field)
        field = ""
        fieldStarted = false
      case "\n", "\r\n", "\r":
        endRow()
        line += 1
        rowStart = line
      default:
        field.append(c)
        fieldStarted = true
      }
    }
    let unterminated = inQuotes ? rowStart : nil
    if fieldStarted || !field.isEmpty || !fields.isEmpty || inQuotes { endRow() }
    return Output(rows: rows, unterminatedQuoteLine: unterminated)
  }

  /// Picks the delimiter (comma, semicolon or tab) that splits the first lines most consistently.
  public static func sniffDelimiter(_ text: String) -> Character {
    let sample = text.prefix(8192)
    let lines = sample.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).prefix(10)
    var best: Character = ","
    var bestScore = 0
    for candidate: Character in [",", ";", "\t", "|"] {
      let counts = lines.map { line in countOutsideQuotes(line, candidate) }
      guard let first = counts.first, first > 0 else { continue }
      let consistent = counts.filter { $0 == first }.count
      let score = consistent * 1000 + first
      if score > bestScore {
        bestScore = score
        best = candidate
      }
    }
    return best
  }

  private static func countOutsideQuotes(_ line: Substring, _ delimiter: Character) -> Int {
    var count = 0
    var quoted = false
    for c in line {
      if c == "\"" { quoted.toggle() } else if c == delimiter, !quoted { count += 1 }
    }
    return count
  }
}
