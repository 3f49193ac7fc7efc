import Foundation
import Testing

@testable import CMEAudit
@_spi(Testing) @testable import CMEAuditImport
@testable import CMEAuditModel
@testable import CMEAuditSupport

/// A large CSV is read in parts on all cores and joined in file order: the result must be the one reading it
/// whole gives, whatever falls on a part's edge.
@Suite struct PartedImportTests {
  /// A transcript dense with rows that depend on the rows around them or span lines: quoted titles over two
  /// lines, continuation rows, an activity split by credit type, identical rows (their ids are counted in file
  /// order), blank and bad rows, CRLF and LF line ends, a Windows-1252 byte.
  static func transcript(rows: Int, seed: UInt64, unterminated: Bool = false) -> Data {
    var random = SplitMix(seed: seed)
    var out = Data("\u{FEFF}Learner,NPI,Date,Activity Title,Credits,Credit Type\r\n".utf8)
    func line(_ text: String, crlf: Bool = true) {
      out.append(contentsOf: Array((text + (crlf ? "\r\n" : "\n")).utf8))
    }
    for index in 0..<rows {
      let learner = "Learner \(random.next(upTo: 40))"
      let day = String(format: "%d/%d/2026", 1 + random.next(upTo: 12), 1 + random.next(upTo: 28))
      let crlf = random.next(upTo: 5) != 0
      switch random.next(upTo: 12) {
      case 0:
        line(
          "\(learner),1234567893,\(day),\"Grand Rounds, part \(index)\nCardiology\",1.0,AMA PRA Category 1",
          crlf: crlf)
      case 1: line(",,,,0.5,ABIM MOC", crlf: crlf)  // continuation
      case 2:  // one activity, two credit types, on adjacent rows
        line("\(learner),,\(day),Split \(index),1.0,AMA PRA Category 1", crlf: crlf)
        line("\(learner),,\(day),Split \(index),1.0,ABIM MOC", crlf: crlf)
      case 3: line("Same Learner,,1/2/2026,Identical row,1.0,AMA PRA Category 1", crlf: crlf)
      case 4: line("", crlf: crlf)
      case 5: line("\(learner),,not a date,Bad \(index),1.0,AMA PRA Category 1", crlf: crlf)
      case 6:
        out.append(
          contentsOf: Array("\(learner),,\(day),Caf".utf8) + [0xE9]
            + Array(" \(index),1.0,AMA PRA Category 1\r\n".utf8))
      case 7: line("\(learner),,\(day),\"Quoted \"\"title\"\" \(index)\",1.0,AMA PRA Category 1", crlf: crlf)
      default:
        line(
          "\(learner),,\(day),Activity \(index),\(1 + random.next(upTo: 4)).0,AMA PRA Category 1", crlf: crlf)
      }
    }
    if unterminated { line("Last,,1/2/2026,\"never closed,1.0,AMA PRA Category 1") }
    return out
  }

  static func read(_ url: URL, partSize: Int?) throws -> ImportResult {
    try CSVActivityImporter(partSize: partSize).importSource(
      SourceSpec(url: url, displayPath: "t.csv", kind: .transcript, dateOrder: .mdy))
  }

  @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
  func partsReadAsTheWholeFileDoes(seed: UInt64) throws {
    let folder = try TempFolder()
    let url = try folder.write("t.csv", Self.transcript(rows: 6000, seed: seed, unterminated: seed == 5))
    let whole = try Self.read(url, partSize: .max)
    let parted = try Self.read(url, partSize: 4096)
    #expect(
      try TableReader(SourceSpec(url: url, displayPath: "t.csv", kind: .transcript), partSize: 4096)
        .parts.count > 3)
    #expect(whole.records.count > 4000)
    #expect(whole.issues.count > 300)
    // The first difference, if any (not the whole lists: thousands of rows).
    #expect(parted.records.count == whole.records.count)
    #expect(parted.issues.count == whole.issues.count)
    #expect(zip(parted.records, whole.records).first { $0 != $1 }.map { "\($0.0) ≠ \($0.1)" } == nil)
    #expect(zip(parted.issues, whole.issues).first { $0 != $1 }.map { "\($0.0) ≠ \($0.1)" } == nil)
    #expect(parted.summary.records == whole.summary.records)
    #expect(parted.summary.skipped == whole.summary.skipped)
    #expect(parted.summary.encoding == whole.summary.encoding)
    // The joins were exercised: merged credit types, continuation lines and counted duplicate ids.
    #expect(whole.records.contains { $0.credits.count > 1 })
    #expect(whole.records.contains { $0.id.hasSuffix("-2") })
  }

  /// Old Mac line ends (CR only) and a profile's Windows-1252 are read in parts like UTF-8 with line feeds;
  /// UTF-16 (not read as bytes) is read whole. Either way the result is the whole read's.
  @Test(arguments: ["cr", "utf16", "1252"])
  func otherEncodingsAndLineEndsReadAsTheWholeFileDoes(variant: String) throws {
    let folder = try TempFolder()
    let utf8 = Self.transcript(rows: 3000, seed: 11)
    var data = utf8
    var profile: ImportProfile?
    switch variant {
    case "cr": data = Data(utf8.map { $0 == UInt8(ascii: "\n") ? UInt8(ascii: "\r") : $0 })
    case "utf16":
      let text = String(decoding: utf8.dropFirst(3), as: UTF8.self)
      data = Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!
    default:
      let profileURL = try folder.write("p.yaml", "encoding: windows-1252\n")
      profile = try ImportProfile.load(profileURL, displayPath: "p.yaml")
    }
    let url = try folder.write("t.csv", data)
    var source = SourceSpec(url: url, displayPath: "t.csv", kind: .transcript, dateOrder: .mdy)
    source.profile = profile
    let whole = try CSVActivityImporter(partSize: .max).importSource(source)
    let parted = try CSVActivityImporter(partSize: 4096).importSource(source)
    let parts = try TableReader(source, partSize: 4096).parts.count
    #expect(variant == "utf16" ? parts == 1 : parts > 1)
    #expect(whole.records.count > 1500)
    #expect(parted.records.count == whole.records.count)
    #expect(zip(parted.records, whole.records).first { $0 != $1 }.map { "\($0.0) ≠ \($0.1)" } == nil)
    #expect(parted.issues == whole.issues)
  }

  /// A large file's rows are foreseen from its first 64 KiB (its records' memory is made ready while the
  /// first pass reads it); small files, whole reads and UTF-16 are not.
  @Test func rowsAreForeseenOnlyForFilesReadInParts() throws {
    let folder = try TempFolder()
    let data = Self.transcript(rows: 6000, seed: 3)
    let lines = data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    let url = try folder.write("t.csv", data)
    let source = SourceSpec(url: url, displayPath: "t.csv", kind: .transcript)
    let estimate = try #require(TableReader.estimatedRows(source, partSize: 4096))
    #expect(abs(estimate - lines) < lines / 10, "\(estimate) for \(lines) lines")
    #expect(TableReader.estimatedRows(source, partSize: .max) == nil)
    let small = try folder.write("s.csv", Self.transcript(rows: 200, seed: 3))
    #expect(
      TableReader.estimatedRows(SourceSpec(url: small, displayPath: "s.csv", kind: .log), partSize: 4096)
        == nil)
    let text = String(decoding: data.dropFirst(3), as: UTF8.self)
    let utf16 = try folder.write("u.csv", Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!)
    #expect(
      TableReader.estimatedRows(SourceSpec(url: utf16, displayPath: "u.csv", kind: .log), partSize: 4096)
        == nil)
  }

  /// A file whose first 64 KiB foretell far fewer rows than it has (long rows, then short ones) is read from
  /// its first pass into memory made for the rows counted: the whole read's result.
  @Test func moreRowsThanForeseenReadAsTheWholeFileDoes() throws {
    let folder = try TempFolder()
    var text = "Learner,Date,Activity Title,Credits,Credit Type\n"
    let long = String(repeating: "a long title ", count: 60)
    for index in 0..<200 { text += "Learner \(index),2026-01-02,\(long)\(index),1.0,AMA PRA Category 1\n" }
    for index in 0..<20_000 { text += "L\(index % 50),2026-01-02,T\(index),1,AMA\n" }
    let url = try folder.write("t.csv", text)
    let source = SourceSpec(url: url, displayPath: "t.csv", kind: .transcript)
    let estimate = try #require(TableReader.estimatedRows(source, partSize: 4096))
    #expect(estimate < 10_000)
    let whole = try Self.read(url, partSize: .max)
    let parted = try Self.read(url, partSize: 4096)
    #expect(whole.records.count == 20_200)
    #expect(parted.records.count == whole.records.count)
    #expect(zip(parted.records, whole.records).first { $0 != $1 }.map { "\($0.0) ≠ \($0.1)" } == nil)
    #expect(parted.issues == whole.issues)
  }

  /// The parts are prepared while the first pass reads on, with the day/month order the dates have given so
  /// far. A file whose first unambiguous date comes late (the parts before it were prepared with no order,
  /// their dates rejected as ambiguous), or whose dates settle one order and then contradict it (the parts
  /// before were read day first), is read as the whole read reads it: those parts are prepared again.
  @Test(arguments: ["settled late", "contradicted"])
  func partsPreparedBeforeTheOrderWasKnownAreReadInTheFilesOrder(variant: String) throws {
    let folder = try TempFolder()
    var text = "Learner,Date,Activity Title,Credits,Credit Type\n"
    for index in 0..<8_000 {
      let late = index >= 6_000
      var day = "\(1 + index % 12)/\(1 + index / 12 % 12)/2026"  // both numbers at most 12: ambiguous
      if index % 40 == 39 {
        switch (variant, late) {
        case ("settled late", true), ("contradicted", false): day = "25/\(1 + index % 12)/2026"  // day first
        case ("contradicted", true): day = "\(1 + index % 12)/25/2026"  // month first
        default: break
        }
      }
      text += "Learner \(index % 50),\(day),Activity \(index),1.0,AMA PRA Category 1\n"
    }
    let url = try folder.write("t.csv", text)
    let source = SourceSpec(url: url, displayPath: "t.csv", kind: .transcript)
    #expect(TableReader.estimatedRows(source, partSize: 4096) != nil)
    let whole = try CSVActivityImporter(partSize: .max).importSource(source)
    let parted = try CSVActivityImporter(partSize: 4096).importSource(source)
    #expect(whole.summary.dateOrder == (variant == "settled late" ? .dmy : nil))
    if variant == "settled late" {
      // Every date read, day first: the second row's 2/1/2026 is 2 January.
      #expect(whole.records.count == 8_000)
      #expect(whole.records.dropFirst().first?.date == CalendarDay(year: 2026, month: 1, day: 2))
    } else {
      // No order: only the dates with one reading (25/3/2026, 3/3/2026) are read, the rest reported.
      #expect(whole.records.count < 1_000)
      #expect(whole.records.count + whole.issues.count == 8_000)
    }
    #expect(parted.records.count == whole.records.count)
    #expect(zip(parted.records, whole.records).first { $0 != $1 }.map { "\($0.0) ≠ \($0.1)" } == nil)
    #expect(parted.issues.count == whole.issues.count)
    #expect(zip(parted.issues, whole.issues).first { $0 != $1 }.map { "\($0.0) ≠ \($0.1)" } == nil)
    #expect(parted.summary.dateOrder == whole.summary.dateOrder)
  }

  @Test func aFileChangedBetweenThePassesIsAnErrorNotAHalfJoinedImport() throws {
    // The first half is the same in both passes, so its parts are joined before a part of the changed second
    // half (five times the rows the first pass counted there) fails: the records joined so far and those
    // prepared are let go, and the error names the file.
    let folder = try TempFolder()
    let header = "Learner,Date,Activity Title,Credits,Credit Type\n"
    let long = String(repeating: "a long title ", count: 6)
    let first = (0..<600).map { "Learner \($0 % 40),2026-01-02,\(long)\($0),1.0,AMA PRA Category 1\n" }
      .joined()
    let second = (0..<600).map { "Learner \($0 % 40),2026-01-03,\(long)\($0),1.0,AMA PRA Category 1\n" }
      .joined()
    let url = try folder.write("t.csv", header + first + second)
    let source = SourceSpec(url: url, displayPath: "t.csv", kind: .transcript)
    let reader = try TableReader(source, partSize: 4096)
    #expect(reader.parts.count > 4)
    let short = (0..<3_000).map { "L\($0 % 40),2026-01-03,T\($0),1,AMA\n" }.joined()
    try folder.write("t.csv", header + first + short)
    #expect(
      throws: CMEAuditError.unreadable(path: "t.csv", reason: "the file changed while it was being read")
    ) {
      try CSVActivityImporter.importParts(source, reader)
    }
  }

  @Test func memoryBeingWarmedCanBeWrittenMeanwhile() {
    // The import writes a part's records while later pages are still being faulted in: warming must not
    // touch what is written.
    let count = 4 << 20  // 32 MiB of UInt64
    let buffer = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: count)
    defer { buffer.deallocate() }
    let warming = MemoryWarming(buffer, count: count)
    for index in 0..<count { buffer[index] = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 }
    warming.wait()
    #expect(buffer.indices.allSatisfy { buffer[$0] == UInt64($0) &* 0x9E37_79B9_7F4A_7C15 })
  }

  @Test func partsStartAtRowStartsOnly() throws {
    // A part boundary never falls inside a quoted field that spans lines, nor between a CR and its LF, and
    // the parts read one after another give the rows reading the file whole gives, line numbers and all.
    let folder = try TempFolder()
    let url = try folder.write("t.csv", Self.transcript(rows: 3000, seed: 9))
    let data = try Data(contentsOf: url)
    let source = SourceSpec(url: url, displayPath: "t.csv", kind: .transcript)
    let parted = try TableReader(source, partSize: 4096)
    #expect(parted.parts.count > 3)
    var rows: [CSVRow] = []
    for part in parted.parts {
      if part.start > 0 { #expect(data[part.start - 1] == UInt8(ascii: "\n")) }
      try parted.forEachRow(in: part) { rows.append($0) }
    }
    var whole: [CSVRow] = []
    try TableReader(source, partSize: .max).forEachRow { whole.append($0) }
    #expect(whole.count > 2500)
    #expect(rows.count == whole.count)
    #expect(zip(rows, whole).first { $0 != $1 }.map { "\($0.0) ≠ \($0.1)" } == nil)
  }
}

@Suite struct RecordBufferTests {
  @Test func aFileThatChangesBetweenThePassesIsAnErrorNotACrash() throws {
    // The parts have room for the rows the first pass counted; a file rewritten with more, shorter rows in
    // the same bytes must not overrun them.
    let folder = try TempFolder()
    let header = "Learner,Date,Activity Title,Credits,Credit Type\n"
    let long = (0..<4000).map {
      "Learner \($0),2026-01-02,A long activity title number \($0),1.0,AMA PRA Category 1\n"
    }
    let url = try folder.write("t.csv", header + long.joined())
    let source = SourceSpec(url: url, displayPath: "t.csv", kind: .transcript)
    let reader = try TableReader(source, partSize: 4096)
    #expect(reader.parts.count > 1)
    let size = try Data(contentsOf: url).count
    var short = header
    var index = 0
    while short.utf8.count < size - 60 {
      short += "L\(index),2026-01-02,T\(index),1,AMA\n"
      index += 1
    }
    try folder.write("t.csv", short)
    // Not `#expect(throws:)`: on failure it would print thousands of records.
    var failure: CMEAuditError?
    do { _ = try CSVActivityImporter.importParts(source, reader) } catch { failure = error }
    #expect(failure == .unreadable(path: "t.csv", reason: "the file changed while it was being read"))
  }

  @Test func aRegionKeepsWhatFitsAndSaysItOverflowed() {
    let memory = UnsafeMutablePointer<ActivityRecord>.allocate(capacity: 2)
    defer { memory.deallocate() }
    let region = RecordBuffer(region: memory, capacity: 2)
    for line in 1...3 {
      region.append {
        ActivityRecord(
          id: "r\(line)", kind: .log, source: Provenance(path: "x", line: line), date: nil, title: "T")
      }
    }
    #expect(region.count == 2)
    #expect(region.overflowed)
    #expect(region.take().id == "r1")
    region.discard()
    #expect(region.count == 0)
  }
}

/// A small seeded generator for test data.
struct SplitMix {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func next(upTo bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
