import CMEAudit
import CMEAuditModel
import Foundation

/// Writes `cmeaudit: message` to standard error: the one place the executable reports an error.
func reportError(_ error: CMEAuditError) {
  FileHandle.standardError.write(Data("cmeaudit: \(error.errorDescription ?? "error")\n".utf8))
}
