// libFuzzer harness for the importers and the rule-file parser, linked against the whole CMEAudit library.
// Which one is chosen when building (-D FUZZ_XML, FUZZ_XLSX, FUZZ_NOTES, FUZZ_RULES, FUZZ_CSVFILE): each input is
// written to a scratch file with that importer's extension and imported. -D FUZZ_YAML gives each input to every
// YAML reader (rule file, decisions, profile, physician, a schedule's series), each of which must answer within
// its bounds (InputLimits: aliases, expansion, sessions). Errors are expected (most inputs are
// not valid files); a crash, a hang or an ASan report is a finding.
// -D FUZZ_CSVPARTS compares: the input repeated past 128 KiB (so that it is read in chunks, and, when its first
// 64 KiB hold 16 lines, its rows are foreseen and its parts prepared while the first pass reads: PartPipeline) is
// imported whole and in parts of 4 KiB; any difference in records, issues or counts is a finding.
import Foundation
@testable import CMEAuditAnalysis
@testable import CMEAuditAttendance
@_spi(Testing) @testable import CMEAuditImport
@testable import CMEAuditModel

#if FUZZ_XML
  let fileExtension = "xml"
#elseif FUZZ_XLSX
  let fileExtension = "xlsx"
#elseif FUZZ_NOTES
  let fileExtension = "md"
#elseif FUZZ_RULES || FUZZ_YAML
  let fileExtension = "yaml"
#else
  let fileExtension = "csv"
#endif

let scratch = FileManager.default.temporaryDirectory
  .appendingPathComponent("cmeaudit-fuzz-\(ProcessInfo.processInfo.processIdentifier).\(fileExtension)")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let data = Data(bytes: start, count: count)
  #if FUZZ_RULES
    _ = try? RuleSet.parse(String(decoding: data, as: UTF8.self), displayPath: "rules.yaml")
  #elseif FUZZ_YAML
    let yaml = String(decoding: data, as: UTF8.self)
    _ = try? RuleSet.parse(yaml, displayPath: "rules.yaml")
    _ = try? Decisions.parse(yaml, displayPath: "decisions.yaml")
    _ = try? ImportProfile.parse(yaml, displayPath: "profile.yaml")
    _ = try? Physician.parse(yaml, displayPath: "physician.yaml")
    let schedule = SourceSpec(url: scratch, displayPath: "schedule.yaml", kind: .transcript)
    if let sessions = try? ScheduleReader.series(yaml, source: schedule),
      sessions.count > InputLimits.scheduleSessions
    {
      fatalError("a schedule past its bound: \(sessions.count) sessions")
    }
  #elseif FUZZ_CSVPARTS
    guard !data.isEmpty else { return 0 }
    var repeated = Data(capacity: 140_000 + count)
    while repeated.count < 140_000 { repeated.append(data) }
    guard (try? repeated.write(to: scratch)) != nil else { return 0 }
    let source = SourceSpec(url: scratch, displayPath: "input.csv", kind: .transcript)
    let whole = Result { try CSVActivityImporter(partSize: .max).importSource(source) }
    let parted = Result { try CSVActivityImporter(partSize: 4096).importSource(source) }
    switch (whole, parted) {
    case (.success(let whole), .success(let parted)):
      if whole.records != parted.records { fatalError("parted records differ") }
      if whole.issues != parted.issues { fatalError("parted issues differ") }
      if whole.summary != parted.summary { fatalError("parted summary differs") }
    case (.failure(let whole), .failure(let parted)):
      if "\(whole)" != "\(parted)" { fatalError("parted error differs: \(whole) ≠ \(parted)") }
    default: fatalError("one read failed, the other did not")
    }
  #else
    guard (try? data.write(to: scratch)) != nil else { return 0 }
    let source = SourceSpec(url: scratch, displayPath: "input.\(fileExtension)", kind: .transcript)
    if let result = try? ImporterRegistry.importer(for: source).importSource(source) {
      // Every record kept has a title and a date; every issue names the input.
      for record in result.records where record.title.isEmpty { fatalError("a record without a title") }
      for issue in result.issues where issue.location.path != source.displayPath {
        fatalError("an issue naming another file: \(issue.location.path)")
      }
    }
  #endif
  return 0
}
