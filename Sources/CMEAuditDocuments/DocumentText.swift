import CMEAuditModel
import Foundation

/// How a page's text was read.
public enum TextMethod: String, Sendable, Codable {
  /// The PDF's own text layer (poppler).
  case textLayer = "text"
  /// Optical character recognition of the page or photo (Tesseract).
  case ocr
}

/// One page's text, and how it was read.
public struct PageText: Sendable, Equatable, Codable {
  /// 1 for the first page (a photo is one page).
  public var page: Int
  public var text: String
  public var method: TextMethod
  /// For OCR: Tesseract's mean word confidence, 0 to 100.
  public var confidence: Int?

  public init(page: Int, text: String, method: TextMethod, confidence: Int? = nil) {
    self.page = page
    self.text = text
    self.method = method
    self.confidence = confidence
  }
}

/// The text of a certificate file, page by page, with what could not be read of it.
public struct DocumentText: Sendable, Equatable, Codable {
  public var pages: [PageText]
  /// What was left out or went wrong without making the whole file unreadable ("pages after 10 not read").
  public var notes: [String]

  public init(pages: [PageText], notes: [String] = []) {
    self.pages = pages
    self.notes = notes
  }
}

/// A certificate file that cannot be read at all, and why, in words for the report.
public struct DocumentProblem: Error, Sendable, Equatable {
  public var reason: String

  public init(_ reason: String) { self.reason = reason }
}

/// Bounds on what one file may cost: PDFs and images are hostile input.
public struct DocumentLimits: Sendable, Equatable {
  /// Files larger than this are not read.
  public var maxBytes = InputLimits.certificateBytes
  /// Pages after this many are not read (a certificate is a page or two).
  public var maxPages = InputLimits.certificatePages
  /// Images (and rendered pages) of more pixels than this are not decoded or are rendered smaller.
  public var maxPixels = InputLimits.certificatePixels
  /// OCR time per page, in milliseconds: Tesseract stops there and what it read is kept.
  public var ocrMillisecondsPerPage = InputLimits.ocrMillisecondsPerPage
  /// The resolution pages are rendered at for OCR.
  public var ocrDPI = 300.0

  public init() {}
}
