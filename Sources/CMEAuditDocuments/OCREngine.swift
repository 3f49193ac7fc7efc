import CTesseract
import Foundation

/// One Tesseract engine with its English model loaded: loading takes a good part of a second, so a reader
/// keeps one for all its files.
final class OCREngine {
  private let api: OpaquePointer

  init?() {
    Self.oneThread()
    // Leptonica reports decoding problems on stderr; they are reported here as the file's problem instead.
    setMsgSeverity(Int32(L_SEVERITY_NONE))
    guard let api = TessBaseAPICreate() else { return nil }
    guard TessBaseAPIInit3(api, nil, "eng") == 0 else {
      TessBaseAPIDelete(api)
      return nil
    }
    // Quiet: Tesseract's notes ("Estimating resolution") would go to stderr between the report's lines.
    _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
    TessBaseAPISetPageSegMode(api, PSM_AUTO)
    self.api = api
  }

  /// Tesseract runs parts of its recognition in OpenMP teams of four; on a machine of few cores the teams'
  /// waiting threads spin against each other and one page takes several times longer (Tesseract's own advice
  /// is OMP_THREAD_LIMIT=1, read before the program starts). `omp_set_max_active_levels(0)`, OpenMP's public
  /// call, makes every team one thread from here on. libgomp comes with Tesseract, so it is looked up at run
  /// time; without it there is nothing to do.
  private static func oneThread() {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "omp_set_max_active_levels") else {
      return
    }
    typealias SetLevels = @convention(c) (Int32) -> Void
    unsafeBitCast(symbol, to: SetLevels.self)(0)
  }

  func close() {
    TessBaseAPIEnd(api)
    TessBaseAPIDelete(api)
  }

  struct Reading {
    var text: String
    var confidence: Int
    var timedOut: Bool
  }

  /// Reads 8-bit grey pixels, `width` a row.
  func recognise(grey: [UInt8], width: Int, height: Int, dpi: Int, deadline: Int) -> Reading {
    grey.withUnsafeBufferPointer { buffer in
      TessBaseAPISetImage(api, buffer.baseAddress, Int32(width), Int32(height), 1, Int32(width))
      TessBaseAPISetSourceResolution(api, Int32(dpi))
      return recognise(deadline: deadline)
    }
  }

  /// Reads a decoded image.
  func recognise(pix: UnsafeMutablePointer<Pix>, deadline: Int) -> Reading {
    TessBaseAPISetImage2(api, pix)
    // Photos often say no resolution; 300 dpi is what a certificate's text is read best at.
    if pixGetXRes(pix) < 70 { TessBaseAPISetSourceResolution(api, 300) }
    return recognise(deadline: deadline)
  }

  private func recognise(deadline: Int) -> Reading {
    let monitor = TessMonitorCreate()
    defer { TessMonitorDelete(monitor) }
    TessMonitorSetDeadlineMSecs(monitor, Int32(deadline))
    let start = DispatchTime.now()
    _ = TessBaseAPIRecognize(api, monitor)
    let elapsed = Int((DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000)
    var text = ""
    if let raw = TessBaseAPIGetUTF8Text(api) {
      text = String(cString: raw)
      TessDeleteText(raw)
    }
    let confidence = Int(TessBaseAPIMeanTextConf(api))
    TessBaseAPIClear(api)
    return Reading(text: text, confidence: confidence, timedOut: elapsed >= deadline)
  }
}
