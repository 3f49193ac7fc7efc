import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditImport
@testable import CMEAuditModel

/// Faults the red-team pass of issue 25 found, each shown fixed.
extension HostileInputTests {
  /// A worksheet row numbered past Int's range, then one with no number, trapped on `rowNumber + 1`; a cell
  /// at column ZZZZ padded every row to 475,254 fields. Both are read now, the far cell left out and said.
  @Test func aWorksheetsRowNumbersAndFarCellsAreBounded() throws {
    let sheet = """
      <worksheet><sheetData>
      <row r="9223372036854775807"><c r="A1" t="inlineStr"><is><t>Title</t></is></c></row>
      <row><c t="inlineStr"><is><t>Tumor Board</t></is></c><c r="ZZZZ3" t="inlineStr"><is><t>x</t></is></c></row>
      <row r="0"><c t="inlineStr"><is><t>Grand Rounds</t></is></c></row>
      </sheetData></worksheet>
      """
    let (rows, problems) = try SheetParser.parse(
      Data(sheet.utf8), sharedStrings: nil, dateStyles: [], date1904: false, displayPath: "w.xlsx")
    #expect(rows.map(\.fields) == [["Title"], ["Tumor Board"], ["Grand Rounds"]])
    #expect(rows.allSatisfy { $0.line > 0 && $0.line <= SheetParser.maxRows + 2 })
    #expect(problems.count == 1 && problems[0].reason.contains("cell ZZZZ3 is past the 1024 columns"))
  }

  /// A rule's amounts are digits: "5O", ".nan", ".inf" and "1,000" are errors naming the line, not 5, 0 or 1.
  @Test(arguments: ["5O", ".nan", ".inf", "\"1,000\"", "-3"])
  func aRulesAmountIsDigits(_ amount: String) {
    #expect {
      try RuleSet.parse(
        "cycle: {months: 24, ending: 2027-01-31}\nrequirements:\n  - {id: t, credits: \(amount)}\n",
        displayPath: "r.yaml")
    } throws: { ($0 as? CMEAuditError)?.errorDescription?.contains("line 3") == true }
  }

  /// `--output` onto any file the run reads (a rule file, decisions, the physician file, a profile, a
  /// catalog) is refused, as it is for transcripts and logs; the file is left as it was.
  @Test func theReportIsNeverWrittenOverAnyInputOfTheRun() throws {
    let folder = try TempFolder()
    let rules = try folder.write(
      "rules.yaml", "cycle: {months: 24, ending: 2027-01-31}\nrequirements:\n  - {id: t, credits: 1}\n")
    let decisions = try folder.write("decisions.yaml", "decisions: []\n")
    let runner = EndToEndTests()
    for (arguments, target) in [
      (["audit", "--rules", rules.path, EndToEndTests.samples], rules),
      (["reconcile", EndToEndTests.samples, "--decisions", decisions.path], decisions),
    ] {
      let before = try Data(contentsOf: target)
      let run = try runner.cmeaudit(arguments + ["--output", target.path])
      #expect(run.status == 2 && run.stderr.contains("is an input file"), "\(run.stderr)")
      #expect(try Data(contentsOf: target) == before)
    }
  }
}
