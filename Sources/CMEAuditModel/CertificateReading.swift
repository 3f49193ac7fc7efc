import Foundation

/// What was read from a certificate's own text, each field with where it was found, and how sure the reading
/// is. A field not found is listed in `missing`, never guessed.
public struct CertificateReading: Sendable, Codable, Equatable {
  /// One field as read: its value, the page and how the page was read, and the text it came from.
  public struct Found: Sendable, Codable, Equatable {
    public var value: String
    public var page: Int
    /// `text` (the PDF's text layer) or `ocr`.
    public var method: String
    /// The words of the certificate the value was read from.
    public var text: String

    public init(value: String, page: Int, method: String, text: String) {
      self.value = value
      self.page = page
      self.method = method
      self.text = text
    }
  }

  /// A credit statement found in the text.
  public struct Credit: Sendable, Codable, Equatable {
    /// The credit type as the reading names it ("AMA PRA Category 1 Credits", "ABIM MOC points").
    public var type: String
    public var amount: String
    /// `awarded` (claimed, earned) or `designation` (the most the activity offers).
    public var kind: String
    /// The wording that read it (`ama-designation`).
    public var wording: String
    public var found: Found
    /// Whether the record counts this line (an award wins over a designation of the same type).
    public var used: Bool

    public init(type: String, amount: String, kind: String, wording: String, found: Found, used: Bool) {
      self.type = type
      self.amount = amount
      self.kind = kind
      self.wording = wording
      self.found = found
      self.used = used
    }
  }

  /// The certificate file, as the report names it.
  public var file: String
  public var learner: Found?
  public var title: Found?
  public var provider: Found?
  /// The activity's date or range, as the text writes it.
  public var date: Found?
  public var credits: [Credit] = []
  public var accreditationStatement: Found?
  public var certificateID: Found?
  /// Wording that makes the certificate participation only (no physician credit).
  public var participationOnly: Found?
  /// `text` when every page had a text layer, `ocr` when any page (or the photo) was read by OCR.
  public var method: String
  /// Tesseract's mean word confidence over the OCR pages, 0 to 100.
  public var ocrConfidence: Int?
  /// 0 to 100: the share of the fields a certificate carries (title, date, credit, provider, accreditation)
  /// that were found, times the OCR confidence for a scan or photo.
  public var confidence: Int
  /// The fields a record needs that the text does not give (`title`, `date`, `credit`).
  public var missing: [String] = []
  /// What else the reading says: pages left out, a date read month first.
  public var notes: [String] = []
  /// The fields a sidecar or manifest row gave over what the text says (`title`, `credits`...).
  public var fromMetadata: [String] = []

  public init(file: String, method: String) {
    self.file = file
    self.method = method
    self.confidence = 0
  }
}
