/// Which comes first in numeric dates such as 3/4/2026.
public enum DateOrder: String, Sendable, Hashable, Codable, CaseIterable {
  /// Month first: 3/4/2026 is 4 March (US).
  case mdy
  /// Day first: 3/4/2026 is 3 April (most of the world; 14.03.2026).
  case dmy
}
