/// The stable ids credit types are normalised to. The raw text is always kept beside it.
public enum CreditType: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case amaPRA1 = "ama-pra-1"
  case amaPRA2 = "ama-pra-2"
  case aoa1A = "aoa-1a"
  case aoa1B = "aoa-1b"
  case aoa2A = "aoa-2a"
  case aoa2B = "aoa-2b"
  case aafpPrescribed = "aafp-prescribed"
  case aafpElective = "aafp-elective"
  case moc = "moc"
  case contactHours = "contact-hours"
  case participation = "participation"
  case other = "other"

  /// Credit a board recognises as designated by an accredited provider.
  public var isAccredited: Bool {
    switch self {
    case .amaPRA1, .aoa1A, .aoa2A, .aafpPrescribed, .aafpElective, .moc, .contactHours: true
    case .amaPRA2, .aoa1B, .aoa2B, .participation, .other: false
    }
  }

  /// Counted in points, not hours: MOC points (each board's its own). Points and hours never add up.
  public var isPoints: Bool { self == .moc }

  /// Self-claimed credit (AMA PRA Category 2 and its AOA counterparts): unverifiable by nature.
  public var isSelfReported: Bool { self == .amaPRA2 || self == .aoa1B || self == .aoa2B }

  /// A short label for reports.
  public var label: String {
    switch self {
    case .amaPRA1: "AMA PRA Category 1"
    case .amaPRA2: "AMA PRA Category 2"
    case .aoa1A: "AOA Category 1-A"
    case .aoa1B: "AOA Category 1-B"
    case .aoa2A: "AOA Category 2-A"
    case .aoa2B: "AOA Category 2-B"
    case .aafpPrescribed: "AAFP Prescribed"
    case .aafpElective: "AAFP Elective"
    case .moc: "MOC points"
    case .contactHours: "Contact hours"
    case .participation: "Participation only"
    case .other: "Other"
    }
  }

  public static func < (lhs: CreditType, rhs: CreditType) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// The unit a credit amount is counted in.
public enum CreditUnit: String, Sendable, Hashable, Codable {
  case credit
  case hour
  case point
  case contactHour = "contact-hour"
}

/// The ABMS member boards whose MOC points a credit line can name, by initialism or full name. Each board's
/// points are its own: ABIM points do not count toward ABP's requirement.
public enum MOCBoard {
  /// Each board's initialism and full name.
  static let boards: [(id: String, name: String)] = [
    ("ABIM", "american board of internal medicine"), ("ABP", "american board of pediatrics"),
    ("ABFM", "american board of family medicine"), ("ABO", "american board of ophthalmology"),
    ("ABA", "american board of anesthesiology"), ("ABS", "american board of surgery"),
    ("ABPN", "american board of psychiatry and neurology"), ("ABR", "american board of radiology"),
    ("ABEM", "american board of emergency medicine"), ("ABOG", "american board of obstetrics and gynecology"),
    ("ABPath", "american board of pathology"), ("ABD", "american board of dermatology"),
    ("ABU", "american board of urology"), ("ABPMR", "american board of physical medicine and rehabilitation"),
    ("ABAI", "american board of allergy and immunology"), ("ABOto", "american board of otolaryngology"),
    ("ABPS", "american board of plastic surgery"), ("ABTS", "american board of thoracic surgery"),
    ("ABNM", "american board of nuclear medicine"), ("ABCRS", "american board of colon and rectal surgery"),
    ("ABPM", "american board of preventive medicine"), ("ABNS", "american board of neurological surgery"),
  ]

  /// The board `text` names ("ABIM MOC Medical Knowledge", "7 ABO Points", "American Board of Pediatrics
  /// MOC Part 2"); nil when it names none, or more than one.
  public static func named(in text: String) -> String? {
    let lowered = text.lowercased()
    let words = Set(lowered.split { !$0.isLetter }.map(String.init))
    let found = boards.filter { words.contains($0.id.lowercased()) || lowered.contains($0.name) }
    return found.count == 1 ? found[0].id : nil
  }
}

extension CreditLine {
  /// For MOC points, the board whose points they are, as the source's text names it (nil: not named).
  public var board: String? { type == .moc ? MOCBoard.named(in: raw) : nil }
}
