import CMEAuditDocuments
import Foundation
import Testing

@testable import CMEAuditImport
@testable import CMEAuditModel
@testable import CMEAuditSynth

/// Certificates read from their own text: each wording, award over designation, participation and contact
/// hours told apart, a two-page certificate, a scan and a photo.
@Suite struct CertificateTextTests {
  func read(_ url: URL) throws -> CertificateReading {
    let text = try DocumentReader().read(url)
    return CertificateTextReader().read(text, file: url.lastPathComponent)
  }

  @Test func awardWinsOverDesignation() throws {
    let folder = try TempFolder()
    let url = folder.url.appendingPathComponent("IM2026 Certificate.pdf")
    try CertificateDrawing.pdf([CertificateTexts.internalMedicineMeeting], to: url)
    let reading = try read(url)
    #expect(reading.title?.value == "Internal Medicine Meeting 2026")
    #expect(reading.date?.value == "April 23-25, 2026")
    #expect(reading.learner?.value == "Jordan Lee, MD")
    #expect(reading.provider?.value == "American College of Physicians")
    #expect(reading.certificateID?.value == "ACP-IM26-99812")
    let used = reading.credits.filter(\.used).map { "\($0.amount) \($0.type)" }
    #expect(
      used == [
        "14.75 AMA PRA Category 1 Credits", "14.75 Medical Knowledge MOC points in the ABIM",
      ])
    let lines = try #require(try record(reading)).credits
    #expect(lines.map(\.type) == [.amaPRA1, .moc] && lines.last?.board == "ABIM")
    #expect(reading.method == "text" && reading.missing.isEmpty)
  }

  /// Each wording of the credit a certificate carries, read with its type and amount.
  @Test(arguments: [
    (CertificateTexts.opioidREMS, "2026-01-10", ["2.00 AMA PRA Category 1 Credits"], "designation"),
    (CertificateTexts.familyMedicineUpdate, "2026-03-08", ["8.00 AAFP Prescribed credits"], "designation"),
    (CertificateTexts.osteopathicReview, "2026-02-14", ["6.0 AOA Category 1-A"], "designation"),
    (CertificateTexts.woundCare, "2026-03-20", ["3.0 ANCC contact hours"], "awarded"),
  ])
  func eachWording(lines: [String], date: String, credits: [String], kind: String) throws {
    let folder = try TempFolder()
    let url = folder.url.appendingPathComponent("certificate (3).pdf")
    try CertificateDrawing.pdf([lines], to: url)
    let reading = try read(url)
    #expect(reading.credits.filter(\.used).map { "\($0.amount) \($0.type)" } == credits)
    #expect(reading.credits.filter(\.used).map(\.kind) == [kind])
    let read = try #require(try record(reading))
    #expect(read.date == day(date), "\(reading.date?.value ?? "no date")")
    #expect(read.title == lines[5])
    #expect(reading.missing.isEmpty)
  }

  /// A certificate for non-physicians is participation, whatever designation it repeats; nursing contact hours
  /// are contact hours, not physician credit.
  @Test func participationAndContactHoursAreToldApart() throws {
    let folder = try TempFolder()
    let wellness = folder.url.appendingPathComponent("wellness.pdf")
    try CertificateDrawing.pdf([CertificateTexts.wellnessRetreat], to: wellness)
    let attended = try #require(try record(try read(wellness)))
    #expect(attended.credits.map(\.type) == [.participation])
    #expect(attended.credits.map(\.amount) == [4])
    let nursing = folder.url.appendingPathComponent("wound.pdf")
    try CertificateDrawing.pdf([CertificateTexts.woundCare], to: nursing)
    #expect(try record(try read(nursing))?.credits.map(\.type) == [.contactHours])
    // A heading "Certificate of Attendance" over claimed credit is an ordinary physician certificate.
    let meeting = folder.url.appendingPathComponent("meeting.pdf")
    try CertificateDrawing.pdf([CertificateTexts.internalMedicineMeeting], to: meeting)
    #expect(try record(try read(meeting))?.credits.first?.type == .amaPRA1)
  }

  /// Layouts other providers use: a table of labels and values (poppler joins a label to its value; the
  /// characters' positions tell them apart), and a jointly accredited certificate whose provider follows a
  /// clause and whose credit for a nurse is contact hours.
  @Test func otherLayouts() throws {
    let folder = try TempFolder()
    let table = folder.url.appendingPathComponent("portal certificate (2).pdf")
    try CertificateDrawing.pdf([CertificateTexts.portalTable], to: table)
    let portal = try #require(try record(try read(table)))
    #expect(portal.title == "Advances in Hospital Medicine 2026" && portal.date == day("2026-05-12"))
    #expect(portal.provider == "Society of Hospital Medicine")
    #expect(portal.credits.map(\.amount) == [Decimal(string: "6.25")!])
    let joint = folder.url.appendingPathComponent("joint.pdf")
    try CertificateDrawing.pdf([CertificateTexts.jointlyAccredited], to: joint)
    let nurse = try #require(try record(try read(joint)))
    #expect(nurse.provider == "Summit Health" && nurse.credits.map(\.type) == [.contactHours])
    #expect(
      CertificateTextReader.providerName("University of California, San Diego")
        == "University of California, San Diego")
  }

  /// A certificate over two pages: the title on the first, the credit on the second.
  @Test func aTwoPageCertificate() throws {
    let folder = try TempFolder()
    let url = folder.url.appendingPathComponent("hf.pdf")
    try CertificateDrawing.pdf(CertificateTexts.heartFailureSymposium, to: url)
    let reading = try read(url)
    #expect(reading.title?.value == "Regional Heart Failure Symposium" && reading.title?.page == 1)
    let credit = try #require(reading.credits.first { $0.used })
    #expect(credit.amount == "5.25" && credit.kind == "awarded" && credit.found.page == 2)
    #expect(try record(reading)?.date == day("2025-10-18"))
  }

  /// A scan (a PDF of a picture) and a phone photo are read by OCR, with the OCR's confidence.
  @Test func aScanAndAPhotoAreReadByOCR() throws {
    let folder = try TempFolder()
    let scan = folder.url.appendingPathComponent("scan.pdf")
    try CertificateDrawing.scan(CertificateTexts.opioidREMS, to: scan)
    let scanned = try read(scan)
    #expect(scanned.method == "ocr" && (scanned.ocrConfidence ?? 0) > 60)
    #expect(scanned.title?.value == "Opioid Analgesic REMS: Safe Prescribing (online)")
    #expect(try record(scanned)?.date == day("2026-01-10"))
    let photo = folder.url.appendingPathComponent("IMG_2041.jpg")
    try CertificateDrawing.photo(CertificateTexts.familyMedicineUpdate, to: photo)
    let photographed = try read(photo)
    #expect(photographed.method == "ocr")
    #expect(photographed.credits.filter(\.used).map(\.amount) == ["8.00"])
    #expect(try record(photographed)?.date == day("2026-03-08"))
  }

  /// A damaged or password-protected PDF, or a HEIC photo, is a problem of that file, said in words.
  @Test func unreadableFilesSayWhy() throws {
    let folder = try TempFolder()
    let broken = try folder.write("broken.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    #expect(throws: DocumentProblem.self) { try DocumentReader().read(broken) }
    let heic = try folder.write("IMG_1.heic", Data([0, 0, 0, 24]))
    #expect { try DocumentReader().read(heic) } throws: {
      ($0 as? DocumentProblem)?.reason.contains("JPEG") == true
    }
    let protected = EndToEndTests.packageRoot.appendingPathComponent(
      "Tests/CMEAuditTests/Fixtures/password-protected.pdf")
    #expect { try DocumentReader().read(protected) } throws: {
      ($0 as? DocumentProblem)?.reason.contains("password-protected") == true
    }
    let notAnImage = try folder.write("photo.png", "not a picture")
    #expect(throws: DocumentProblem.self) { try DocumentReader().read(notAnImage) }
  }

  /// Wordings as providers vary them, and as OCR misreads them: "Credit(s)", "Category l", the board before
  /// the points.
  @Test(
    arguments: [
      (
        "designates this activity for a maximum of 1.00 AMA PRA Category 1 Credit(s)™.", "1.00",
        CreditType.amaPRA1, nil
      ),
      ("Physicians claimed 3.5 AMA PRA Category l Credits", "3.5", .amaPRA1, nil),
      ("Participants can earn up to 10 ABP MOC points for this activity.", "10", .moc, "ABP"),
      (
        "earn up to 12 Medical Knowledge MOC points in the American Board of Internal Medicine's (ABIM) program",
        "12", .moc, "ABIM"
      ),
    ] as [(String, String, CreditType, String?)])
  func wordingsAsProvidersVaryThem(text: String, amount: String, type: CreditType, board: String?) throws {
    let reading = CertificateTextReader().read(
      DocumentText(pages: [PageText(page: 1, text: text, method: .textLayer)]), file: "c.pdf")
    let credit = try #require(reading.credits.first { $0.used })
    #expect(credit.amount == amount)
    let fields = CertificateTextReader.fields(of: reading).with(title: "t", date: "2026-01-01")
    let lines = try CertificateMetadata.parse(fields, order: nil).get().credits
    #expect(lines.first?.type == type && lines.first?.board == board)
  }

  /// A photo whose header claims 60,000 × 60,000 pixels is refused before it is decoded (it would take
  /// gigabytes), and a PDF of more pages than a certificate has is read up to the bound, saying so.
  @Test func hostileFilesAreBounded() throws {
    let folder = try TempFolder()
    // A real photo's header made to claim 60,000 pixels each way (the width and height after "IHDR").
    let photo = folder.url.appendingPathComponent("photo.png")
    try CertificateDrawing.photo(CertificateTexts.opioidREMS, to: photo, dpi: 20)
    var png = try Data(contentsOf: photo)
    png.replaceSubrange(16..<24, with: [0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60])
    let bomb = try folder.write("IMG_9999.png", png)
    #expect { try DocumentReader().read(bomb) } throws: {
      ($0 as? DocumentProblem)?.reason.contains("60000×60000 pixels") == true
    }
    let long = folder.url.appendingPathComponent("long.pdf")
    try CertificateDrawing.pdf(Array(repeating: CertificateTexts.opioidREMS, count: 12), to: long)
    let text = try DocumentReader().read(long)
    #expect(text.pages.count == 10 && text.notes == ["12 pages: only the first 10 were read"])
  }

  /// Every wording's example is read by its own pattern.
  @Test func everyWordingReadsItsExample() {
    for wording in CertificateWordings.credits {
      #expect(CertificateTextReader.matches(wording.pattern, wording.example), "\(wording.name)")
    }
    for (pattern, example) in CertificateWordings.participationOnly + CertificateWordings.accreditation
      + CertificateWordings.dates
    {
      #expect(CertificateTextReader.matches(pattern, example), "\(example)")
    }
  }

  private func record(_ reading: CertificateReading) throws -> ActivityRecord? {
    let fields = CertificateTextReader.fields(of: reading)
    guard case .success(let meta) = CertificateMetadata.parse(fields, order: nil) else { return nil }
    return meta.record(id: "c", path: reading.file, sha256: "")
  }
}

/// A certificates folder with no metadata: each certificate read from its text, a sidecar correcting one field.
@Suite struct CertificateFolderTextTests {
  @Test func aFolderWithoutMetadataIsReadFromTheCertificates() throws {
    let folder = try TempFolder()
    let certs = folder.url.appendingPathComponent("certs")
    try FileManager.default.createDirectory(at: certs, withIntermediateDirectories: true)
    try CertificateDrawing.pdf(
      [CertificateTexts.internalMedicineMeeting], to: certs.appendingPathComponent("IM2026 Certificate.pdf"))
    try CertificateDrawing.pdf(
      [CertificateTexts.opioidREMS], to: certs.appendingPathComponent("certificate (3).pdf"))
    // The sidecar corrects one field; the rest is read from the certificate.
    try folder.write("certs/certificate (3).json", #"{"title": "Opioid REMS (online)"}"#)
    try folder.write("certs/blank.pdf", Data())
    let result = try CertificateFolderImporter().importSource(folder.spec("certs", .certificate))
    let byTitle = Dictionary(uniqueKeysWithValues: result.records.map { ($0.title, $0) })
    let meeting = try #require(byTitle["Internal Medicine Meeting 2026"])
    #expect(meeting.date == day("2026-04-23") && meeting.endDate == day("2026-04-25"))
    #expect(meeting.credits.map(\.amount) == [Decimal(string: "14.75")!, Decimal(string: "14.75")!])
    #expect(meeting.showsAccreditation)
    let rems = try #require(byTitle["Opioid REMS (online)"])
    #expect(rems.date == day("2026-01-10") && rems.credits.first?.amount == 2)
    #expect(result.certificateReadings.count == 2)
    #expect(result.issues.map(\.location.path) == ["certs/blank.pdf"])
    #expect(result.issues.first?.reason.contains("empty file") == true)
  }
}

extension CertificateMetadata.Fields {
  /// The fields with a title and date given, as a sidecar would, to read the credit alone.
  func with(title: String, date: String) -> Self {
    var fields = self
    fields.values[.title] = title
    fields.values[.date] = date
    return fields
  }
}
