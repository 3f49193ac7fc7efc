import CMEAuditModel

/// A kind of finding as a decisions file names it: a finding code, with its reason where the code has one
/// (`unverifiable/self-reported`). Written and read as that one string (its raw value).
public struct FindingReference: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
  public var code: FindingCode
  /// nil: every finding of the code, whatever its reason.
  public var reason: String?

  public init(code: FindingCode, reason: String? = nil) {
    self.code = code
    self.reason = reason
  }

  /// Reads `code` or `code/reason`; nil when the code is not a finding code.
  public init?(rawValue text: String) {
    let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
    guard let code = parts.first.flatMap({ FindingCode(rawValue: String($0)) }) else { return nil }
    self.init(code: code, reason: parts.count > 1 ? String(parts[1]) : nil)
  }

  /// As written: `code` or `code/reason`.
  public var rawValue: String { code.rawValue + (reason.map { "/\($0)" } ?? "") }

  public var description: String { rawValue }

  /// Whether `finding` is of this kind.
  public func matches(_ finding: Finding) -> Bool {
    finding.code == code && (reason == nil || finding.reason?.rawValue == reason)
  }
}
