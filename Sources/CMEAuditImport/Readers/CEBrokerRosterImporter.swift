import CMEAuditModel
import Foundation

/// A CE Broker provider roster (the XML a provider uploads to report who completed which course: `<rosters>
/// <roster><id_provider/><provider_course_code/><id_course/><end_date>MM/DD/YYYY</end_date><attendees>
/// <attendee>…`), read as a transcript: one record an attendee, named by CE Broker's course number (a roster
/// has no title), dated by the attendee's completion date, with the course's hours. Florida's physicians
/// are reported this way.
public struct CEBrokerRosterImporter: SourceImporter {
  public init() {}

  /// The mapping, as a profile would write it (the course's elements are above each attendee).
  static let profile: ImportProfile = {
    var profile = ImportProfile(path: "(built-in CE Broker roster)")
    profile.record = "rosters/roster/attendees/attendee"
    profile.fields = [
      .activityID: "../../id_course", .date: "date_completed", .credits: "ce_credit_hours",
      .firstName: "first_name", .lastName: "last_name", .learnerID: "licensee_number",
    ]
    profile.dateOrder = .mdy
    return profile
  }()

  public func importSource(_ source: SourceSpec) throws(CMEAuditError) -> ImportResult {
    var spec = source
    spec.profile = spec.profile ?? Self.profile
    var result = try XMLRecordImporter().importSource(spec)
    result.summary.format = "ce-broker-roster"
    return result
  }

  /// Whether the file's first element is `<rosters>` (its first 4 KiB, after a declaration and comments).
  static func recognises(_ source: SourceSpec) -> Bool {
    guard let head = try? FileReading.head(of: source, upTo: 4096).data else { return false }
    let text = String(decoding: head, as: UTF8.self)
    var rest = text[...]
    while let open = rest.firstIndex(of: "<") {
      let tag = rest[rest.index(after: open)...]
      if tag.hasPrefix("?") || tag.hasPrefix("!") {
        guard let close = tag.firstIndex(of: ">") else { return false }
        rest = tag[tag.index(after: close)...]
        continue
      }
      return tag.hasPrefix("rosters") && tag.dropFirst(7).first.map { $0 == ">" || $0.isWhitespace } == true
    }
    return false
  }
}
