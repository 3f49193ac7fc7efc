import CMEAuditModel

/// Which mapping profile belongs to which input, from the command line's words in order: a `--profile` maps
/// the `--transcript`, `--log`, `--roster`, `--activities` or `--schedule` written just before it; one written
/// before any input maps every transcript and log that has none of its own. (An argument parser keeps each option's values, not how options interleave, so the
/// command hands over its arguments as written.)
public struct ProfileAssignment: Sendable, Equatable {
  /// What a profile maps.
  public enum Target: Sendable, Hashable {
    /// Every input without a profile of its own (a `--profile` before any input).
    case everyInput
    /// The `--transcript` or `--log` with this path.
    case input(String)
  }

  /// Each profile's path, by what it maps.
  public private(set) var profiles: [Target: String] = [:]

  /// Reads the arguments (after the command's name); `--name value` and `--name=value` alike. A profile after
  /// `--certificates`, or two for one input, is a usage error that says so.
  public init(arguments: some Sequence<String>) throws(CMEAuditError) {
    var owner: (target: Target, isCertificates: Bool) = (.everyInput, false)
    var words = Array(arguments)[...]
    while let word = words.popFirst() {
      let (name, inline) = Self.split(word)
      guard
        ["--transcript", "--log", "--certificates", "--profile", "--roster", "--activities", "--schedule"]
          .contains(name)
      else { continue }
      guard let value = inline ?? words.popFirst() else { break }
      guard name == "--profile" else {
        owner = (.input(value), name == "--certificates")
        continue
      }
      if owner.isCertificates {
        throw .usage("--profile \(value) follows --certificates; a profile maps a --transcript or --log file")
      }
      if profiles[owner.target] != nil {
        let what = if case .input(let path) = owner.target { path } else { "all inputs" }
        throw .usage("two profiles for \(what); give one --profile per input")
      }
      profiles[owner.target] = value
    }
  }

  /// The profile for the input at `path`: its own, else the one for every input.
  public func profile(for path: String) -> String? { profiles[.input(path)] ?? profiles[.everyInput] }

  /// The profile written right after the `--roster`, `--activities` or `--schedule` file at `path`: a sign-in
  /// sheet or a catalog has columns of its own, so the profile for every transcript and log is not its.
  public func ownProfile(for path: String) -> String? { profiles[.input(path)] }

  /// `--name=value` as its name and value; any other word as itself.
  private static func split(_ word: String) -> (String, String?) {
    guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return (word, nil) }
    return (String(word[..<equals]), String(word[word.index(after: equals)...]))
  }
}
