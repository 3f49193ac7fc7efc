import CMEAuditModel
import Foundation

/// How long after an activity its credit can still be claimed (the evaluation completed, the certificate
/// downloaded): portals commonly close 90 days after the activity; a rule file's `claimWindows:` names
/// providers whose portals keep their own window.
public struct ClaimWindows: Sendable, Equatable {
  /// A provider's own window: `provider` is matched ignoring case as a part of the record's provider name.
  public struct Window: Sendable, Equatable {
    public var provider: String
    public var days: Int

    public init(provider: String, days: Int) {
      self.provider = provider
      self.days = days
    }
  }

  /// The window providers commonly keep.
  public static let usualDays = 90

  public var windows: [Window]

  public init(_ windows: [Window] = []) { self.windows = windows }

  /// The days a claim of `provider`'s activity may be made in, and whether that is the provider's own window
  /// (the first of `windows` whose name is in the provider's) or the usual one.
  public func days(for provider: String?) -> (days: Int, own: Bool) {
    if let provider = provider?.lowercased(),
      let window = windows.first(where: { provider.contains($0.provider.lowercased()) })
    {
      return (window.days, true)
    }
    return (Self.usualDays, false)
  }
}
