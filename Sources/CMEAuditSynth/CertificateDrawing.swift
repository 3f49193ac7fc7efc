import CPoppler
import CTesseract
import Foundation

/// Draws certificates as providers' portals, scanners and phones make them, for the samples and the tests:
/// a PDF with a text layer, a scan (a PDF holding only a picture of the page), and a photo (PNG or JPEG).
/// cairo lays the text out; Leptonica writes JPEG. Each line is centred, a blank line is space, and a line with
/// a tab is a table's row (label, then value in a column of its own).
public enum CertificateDrawing {
  /// A US letter page, landscape, in points.
  static let page = (width: 792.0, height: 612.0)

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// A PDF with a text layer, one page per element of `pages`.
  public static func pdf(_ pages: [[String]], to url: URL) throws {
    try writePDF(to: url) { context in
      for lines in pages {
        draw(lines, on: context, scale: 1)
        cairo_show_page(context)
      }
    }
  }

  /// A scan: the page drawn as a picture at `dpi`, slightly off-white and turned by `degrees`, in a PDF with
  /// no text layer.
  public static func scan(_ lines: [String], to url: URL, dpi: Double = 150, degrees: Double = 0.6) throws {
    let picture = try image(lines, dpi: dpi, degrees: degrees, paper: 0.96)
    defer { cairo_surface_destroy(picture) }
    try writePDF(to: url) { context in
      cairo_scale(context, 72 / dpi, 72 / dpi)
      cairo_set_source_surface(context, picture, 0, 0)
      cairo_paint(context)
      cairo_show_page(context)
    }
  }

  /// A PDF of US letter pages at `url`, dated one fixed day (the same drawing gives the same bytes), drawn
  /// by `body` on its context.
  private static func writePDF(to url: URL, _ body: (OpaquePointer) -> Void) throws {
    let surface = cairo_pdf_surface_create(url.path, page.width, page.height)
    defer { cairo_surface_destroy(surface) }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2026-01-01T00:00:00")
    guard let context = cairo_create(surface) else { throw Failure(description: "\(url.path): no context") }
    body(context)
    cairo_destroy(context)
    cairo_surface_finish(surface)
    try check(surface, url)
  }

  /// A photo of the certificate: PNG, or JPEG when the file name says so.
  public static func photo(_ lines: [String], to url: URL, dpi: Double = 150, degrees: Double = 1.5) throws {
    let picture = try image(lines, dpi: dpi, degrees: degrees, paper: 0.9)
    defer { cairo_surface_destroy(picture) }
    let ext = url.pathExtension.lowercased()
    let png = ext == "png" ? url : url.deletingPathExtension().appendingPathExtension("tmp.png")
    guard cairo_surface_write_to_png(picture, png.path) == CAIRO_STATUS_SUCCESS else {
      throw Failure(description: "\(png.path): cannot be written")
    }
    guard ext == "jpg" || ext == "jpeg" else { return }
    defer { try? FileManager.default.removeItem(at: png) }
    var pix = pixRead(png.path)
    guard pix != nil else { throw Failure(description: "\(png.path): cannot be read back") }
    defer { pixDestroy(&pix) }
    guard pixWrite(url.path, pix, Int32(IFF_JFIF_JPEG)) == 0 else {
      throw Failure(description: "\(url.path): cannot be written")
    }
  }

  /// The page as a picture.
  private static func image(_ lines: [String], dpi: Double, degrees: Double, paper: Double) throws
    -> OpaquePointer
  {
    let scale = dpi / 72
    let (w, h) = (Int32(page.width * scale), Int32(page.height * scale))
    guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) else {
      throw Failure(description: "no image surface")
    }
    let context = cairo_create(surface)!
    cairo_set_source_rgb(context, paper * 0.8, paper * 0.8, paper * 0.8)
    cairo_paint(context)
    cairo_translate(context, Double(w) / 2, Double(h) / 2)
    cairo_rotate(context, degrees * .pi / 180)
    cairo_translate(context, -Double(w) / 2, -Double(h) / 2)
    cairo_rectangle(context, Double(w) * 0.02, Double(h) * 0.02, Double(w) * 0.96, Double(h) * 0.96)
    cairo_set_source_rgb(context, paper, paper, paper * 0.97)
    cairo_fill(context)
    cairo_scale(context, scale, scale)
    draw(lines, on: context, scale: scale)
    cairo_destroy(context)
    cairo_surface_flush(surface)
    return surface
  }

  /// The lines, centred, the first larger (the heading).
  private static func draw(_ lines: [String], on context: OpaquePointer, scale: Double) {
    cairo_select_font_face(context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
    cairo_set_source_rgb(context, 0.08, 0.08, 0.1)
    var y = 70.0
    for (index, line) in lines.enumerated() {
      let size = index == 0 ? 24.0 : 12.5
      cairo_set_font_size(context, size)
      if let tab = line.firstIndex(of: "\t") {
        // A table's row: the label on the left, its value in a column of its own.
        cairo_move_to(context, 72, y)
        cairo_show_text(context, String(line[..<tab]))
        cairo_move_to(context, 300, y)
        cairo_show_text(context, String(line[line.index(after: tab)...]))
      } else if !line.isEmpty {
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, line, &extents)
        cairo_move_to(context, max(36, (page.width - extents.width) / 2), y)
        cairo_show_text(context, line)
      }
      y += line.isEmpty ? 10 : size * 1.55
    }
  }

  private static func check(_ surface: OpaquePointer?, _ url: URL) throws {
    guard let surface, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
      throw Failure(description: "\(url.path): cannot be written")
    }
  }
}
