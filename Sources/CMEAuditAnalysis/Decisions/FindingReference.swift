import CMEAuditModel

/// A kind of finding as a decisions file names it: a finding code, with its reason where the code has one
/// (`unverifiable/self-reported`). Written and read as that one string.
public struct FindingReference: Sendable, Hashable, Codable, CustomStringConvertible {
  public var code: FindingCode
  /// nil: every finding of the code, whatever its reason.
  public var reason: String?

  public init(code: FindingCode, reason: String? = nil) {
    self.code = code
    self.reason = reason
  }

  /// Reads `code` or `code/reason`; nil when the code is not a finding code.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
    guard let code = parts.first.flatMap({ FindingCode(rawValue: String($0)) }) else { return nil }
    self.init(code: code, reason: parts.count > 1 ? String(parts[1]) : nil)
  }

  public var description: String { code.rawValue + (reason.map { "/\($0)" } ?? "") }

  /// Whether `finding` is of this kind.
  public func matches(_ finding: Finding) -> Bool {
    finding.code == code && (reason == nil || finding.reason?.rawValue == reason)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let reference = FindingReference(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not a finding"))
    }
    self = reference
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
