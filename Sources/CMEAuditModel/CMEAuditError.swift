import Foundation

/// A file that cannot be read at all: the run stops with a message naming the file (exit code 2).
public enum CMEAuditError: LocalizedError, Sendable, Equatable {
  case unreadable(path: String, reason: String)
  case usage(String)

  public var errorDescription: String? {
    switch self {
    case .unreadable(let path, let reason): "\(path): \(reason)"
    case .usage(let message): message
    }
  }
}
