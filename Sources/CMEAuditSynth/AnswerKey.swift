import CMEAuditModel
import Foundation

/// What a generated scenario must produce: which records are one activity, which findings must fire
/// where, and the verified totals.
public struct AnswerKey: Codable, Sendable, Equatable {
  /// One true activity and the locations (`path:line`, or `path` for a certificate) of its records.
  public struct Activity: Codable, Sendable, Equatable {
    public var id: String
    public var records: [String]
  }

  /// A finding that must fire, at this location (one of the finding's locations).
  public struct Finding: Codable, Sendable, Hashable {
    public var code: String
    public var reason: String?
    public var location: String
  }

  public var activities: [Activity] = []
  public var findings: [Finding] = []
  /// Credit type id → verified amount, as text (exact decimals).
  public var verified: [String: String] = [:]
  /// The noise the scenario was generated with.
  public var noise: Noise
  public var seed: UInt64

  public init(noise: Noise, seed: UInt64) {
    self.noise = noise
    self.seed = seed
  }
}
