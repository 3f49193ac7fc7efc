import CMEAudit
import CMEAuditImport
import CMEAuditModel
import Foundation

extension ScenarioGenerator {
  static let topics = [
    "Heart Failure with Preserved EF", "Sepsis Bundles", "Diabetic Ketoacidosis", "Anticoagulation Reversal",
    "Hyponatremia", "Community-Acquired Pneumonia", "Acute Kidney Injury", "Palliative Care Conversations",
    "GI Bleeding", "Atrial Fibrillation", "COPD Exacerbations", "Syncope Work-up", "Cirrhosis Complications",
    "Delirium in the Hospital", "Pulmonary Embolism", "Opioid Use Disorder", "HIV Primary Care",
    "Thyroid Nodules",
    "Anemia Evaluation", "Gout", "Hypertensive Emergency", "Cellulitis and Mimics", "Endocarditis",
    "Stroke Prevention", "Obesity Medicine", "Chronic Pain Management", "Lupus for the Internist",
    "Transfusion Medicine", "Adrenal Insufficiency", "Lung Cancer Screening", "Tuberculosis Update",
    "Vaccines for Adults", "Health Equity", "Hepatitis C Cure", "Osteoporosis", "Acute Pancreatitis",
    "Fever in the Returning Traveler", "Medical Ethics at the Bedside", "Geriatric Polypharmacy",
    "Sleep Apnea",
  ]

  static let hospital = "University Hospital Office of CME"

  /// The year's true activities: weekly grand rounds, monthly M&M, a workshop, a national meeting, online
  /// modules, maybe a participation certificate; each present in the sources the noise says.
  func makeActivities(_ rng: inout SeededGenerator) -> [Activity] {
    var activities: [Activity] = []
    func recorded(_ id: String) -> (onTranscript: Bool, logged: Bool) {
      if rng.chance(noise.attendanceNotRecorded) { return (false, true) }
      return (true, !rng.chance(noise.missingFromLog))
    }
    // Weekly grand rounds on Wednesdays from September; some transcripts name every session by the
    // series alone.
    let withoutTopics = rng.chance(noise.seriesWithoutTopics)
    var day = CalendarDay(year: 2025, month: 9, day: 3)!
    for (index, topic) in Self.topics.enumerated() {
      let (onTranscript, logged) = recorded("gr\(index)")
      activities.append(
        Activity(
          id: "gr\(index + 1)",
          title: withoutTopics ? "Medicine Grand Rounds" : "Medicine Grand Rounds: \(topic)",
          provider: Self.hospital, start: day, end: nil,
          credits: [(.amaPRA1, 1)], onTranscript: onTranscript, certificate: false, logged: logged,
          series: "Medicine Grand Rounds"))
      day = day.adding(days: 7)
    }
    // Monthly M&M, the second Thursday.
    for month in 0..<11 {
      let first = CalendarDay(year: month < 5 ? 2025 : 2026, month: (month + 7) % 12 + 1, day: 1)!
      let weekday = (first.dayNumber + 4) % 7  // 0 = Sunday
      let thursday = first.adding(days: (4 - weekday + 7) % 7 + 7)
      let (onTranscript, logged) = recorded("mm\(month)")
      activities.append(
        Activity(
          id: "mm\(month + 1)", title: "Department of Medicine M&M Conference", provider: Self.hospital,
          start: thursday, end: nil, credits: [(.amaPRA1, 1)], onTranscript: onTranscript, certificate: false,
          logged: logged, series: "M&M"))
    }
    // A workshop: transcript (a row per credit type) and a certificate.
    activities.append(
      Activity(
        id: "ws1", title: "Point-of-Care Ultrasound Workshop", provider: Self.hospital,
        start: CalendarDay(year: 2026, month: 2, day: 7)!, end: nil, credits: [(.amaPRA1, 6.5), (.moc, 6.5)],
        onTranscript: true, certificate: true, logged: !rng.chance(noise.certificateNotLogged)))
    // A national meeting over three days: a certificate, logged as one line; sometimes also on the
    // transcript as one row per day.
    var meeting = Activity(
      id: "nm1", title: "Internal Medicine Meeting 2026", provider: "American College of Physicians",
      start: CalendarDay(year: 2026, month: 4, day: 23)!, end: CalendarDay(year: 2026, month: 4, day: 25)!,
      credits: [(.amaPRA1, 18.5)], onTranscript: false, certificate: true,
      logged: !rng.chance(noise.certificateNotLogged))
    if rng.chance(noise.meetingPerDay) { meeting.perDay = [6, 6, 6.5] }
    activities.append(meeting)
    // A two-day review course on one transcript row, sometimes logged day by day.
    var course = Activity(
      id: "rc1", title: "Critical Care Review Course", provider: Self.hospital,
      start: CalendarDay(year: 2026, month: 1, day: 16)!, end: CalendarDay(year: 2026, month: 1, day: 17)!,
      credits: [(.amaPRA1, 13)], onTranscript: true, certificate: false, logged: true)
    if rng.chance(noise.courseLoggedPerDay) { course.loggedPerDay = true }
    activities.append(course)
    // Online modules: certificates, or logged with the evaluation still to do.
    let modules = [
      ("Opioid Analgesic REMS: Safe Prescribing", "CO*RE Collaborative", 2.0),
      ("Sepsis Update 2026", "Society of Critical Care Medicine", 1.5),
      ("Stroke Update Webinar", "American Heart Association", 1.0),
      ("Hospital Medicine Pearls", "Society of Hospital Medicine", 3.0),
    ]
    for (index, module) in modules.enumerated() {
      let pending = rng.chance(noise.pendingEvaluation)
      activities.append(
        Activity(
          id: "om\(index + 1)", title: module.0, provider: module.1,
          start: CalendarDay(year: 2025, month: 10, day: 12)!.adding(days: 45 * index), end: nil,
          credits: [(.amaPRA1, Decimal(module.2))], onTranscript: false, certificate: !pending,
          logged: pending || !rng.chance(noise.certificateNotLogged)))
    }
    if rng.chance(noise.participationCertificate) {
      activities.append(
        Activity(
          id: "pc1", title: "Resident Wellness Retreat", provider: "University Hospital GME",
          start: CalendarDay(year: 2025, month: 12, day: 6)!, end: nil, credits: [(.participation, 4)],
          onTranscript: false, certificate: true, logged: false, participation: true))
    }
    return activities
  }

  /// A log title the way a resident writes it.
  func variant(of activity: Activity, _ rng: inout SeededGenerator) -> String {
    let title = activity.title
    let topic = title.split(separator: ":", maxSplits: 1).dropFirst().first.map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    var options: [String] = [
      title.replacingOccurrences(of: ": ", with: " – "), title.replacingOccurrences(of: ": ", with: " - "),
      title.lowercased(), typo(title, &rng),
    ]
    if activity.series == "Medicine Grand Rounds", let topic {
      options += [
        "IM Grand Rounds – \(topic)", "Med GR: \(topic.lowercased())", "\(topic) (Grand Rounds)",
        "\(topic) – Medicine Grand Rounds", "Grand Rounds – \(topic)",
      ]
      options += ["Grand Rounds", "Medicine Grand Rounds"]
    }
    if activity.series == "M&M" {
      options += ["M&M", "Morbidity and Mortality Conference", "Dept of Med M&M"]
    }
    if title.contains("Point-of-Care Ultrasound") {
      options += ["POCUS workshop", "Ultrasound Workshop (POCUS)"]
    }
    if title.contains("Meeting") { options += ["ACP IM Meeting 2026", "ACP Internal Medicine Meeting"] }
    if title.contains("Review Course") { options += ["Crit Care Review Course", "ICU review course"] }
    return options.randomElement(using: &rng) ?? title
  }

  /// One pair of neighbouring letters swapped in a long word.
  private func typo(_ title: String, _ rng: inout SeededGenerator) -> String {
    var words = title.split(separator: " ").map(String.init)
    guard let index = words.indices.filter({ words[$0].count >= 6 }).randomElement(using: &rng) else {
      return title
    }
    var letters = Array(words[index])
    let at = Int.random(in: 1..<(letters.count - 2), using: &rng)
    letters.swapAt(at, at + 1)
    words[index] = String(letters)
    return words.joined(separator: " ")
  }

  static func label(_ type: CreditType) -> String {
    switch type {
    case .amaPRA1: "AMA PRA Category 1 Credit™"
    case .moc: "ABIM MOC Medical Knowledge points"
    case .participation: "Certificate of Participation"
    default: type.label
    }
  }

  static func logLabel(_ type: CreditType) -> String {
    switch type {
    case .amaPRA1: "AMA PRA Cat 1"
    case .aafpPrescribed: "AAFP Prescribed"
    default: type.label
    }
  }

  static func logProvider(_ provider: String) -> String {
    provider == hospital ? "University Hospital" : provider
  }

  static func amount(_ value: Decimal) -> String { "\(value)" }

  static func usDate(_ day: CalendarDay) -> String {
    let c = day.components
    return "\(c.month)/\(c.day)/\(c.year)"
  }

  static func sortKey(_ usDate: String) -> Int {
    DateParser.parse(usDate, order: .mdy)?.start.dayNumber ?? 0
  }

  func writeCSV(_ header: [String], _ rows: [Row], to url: URL) throws {
    func escape(_ field: String) -> String {
      field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
        ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
    var text = header.map(escape).joined(separator: ",") + "\n"
    for row in rows { text += row.fields.map(escape).joined(separator: ",") + "\n" }
    try Data(text.utf8).write(to: url)
  }
}
