import CPoppler
import CTesseract
import Foundation

/// Reads a certificate's text: a PDF's text layer through poppler, page by page; a page with no text (a scan)
/// and an image file (a photo) through Tesseract's OCR. Not thread-safe: use one reader per thread (the OCR
/// engine is loaded once per reader, on first use).
public final class DocumentReader {
  public let limits: DocumentLimits
  private var engine: OCREngine?
  private var engineFailed = false

  /// The file extensions read as images (decoded by Leptonica).
  public static let imageExtensions: Set<String> = [
    "png", "jpg", "jpeg", "tif", "tiff", "gif", "bmp", "webp",
  ]
  /// Extensions of photos that Leptonica cannot decode on this platform.
  public static let undecodableExtensions: Set<String> = ["heic", "heif"]

  public init(limits: DocumentLimits = DocumentLimits()) {
    self.limits = limits
  }

  deinit { engine?.close() }

  /// The text of the file at `url`, by its content: a PDF by its `%PDF` signature, otherwise an image.
  public func read(_ url: URL) throws(DocumentProblem) -> DocumentText {
    let ext = url.pathExtension.lowercased()
    if Self.undecodableExtensions.contains(ext) {
      throw DocumentProblem(
        "a \(ext.uppercased()) photo cannot be decoded here: save it as JPEG or PNG (or export the certificate as PDF)"
      )
    }
    let data = try contents(of: url)
    if data.starts(with: Array("%PDF".utf8)) { return try pdf(data) }
    if ext == "pdf" { throw DocumentProblem("not a PDF (no %PDF signature): the file may be damaged") }
    return try image(data)
  }

  private func contents(of url: URL) throws(DocumentProblem) -> Data {
    let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
    guard size <= limits.maxBytes else {
      throw DocumentProblem(
        "\(size >> 20) MB: larger than the \(limits.maxBytes >> 20) MB a certificate is read up to")
    }
    guard let data = try? Data(contentsOf: url) else { throw DocumentProblem("cannot be read") }
    guard !data.isEmpty else { throw DocumentProblem("empty file") }
    return data
  }

  // MARK: PDF

  private func pdf(_ data: Data) throws(DocumentProblem) -> DocumentText {
    var error: UnsafeMutablePointer<GError>?
    let bytes = data.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
    defer { g_bytes_unref(bytes) }
    guard let document = poppler_document_new_from_bytes(bytes, nil, &error) else {
      let message = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
      let encrypted =
        error.map {
          $0.pointee.domain == poppler_error_quark()
            && $0.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue)
        } ?? false
      if let error { g_error_free(error) }
      throw DocumentProblem(
        encrypted
          ? "the PDF is password-protected: save an unprotected copy (print to PDF) to have it read"
          : "the PDF cannot be opened (\(message)): it may be damaged")
    }
    defer { g_object_unref(UnsafeMutableRawPointer(document)) }
    let count = Int(poppler_document_get_n_pages(document))
    guard count > 0 else { throw DocumentProblem("the PDF has no pages") }
    var text = DocumentText(pages: [])
    if count > limits.maxPages {
      text.notes.append("\(count) pages: only the first \(limits.maxPages) were read")
    }
    for index in 0..<min(count, limits.maxPages) {
      guard let page = poppler_document_get_page(document, Int32(index)) else { continue }
      defer { g_object_unref(UnsafeMutableRawPointer(page)) }
      var pageText = ""
      if let raw = poppler_page_get_text(page) {
        pageText = Self.spaced(String(cString: raw), page: page)
        g_free(raw)
      }
      if Self.hasText(pageText) {
        text.pages.append(PageText(page: index + 1, text: pageText, method: .textLayer))
      } else if let read = ocr(page: page, number: index + 1, notes: &text.notes) {
        text.pages.append(read)
      }
    }
    return text
  }

  /// The page's text with a space where two words on one line stand apart without one: poppler joins a
  /// table's label and value ("Activity Date05/12/2026"). Each character's box (poppler's text layout, one box
  /// a character of the text) tells the gap.
  private static func spaced(_ text: String, page: OpaquePointer) -> String {
    var boxes: UnsafeMutablePointer<PopplerRectangle>?
    var count: guint = 0
    guard poppler_page_get_text_layout(page, &boxes, &count) != 0, let boxes else { return text }
    defer { g_free(boxes) }
    let scalars = Array(text.unicodeScalars)
    guard scalars.count == Int(count) else { return text }
    var out = String.UnicodeScalarView()
    for (index, scalar) in scalars.enumerated() {
      if index > 0, !CharacterSet.whitespacesAndNewlines.contains(scalar),
        !CharacterSet.whitespacesAndNewlines.contains(scalars[index - 1])
      {
        let (previous, box) = (boxes[index - 1], boxes[index])
        let height = max(box.y2 - box.y1, 1)
        let sameLine = abs(box.y1 - previous.y1) < height / 2
        if sameLine && box.x1 - previous.x2 > height * 0.6 { out.append(" ") }
      }
      out.append(scalar)
    }
    return String(out)
  }

  /// A text layer worth reading: a few letters, not a scan's stray marks.
  static func hasText(_ text: String) -> Bool {
    text.unicodeScalars.lazy.filter { CharacterSet.letters.contains($0) }.prefix(20).count >= 20
  }

  /// Renders a page with no text layer and reads it by OCR.
  private func ocr(page: OpaquePointer, number: Int, notes: inout [String]) -> PageText? {
    guard let engine = ocrEngine(notes: &notes) else { return nil }
    var width = 0.0
    var height = 0.0
    poppler_page_get_size(page, &width, &height)
    var scale = limits.ocrDPI / 72
    let pixels = width * height * scale * scale
    if pixels > Double(limits.maxPixels) { scale *= (Double(limits.maxPixels) / pixels).squareRoot() }
    let (w, h) = (Int32(max(1, width * scale)), Int32(max(1, height * scale)))
    guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) else { return nil }
    defer { cairo_surface_destroy(surface) }
    let context = cairo_create(surface)
    cairo_set_source_rgb(context, 1, 1, 1)
    cairo_paint(context)
    cairo_scale(context, scale, scale)
    poppler_page_render(page, context)
    cairo_destroy(context)
    cairo_surface_flush(surface)
    guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS,
      let data = cairo_image_surface_get_data(surface)
    else {
      notes.append("page \(number) could not be rendered for OCR")
      return nil
    }
    let stride = Int(cairo_image_surface_get_stride(surface))
    // Grey bytes from cairo's 32-bit pixels (0x00RRGGBB in native order), which Tesseract reads directly.
    var grey = [UInt8](repeating: 255, count: Int(w) * Int(h))
    data.withMemoryRebound(to: UInt32.self, capacity: stride / 4 * Int(h)) { words in
      for y in 0..<Int(h) {
        let row = words + y * (stride / 4)
        for x in 0..<Int(w) {
          let pixel = row[x]
          let (r, g, b) = ((pixel >> 16) & 0xFF, (pixel >> 8) & 0xFF, pixel & 0xFF)
          grey[y * Int(w) + x] = UInt8((r * 299 + g * 587 + b * 114) / 1000)
        }
      }
    }
    let read = engine.recognise(
      grey: grey, width: Int(w), height: Int(h), dpi: Int(limits.ocrDPI * scale * 72 / limits.ocrDPI),
      deadline: limits.ocrMillisecondsPerPage)
    if read.timedOut {
      notes.append("page \(number): OCR stopped after \(limits.ocrMillisecondsPerPage / 1000) s")
    }
    return PageText(page: number, text: read.text, method: .ocr, confidence: read.confidence)
  }

  // MARK: Images

  private func image(_ data: Data) throws(DocumentProblem) -> DocumentText {
    var format: Int32 = 0
    var width: Int32 = 0
    var height: Int32 = 0
    let header = data.withUnsafeBytes { buffer in
      pixReadHeaderMem(
        buffer.bindMemory(to: UInt8.self).baseAddress, buffer.count, &format, &width, &height, nil, nil, nil)
    }
    guard header == 0, width > 0, height > 0 else {
      throw DocumentProblem("not a PDF or an image this tool can decode (PNG, JPEG, TIFF, GIF, BMP, WebP)")
    }
    guard Int(width) * Int(height) <= limits.maxPixels else {
      throw DocumentProblem(
        "\(width)×\(height) pixels: larger than the \(limits.maxPixels / 1_000_000) megapixels a photo is read up to"
      )
    }
    var notes: [String] = []
    guard let engine = ocrEngine(notes: &notes) else { throw DocumentProblem(notes.joined(separator: "; ")) }
    var pix = data.withUnsafeBytes { buffer in
      pixReadMem(buffer.bindMemory(to: UInt8.self).baseAddress, buffer.count)
    }
    guard pix != nil else { throw DocumentProblem("the image cannot be decoded: it may be damaged") }
    defer { pixDestroy(&pix) }
    let read = engine.recognise(pix: pix!, deadline: limits.ocrMillisecondsPerPage)
    if read.timedOut { notes.append("OCR stopped after \(limits.ocrMillisecondsPerPage / 1000) s") }
    return DocumentText(
      pages: [PageText(page: 1, text: read.text, method: .ocr, confidence: read.confidence)], notes: notes)
  }

  /// The OCR engine, loaded on first use; nil (with a note) when Tesseract or its English model is missing.
  private func ocrEngine(notes: inout [String]) -> OCREngine? {
    if let engine { return engine }
    if engineFailed {
      notes.append("OCR is not available (Tesseract's English model is not installed)")
      return nil
    }
    guard let created = OCREngine() else {
      engineFailed = true
      notes.append("OCR is not available (Tesseract's English model is not installed)")
      return nil
    }
    engine = created
    return created
  }
}
