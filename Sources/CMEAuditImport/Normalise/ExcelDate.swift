import CMEAuditModel
import Foundation

/// Excel's serial day numbers.
public enum ExcelDate {
  /// The day a serial number names, in the 1900 system (serial 1 is 1900-01-01; 60 is the phantom
  /// 29 February 1900 that Excel kept from Lotus 1-2-3, which is no day) or the 1904 system (serial 0 is
  /// 1904-01-01). A fraction (a time of day) is dropped.
  public static func day(serial: Double, date1904: Bool) -> CalendarDay? {
    guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
    let whole = Int(serial.rounded(.down))
    if date1904 { return CalendarDay(year: 1904, month: 1, day: 1)!.adding(days: whole) }
    guard whole != 60, whole >= 1 else { return nil }
    let base = CalendarDay(year: 1899, month: 12, day: 31)!
    return base.adding(days: whole < 60 ? whole : whole - 1)
  }
}
