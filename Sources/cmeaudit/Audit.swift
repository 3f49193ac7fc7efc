import ArgumentParser
import CMEAudit

struct Audit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Reconcile, then check verified credit against a board's rules for its cycle.",
    discussion: """
      Each requirement is evaluated on verified credit only: unverifiable, duplicate and pending entries never \
      count; the report says what is short and which claims would close it if documented. Several rule files \
      may be given: one activity counts toward each that accepts it.

      Exit codes: 0 the audit ran; 1 a requirement is unmet with --fail-on unmet (or a finding at or above \
      --fail-on error|warning); 2 an input or rule file could not be read; 64 the command line is wrong.
      """)

  @Option(name: .customLong("rules"), help: "A rule file (YAML). Repeatable.")
  var rules: [String] = []

  @OptionGroup var options: RunOptions

  func validate() throws {
    try options.requireSources()
    if rules.isEmpty { throw ValidationError("Give at least one --rules FILE.") }
  }

  func run() throws { try options.execute(rules: rules) }
}
