// libFuzzer harness for the importers and the rule-file parser, linked against the whole CMEAudit library.
// Which one is chosen when building (-D FUZZ_XML, FUZZ_XLSX, FUZZ_NOTES, FUZZ_RULES, FUZZ_CSVFILE): each input is
// written to a scratch file with that importer's extension and imported. Errors are expected (most inputs are
// not valid files); a crash, a hang or an ASan report is a finding.
import CMEAudit
import Foundation

#if FUZZ_XML
  let fileExtension = "xml"
#elseif FUZZ_XLSX
  let fileExtension = "xlsx"
#elseif FUZZ_NOTES
  let fileExtension = "md"
#elseif FUZZ_RULES
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
  #else
    guard (try? data.write(to: scratch)) != nil else { return 0 }
    let source = SourceSpec(url: scratch, displayPath: "input.\(fileExtension)", kind: .transcript)
    if let result = try? Reconciler.importer(for: source).importSource(source) {
      // Every record kept has a title and a date; every issue names the input.
      for record in result.records where record.title.isEmpty { fatalError("a record without a title") }
      for issue in result.issues where issue.location.path != source.displayPath {
        fatalError("an issue naming another file: \(issue.location.path)")
      }
    }
  #endif
  return 0
}
