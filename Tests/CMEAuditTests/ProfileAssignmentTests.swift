import Testing

@testable import CMEAudit
@testable import CMEAuditModel

/// `--transcript F --profile P`: which profile maps which input, from the command line as written.
@Suite struct ProfileAssignmentTests {
  func assignment(_ line: String) throws(CMEAuditError) -> ProfileAssignment {
    try ProfileAssignment(arguments: line.split(separator: " ").map(String.init))
  }

  @Test func aProfileMapsTheInputJustBeforeIt() throws {
    let got = try assignment("reconcile --transcript a.csv --profile pa.yaml --log b.csv --transcript c.csv")
    #expect(got.profile(for: "a.csv") == "pa.yaml")
    #expect(got.profile(for: "b.csv") == nil)
    #expect(got.profile(for: "c.csv") == nil)
  }

  @Test func aProfileBeforeAnyInputMapsEveryInputWithoutItsOwn() throws {
    let got = try assignment("--profile all.yaml --log b.csv --transcript a.csv --profile pa.yaml")
    #expect(got.profile(for: "a.csv") == "pa.yaml")
    #expect(got.profile(for: "b.csv") == "all.yaml")
    #expect(got.profiles == [.everyInput: "all.yaml", .input("a.csv"): "pa.yaml"])
  }

  @Test func valuesWrittenWithAnEqualsSignCountAlike() throws {
    let got = try assignment("--log=b.csv --profile=pb.yaml --academic-year 2025 --transcript a.csv")
    #expect(got.profile(for: "b.csv") == "pb.yaml")
    #expect(got.profile(for: "a.csv") == nil)
  }

  @Test func otherOptionsBetweenDoNotChangeTheOwner() throws {
    let got = try assignment("--transcript a.csv --sheet Log --date-order dmy --profile pa.yaml")
    #expect(got.profile(for: "a.csv") == "pa.yaml")
  }

  @Test(arguments: [
    ("--certificates certs --profile p.yaml", "--profile p.yaml follows --certificates"),
    ("--log b.csv --profile p.yaml --profile q.yaml", "two profiles for b.csv"),
    ("--profile p.yaml --profile q.yaml --log b.csv", "two profiles for all inputs"),
  ])
  func aProfileThatMapsNothingOrTwiceIsAUsageError(line: String, message: String) {
    #expect {
      try assignment(line)
    } throws: { error in
      guard case .usage(let text) = error as? CMEAuditError else { return false }
      return text.hasPrefix(message)
    }
  }

  @Test func aProfileWithNoValueAtTheEndIsLeftToTheParser() throws {
    #expect(try assignment("--log b.csv --profile").profiles.isEmpty)
  }
}
