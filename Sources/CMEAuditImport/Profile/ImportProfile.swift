import CMEAuditModel
import CMEAuditSupport
import Foundation

/// A mapping profile for an export no built-in rule recognises: which column holds which field, how
/// dates are written, rows to skip, the sheet, the encoding, credit type spellings and defaults.
/// Read from YAML by ``ImportProfile/load(_:displayPath:)``.
public struct ImportProfile: Sendable, Equatable {
  /// A column named by its header text or by its 1-based number.
  public enum ColumnReference: Sendable, Equatable, CustomStringConvertible {
    case header(String)
    case number(Int)

    public var description: String {
      switch self {
      case .header(let name): "'\(name)'"
      case .number(let number): "column \(number)"
      }
    }
  }

  /// The profile file, as the user named it.
  public var path: String
  public var columns: [Field: ColumnReference] = [:]
  /// A date pattern such as `dd.MM.yyyy` (Unicode date format patterns).
  public var dateFormat: String?
  public var dateOrder: DateOrder?
  /// Rows before the header (or the data, when columns are numbered) to pass over.
  public var skipRows = 0
  public var sheet: String?
  public var encoding: TextEncodingName?
  /// Raw credit type text (lowercased) → type.
  public var creditTypes: [String: CreditType] = [:]
  /// Values for fields the export leaves out (provider, credit type, ...).
  public var defaults: [Field: String] = [:]
  /// For XML: the path of the element that is one record, e.g. `/Export/Course`.
  public var record: String?
  /// For XML: each field's element path relative to the record (`Name`, `Credit/Amount`) or attribute
  /// (`@date`, `Credit/@type`).
  public var fields: [Field: String] = [:]

  public init(path: String) { self.path = path }

  /// The fields a profile may map, by the names the profile uses.
  public static let fieldNames: [String: Field] = [
    "title": .title, "date": .date, "endDate": .endDate, "credits": .credits, "creditType": .creditType,
    "provider": .provider, "learner": .learner, "firstName": .firstName, "lastName": .lastName, "npi": .npi,
    "email": .email, "learnerId": .learnerID, "certificate": .certificate, "certificateId": .certificateID,
    "evaluation": .evaluation, "topics": .topics, "notes": .notes, "activityId": .activityID,
    "accreditationStatement": .accreditationStatement, "completed": .completed, "file": .file,
    "duration": .duration, "creditBody": .creditBody,
  ]

  /// The name a profile uses for a field (for suggested profiles and messages).
  public static func name(of field: Field) -> String {
    fieldNames.first { $0.value == field }?.key ?? field.rawValue
  }

  /// True when every mapped column is numbered: the file has no header row to look for.
  var isHeaderless: Bool {
    !columns.isEmpty && columns.values.allSatisfy { if case .number = $0 { true } else { false } }
  }

  /// Parses a date cell with `dateFormat`; nil when it does not match.
  func parseDate(_ text: String) -> CalendarDay? {
    guard let dateFormat else { return nil }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = dateFormat
    formatter.isLenient = false
    guard let date = formatter.date(from: text.trimmed()) else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let c = calendar.dateComponents([.year, .month, .day], from: date)
    guard let year = c.year, DateParser.years.contains(year) else { return nil }  // as any date read
    return CalendarDay(year: year, month: c.month ?? 0, day: c.day ?? 0)
  }
}
