import Foundation
import Testing

@testable import CMEAudit
@testable import CMEAuditAnalysis
@testable import CMEAuditAttendance
@testable import CMEAuditImport
@testable import CMEAuditModel
@testable import CMEAuditSupport

@Suite struct LearnerDirectoryTests {
  @Test func oneLearnerSpelledThreeWaysIsOnePerson() throws {
    let transcript = Learner(name: "Smith, John A.", npi: "1234567893")
    let roster = Learner(name: "John A Smith MD", email: "john.smith@example.org")
    let log = Learner(name: "JOHN SMITH")
    let withEmailAndNPI = Learner(name: "John Smith", npi: "1234567893", email: "john.smith@example.org")
    let directory = LearnerDirectory(mentions: [transcript, roster, log, withEmailAndNPI])
    let ids = try [transcript, roster, log].map { try directory.resolve($0).get().id }
    #expect(Set(ids).count == 1)
  }

  /// The check digit CMS defines (Luhn over "80840" and the first nine digits): its own example passes, and
  /// every one-digit change of it, and every swap of two unlike neighbours, fails.
  @Test func theNPICheckDigitCatchesATypo() {
    let valid = "1234567893"
    #expect(NPI.hasCheckDigit(valid))
    #expect(NPI.valid("123-456-7893") == valid)
    var typos = 0
    let digits = Array(valid)
    for index in digits.indices {
      for digit in "0123456789" where digit != digits[index] {
        var typo = digits
        typo[index] = digit
        #expect(!NPI.hasCheckDigit(String(typo)), "\(String(typo))")
        #expect(NPI.valid(String(typo)) == nil)
        #expect(NPI.failed(String(typo)) == String(typo))
        typos += 1
      }
      if index + 1 < digits.count, digits[index] != digits[index + 1] {
        var swapped = digits
        swapped.swapAt(index, index + 1)
        #expect(!NPI.hasCheckDigit(String(swapped)), "\(String(swapped))")
      }
    }
    #expect(typos == 90)
    #expect(NPI.failed(valid) == nil)
    #expect(NPI.failed("12345") == nil)  // not written as an NPI
  }

  @Test func twoLearnersNamedJSmithAreNeverMergedByGuess() throws {
    let john = Learner(name: "John Smith", npi: "1111111112")
    let jane = Learner(name: "Jane Smith", npi: "2222222228")
    let directory = LearnerDirectory(mentions: [john, jane, Learner(name: "J. Smith")])
    #expect(try directory.resolve(Learner(name: "John Smith")).get().id == "npi:1111111112")
    guard case .failure(let error) = directory.resolve(Learner(name: "J. Smith")),
      case .ambiguous(let names) = error.why
    else {
      Issue.record("J. Smith should be ambiguous")
      return
    }
    #expect(names.sorted() == ["Jane Smith", "John Smith"])
    #expect(directory.resolve(Learner(name: "Smith")) == .failure(.init(.noIdentity)))
  }

  @Test func aNameFindsExactlyThePeopleWhoseNamesAgree() throws {
    // Name-only people (no identifiers): each name's look-up must give what the pairwise rule gives.
    let names = [
      "John Smith", "J Smith", "Jo Smith", "Jane Smith", "Ann Smith", "John Smithers", "Ann Jones",
    ]
    let people = names.enumerated().map { Learner(name: $1, npi: validNPI($0)) }
    let directory = LearnerDirectory(mentions: people)
    for query in names + ["A Smith", "J Jones", "Jonathan Smith", "Q Smith"] {
      let key = try #require(LearnerDirectory.nameKey(query))
      let expected = names.filter { LearnerDirectory.namesAgree(LearnerDirectory.nameKey($0)!, key) }.sorted()
      let found: [String]
      switch directory.resolve(Learner(name: query)) {
      case .success(let person): found = [person.name]
      case .failure(let error):
        guard case .ambiguous(let candidates) = error.why else {
          found = []
          break
        }
        found = candidates
      }
      #expect(found == expected, "\(query)")
    }
  }

  @Test func aCommonNameListsAFewCandidatesNotHundreds() {
    let names = (0..<200).map { "Learner \($0)" }
    #expect(AttendanceAuditor.some(names) == "Learner 0 or Learner 1 or Learner 2 or 197 others")
    #expect(AttendanceAuditor.some(Array(names.prefix(4))) == names.prefix(4).joined(separator: " or "))
  }

  @Test(arguments: [
    ("Smith, John A.", "john smith"), ("John A Smith MD", "john smith"), ("JOHN SMITH", "john smith"),
    ("Dr. María José Núñez-García", "maria nunez-garcia"), ("John Smith, MD", "john smith"),
    // What a video meeting adds to a display name.
    ("Dana Levy (iPhone)", "dana levy"), ("John Smith (he/him)", "john smith"),
    ("Levy, Dana (Dana's iPad", "dana levy"),
  ])
  func namesAreCompared(name: String, key: String) {
    #expect(LearnerDirectory.nameKey(name) == key)
  }
}
