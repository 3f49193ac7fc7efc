import Foundation

/// The sample resident's certificates as providers hand them out: PDFs downloaded from portals, one of them
/// saved twice, one scanned, one photographed at the retreat. Only the heart-failure symposium keeps a manifest
/// row (it corrects the certificate's title); every other certificate is read from its own text.
public enum SampleCertificates {
  public static func write(to folder: URL) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    func url(_ name: String) -> URL { folder.appendingPathComponent(name) }
    try CertificateDrawing.pdf([internalMedicineMeeting], to: url("acp-im-2026.pdf"))
    // Downloaded twice: the same bytes under the browser's second name.
    try FileManager.default.copyItem(at: url("acp-im-2026.pdf"), to: url("acp-im-2026 (1).pdf"))
    try CertificateDrawing.pdf([CertificateTexts.opioidREMS], to: url("opioid-rems.pdf"))
    try CertificateDrawing.pdf([pocusWorkshop], to: url("pocus-workshop.pdf"))
    try CertificateDrawing.pdf(heartFailureSymposium, to: url("hf-symposium.pdf"))
    try CertificateDrawing.scan(sepsisModule, to: url("sepsis-module.pdf"))
    try CertificateDrawing.photo(CertificateTexts.wellnessRetreat, to: url("wellness-retreat.jpg"))
    try Data(
      """
      File,Title,Certificate ID
      hf-symposium.pdf,Regional Heart Failure Symposium,SCS-HF-1018

      """.utf8
    ).write(to: url("certificates.csv"))
  }

  static let internalMedicineMeeting = [
    "Certificate of Attendance",
    "",
    "This certifies that",
    "Jordan Lee, MD",
    "has participated in the live activity titled",
    "Internal Medicine Meeting 2026",
    "on April 23-25, 2026 in San Diego, California",
    "",
    "and claimed 18.50 AMA PRA Category 1 Credits™.",
    "The American College of Physicians is accredited by the Accreditation Council for Continuing Medical",
    "Education (ACCME) to provide continuing medical education for physicians.",
    "The American College of Physicians designates this live activity for a maximum of 40.00 AMA PRA",
    "Category 1 Credits™. Physicians should claim only the credit commensurate with the extent of their",
    "participation in the activity.",
    "Certificate ID: ACP-IM26-99812",
  ]

  static let pocusWorkshop = [
    "Certificate of Completion",
    "",
    "This certifies that",
    "Jordan Lee, MD",
    "has completed the workshop",
    "Point-of-Care Ultrasound Workshop",
    "held on February 7, 2026",
    "",
    "University Hospital Office of CME is accredited by the ACCME to provide continuing medical education",
    "for physicians. University Hospital Office of CME designates this live activity for a maximum of 6.50",
    "AMA PRA Category 1 Credits™.",
    "Successful completion of this activity enables the participant to earn up to 6.50 Medical Knowledge",
    "MOC points in the ABIM MOC program.",
    "Certificate ID: UH-2026-0207-118",
  ]

  /// The two-page certificate of the tests, its first page in capitals as this provider prints it.
  static let heartFailureSymposium = [
    [
      "CERTIFICATE OF ATTENDANCE",
      "",
      "This certifies that",
      "Jordan Lee, MD",
      "attended the symposium",
      "REGIONAL HEART FAILURE SYMPOSIUM",
      "held on October 18, 2025",
    ],
    CertificateTexts.heartFailureSymposium[1],
  ]

  static let sepsisModule = [
    "Certificate of Completion",
    "",
    "This certifies that",
    "Jordan Lee",
    "has completed the online module",
    "Sepsis Update 2026 (online module)",
    "Date of completion: March 28, 2026",
    "",
    "The Society of Critical Care Medicine is accredited by the ACCME to provide continuing medical",
    "education for physicians. SCCM designates this enduring material for a maximum of 1.50 AMA PRA",
    "Category 1 Credits™.",
    "Certificate ID: SCCM-55120",
  ]

}

/// A folder of many certificates for the benchmark: text PDFs, scans and photos of varied activities.
public enum BenchmarkCertificates {
  public static func write(to folder: URL, text: Int, scans: Int, photos: Int) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let topics = ["Heart Failure", "Sepsis", "Asthma", "Diabetes", "Stroke", "Lupus", "Anemia", "Gout"]
    func lines(_ index: Int) -> [String] {
      let day = CalendarDayText.day(index)
      return [
        "Certificate of Completion", "", "This certifies that", "Jordan Lee, MD",
        "has participated in the live activity titled",
        "Grand Rounds: \(topics[index % topics.count]) Update \(index)", "on \(day)", "",
        "and claimed 1.00 AMA PRA Category 1 Credits™.",
        "University Hospital Office of CME is accredited by the ACCME to provide continuing medical education",
        "for physicians. University Hospital Office of CME designates this live activity for a maximum of 1.00",
        "AMA PRA Category 1 Credits™.", "Certificate ID: UH-\(10_000 + index)",
      ]
    }
    for index in 0..<text {
      try CertificateDrawing.pdf(
        [lines(index)], to: folder.appendingPathComponent("certificate-\(index).pdf"))
    }
    for index in text..<(text + scans) {
      try CertificateDrawing.scan(lines(index), to: folder.appendingPathComponent("scan-\(index).pdf"))
    }
    for index in (text + scans)..<(text + scans + photos) {
      try CertificateDrawing.photo(lines(index), to: folder.appendingPathComponent("photo-\(index).jpg"))
    }
  }
}

/// Days written as certificates write them ("March 3, 2026"), one a day from 1 July 2025.
enum CalendarDayText {
  static let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]
  static let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

  static func day(_ index: Int) -> String {
    var (year, month, day) = (2025, 7, 1 + index % 365)
    while day > lengths[month - 1] {
      day -= lengths[month - 1]
      month += 1
      if month > 12 { (month, year) = (1, year + 1) }
    }
    return "\(months[month - 1]) \(day), \(year)"
  }
}
