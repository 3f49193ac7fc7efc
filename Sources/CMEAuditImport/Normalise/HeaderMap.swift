import CMEAuditSupport
import Foundation

/// The fields a tabular source can carry, recognised from header synonyms ignoring case, spacing and
/// punctuation ("Activity Title", "ACTIVITY_TITLE", "activity-title" are one header).
public enum Field: String, Sendable, Hashable, CaseIterable, Codable {
  case title, date, endDate, credits, creditType, provider, accreditedProvider
  case learner, firstName, lastName, npi, email, learnerID
  case certificate, certificateID, evaluation, topics, notes, estimated, accreditationStatement, activityID
  case file, completed, recordAction, checkIn, duration
  /// The accreditor whose category the credit-type column gives ("AOA" beside "1A").
  case creditBody

  /// The field's place in `allCases`, for tables indexed by field (a test checks the two agree).
  var ordinal: Int {
    switch self {
    case .title: 0
    case .date: 1
    case .endDate: 2
    case .credits: 3
    case .creditType: 4
    case .provider: 5
    case .accreditedProvider: 6
    case .learner: 7
    case .firstName: 8
    case .lastName: 9
    case .npi: 10
    case .email: 11
    case .learnerID: 12
    case .certificate: 13
    case .certificateID: 14
    case .evaluation: 15
    case .topics: 16
    case .notes: 17
    case .estimated: 18
    case .accreditationStatement: 19
    case .activityID: 20
    case .file: 21
    case .completed: 22
    case .recordAction: 23
    case .checkIn: 24
    case .duration: 25
    case .creditBody: 26
    }
  }

  /// Header spellings, already normalised (lowercase letters and digits only).
  static let synonyms: [Field: [String]] = [
    .title: [
      "title", "activity", "activitytitle", "activityname", "course", "coursetitle", "coursename", "session",
      "sessiontitle", "event", "eventtitle", "eventname", "program", "programtitle", "learningactivity",
    ],
    .date: [
      "date", "activitydate", "sessiondate", "eventdate", "startdate", "completiondate", "datecompleted",
      "dates", "attendeddate", "dateattended", "completeddate", "dateofactivity", "activitydates",
      "dateofcompletion",
      // A video meeting's participant report (Zoom, Teams): the day is the day a participant joined.
      "jointime", "firstjoin",
    ],
    .endDate: ["enddate", "activityenddate", "todate"],
    .credits: [
      "credits", "credit", "credithours", "hours", "creditsearned", "creditsawarded", "creditsclaimed",
      "amount", "ofhourscredit", "numberofcmecredits", "cmecredits", "creditamount", "numberofcredits",
      "hourscredit", "designatedcredits", "creditsdesignated", "maximumcredits", "maxcredits",
      "creditsoffered", "creditsavailable", "cmehours", "cehours", "hoursearned", "hoursclaimed",
      "participatoryhours", "pointsearned", "points", "cpdpoints", "cpdhours", "cpdcredits",
    ],
    .creditType: [
      "credittype", "type", "category", "creditcategory", "creditdesignation", "designation",
    ],
    .creditBody: ["accreditingbody", "creditbody", "accreditor", "body", "creditsystem", "creditauthority"],
    .provider: [
      "provider", "sponsor", "organization", "organisation", "organizer", "organiser", "providername",
    ],
    .accreditedProvider: ["accreditedprovider"],
    .learner: [
      "learner", "name", "learnername", "participant", "physician", "fullname", "attendee",
      "nameoriginalname",
      "participantname",
    ],
    .firstName: ["firstname", "givenname", "first"],
    .lastName: ["lastname", "familyname", "surname", "last"],
    .npi: ["npi", "npinumber", "licensingidornpi"],
    .email: ["email", "emailaddress", "externalemail", "useremail", "attendeeemail"],
    .learnerID: ["id", "learnerid", "userid", "employeeid", "externaluserid", "institutionid"],
    .certificate: ["certificate", "certificatefile", "certificatefilename", "certfile", "cert"],
    .certificateID: ["certificateid", "certificatenumber", "certificateno", "creditid"],
    .evaluation: [
      "evaluationcompleted", "evaluation", "evaluationdone", "evalcompleted", "evalcomplete", "eval",
    ],
    .topics: ["topics", "topic", "tags"],
    .notes: ["notes", "note", "comments", "comment"],
    .estimated: ["estimated", "selfreported", "estimatedhours"],
    .accreditationStatement: [
      "accreditationstatement", "accreditation", "statement", "designationstatement",
    ],
    .activityID: [
      "activityid", "accmeactivityid", "courseid", "externalcourseid", "sessionid", "coursenumber",
      "activitynumber", "courseno",
    ],
    .file: ["file", "filename", "path"],
    .completed: ["complete", "completed", "completionstatus", "status"],
    .recordAction: ["recordaction"],
    .checkIn: ["checkin", "checkintime", "signin", "signintime", "signedin", "timein", "arrival"],
    // How long a participant was in a video meeting (Zoom's minutes, Teams' "1h 4m 8s").
    .duration: [
      "duration", "durationminutes", "inmeetingduration", "minutesattended", "attendedminutes",
      "timeattended", "attendanceduration",
    ],
  ]

  static let lookup: [String: Field] = {
    var map: [String: Field] = [:]
    for (field, names) in synonyms {
      for name in names { map[name] = field }
    }
    return map
  }()

  /// The field a header cell names, if any. A numbered header ("2. ACCME Activity ID", as ACCME's batch
  /// files number their columns) names the field after its number.
  public static func recognise(_ header: String) -> Field? {
    if let field = lookup[normaliseHeader(header)] { return field }
    let unnumbered = header.trimmed().drop(while: \.isNumber)
    guard unnumbered.count < header.trimmed().count, let mark = unnumbered.first, ".)".contains(mark) else {
      return nil
    }
    return lookup[normaliseHeader(String(unnumbered.dropFirst()))]
  }

  /// Lowercase ASCII letters and digits only.
  public static func normaliseHeader(_ header: String) -> String {
    // ASCII (nearly every header) byte by byte: twenty thousand log files are twenty thousand headers.
    if header.utf8.allSatisfy({ $0 < 0x80 }) {
      var bytes: [UInt8] = []
      bytes.reserveCapacity(header.utf8.count)
      for byte in header.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 0x20)
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
        default: break
        }
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    return generallyNormalisedHeader(header)
  }

  /// `normaliseHeader` on Characters (any text); accents are dropped, not their letters ("Crédits" is
  /// "credits", as a French or Spanish export spells it).
  static func generallyNormalisedHeader(_ header: String) -> String {
    // Decomposed, an accented letter is its letter and a combining mark: scalars, not Characters (which
    // would keep the two together).
    var kept = String.UnicodeScalarView()
    for scalar in header.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars
    where scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) {
      kept.append(scalar)
    }
    return String(kept)
  }
}

/// Which column holds which field.
public struct HeaderMap: Sendable {
  public private(set) var columns: [Field: Int] = [:] {
    didSet { positions = Field.allCases.map { columns[$0] } }
  }
  /// `columns` by `Field.ordinal`: read for every cell of every row, so an array, not a dictionary.
  private var positions: [Int?] = Array(repeating: nil, count: Field.allCases.count)
  /// Headers that named no known field, kept for the message when a file cannot be read.
  public private(set) var unrecognised: [String] = []
  /// How many columns the header row has (trailing empty header cells dropped).
  public private(set) var width: Int

  public init(headers: [String]) {
    width =
      (headers.lastIndex { !$0.trimmed().isEmpty }).map { $0 + 1 } ?? 0
    for (index, header) in headers.enumerated() {
      if let field = Field.recognise(header) {
        if columns[field] == nil { columns[field] = index }
      } else if !header.trimmed().isEmpty {
        unrecognised.append(header)
      }
    }
    if columns[.provider] == nil, let accredited = columns[.accreditedProvider] {
      columns[.provider] = accredited
    }
    readPARSLayout(headers.map(Field.normaliseHeader))
    positions = Field.allCases.map { columns[$0] }  // observers do not run in an initialiser
  }

  public subscript(field: Field) -> Int? { positions[field.ordinal] }

  /// The map of a header row, worked out once a run for each distinct row: a folder of 20,000 logs has
  /// one header, not worth recognising 20,000 times. (Rows of more than 64 cells, or
  /// with a cell over 256 bytes, are recognised each time.)
  public static func of(_ headers: [String]) -> HeaderMap {
    // A row of a million cells (a hostile file) is neither hashed nor kept.
    guard headers.count <= 64, headers.allSatisfy({ $0.utf8.count <= 256 }) else {
      return HeaderMap(headers: headers)
    }
    return known.value(for: headers) { HeaderMap(headers: headers) }
  }

  private static let known = RunMemo<[String], HeaderMap>(limit: 1_024)

  /// Further (credit type, amount) column pairs on one row, as in the ACCME PARS learner template's
  /// board credits ("Credit Type" / "Credits Awarded for Credit Type", "Additional Credit Type" ...).
  public private(set) var creditPairs: [(type: Int, amount: Int)] = []
  /// The type of the credits column when the layout implies one (PARS reports AMA PRA Category 1 in its
  /// "Number of CME Credits").
  public private(set) var impliedCreditType: String?

  /// The ACCME PARS learner batch template: its "Credit Type" columns belong to board credit pairs, and
  /// its CME credits are AMA PRA Category 1.
  private mutating func readPARSLayout(_ normalised: [String]) {
    guard normalised.contains("accmeactivityid"), normalised.contains("numberofcmecredits") else { return }
    impliedCreditType = "AMA PRA Category 1"
    columns[.creditType] = nil
    for (index, header) in normalised.enumerated()
    where header.hasPrefix("credittype") || header.hasPrefix("additionalcredittype") {
      if let amount = normalised.indices.first(where: {
        $0 > index && normalised[$0].contains("creditsawarded")
      }) {
        creditPairs.append((index, amount))
      }
    }
  }

  /// A table with no header row (a profile's numbered columns): rows may hold any number of fields.
  public mutating func acceptAnyWidth() { width = .max }

  /// Puts `field` in the 0-based `column` (a profile's mapping), taking it from any field synonyms gave it.
  public mutating func assign(_ field: Field, to column: Int) {
    for (other, index) in columns where index == column && other != field { columns[other] = nil }
    columns[field] = column
    if width != .max { width = max(width, column + 1) }
  }

  /// Takes `field` off its column: the column's cells say it is not that (`ColumnContent`).
  public mutating func remove(_ field: Field) { columns[field] = nil }

  /// Enough to read activities: a title or an activity id, and a date or credits.
  public var isUsable: Bool {
    (columns[.title] != nil || columns[.activityID] != nil)
      && (columns[.date] != nil || columns[.credits] != nil)
  }
}
