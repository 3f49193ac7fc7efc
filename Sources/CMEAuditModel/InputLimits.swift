/// Every bound cmeaudit keeps on what it reads, in one place, each with its reason. The numbers are far past
/// any real CME file (a transcript's title is a line, a certificate is a page or two, a rule file a screen)
/// and low enough that a hostile or broken file costs seconds and megabytes, never the machine. Going past one
/// is reported naming the file (and the line, where there is one) and the limit: a row is left out and the
/// rest read, or the file is refused; nothing is cut short silently. README's "Reliability" section lists
/// them with what happens at each.
public enum InputLimits {
  // MARK: - Tables (CSV, .xlsx, XML transcripts)

  /// Bytes in one field of a CSV row, one worksheet cell, one XML element's text or one line of a notes list.
  /// A title, a provider or a note is at most a few kilobytes; a megabyte is a broken quote or a pasted
  /// document. The row is left out and reported (every later stage, matching above all, is priced by the
  /// length of a title).
  public static let fieldBytes = 1 << 20

  /// Columns a table is read to: no CME export has more than a few dozen, and each row is padded to its last
  /// cell (a worksheet cell at column ZZZZ made every row 475,254 fields; a 30 MB line of commas was 30
  /// million fields). A worksheet's cells past it are left out and reported, the rest of the row read; a CSV
  /// row keeps none past it (with filled fields past its header's it is reported, as any such row is).
  public static let columns = 1_024

  /// Rows of a worksheet: Excel's own last row. A row numbered past it (or zero, negative, or out of order) is
  /// read as the row after the last one read.
  public static let worksheetRows = 1_048_576

  /// Bytes a workbook's part (a sheet, its shared strings) may expand to: a 100,000-row sheet is about
  /// 30 MB. Past it the workbook is refused (a zip bomb).
  public static let workbookPartBytes = 256 << 20

  /// Seconds a workbook's part may go without producing output while it is decompressed: a damaged stream
  /// inflated forever.
  public static let workbookPartStallSeconds = 5

  // MARK: - Files read whole

  /// Bytes of a YAML file (a profile, rule file, decisions, schedule, physician file): the largest real one,
  /// an office's schedule of sessions, is tens of kilobytes.
  public static let yamlBytes = 16 << 20

  /// Nodes a YAML document may hold once its aliases are expanded: aliases nest, so a few lines can stand
  /// for billions of values ("billion laughs").
  public static let yamlExpandedNodes = 1_000_000

  /// Bytes of a certificate's JSON sidecar: a sidecar is a few hundred bytes, and no field of it may be longer
  /// than `fieldBytes` (a folder's `certificates.csv` is a table: its fields are bounded as any table's).
  public static let sidecarBytes = 1 << 20

  /// Bytes read from a pipe or FIFO given as an input (`--log <(…)`): it can be read only once, so it is held
  /// in memory, never written to disk. A regular file has no such bound (it is streamed).
  public static let pipeBytes = 512 << 20

  /// Seconds a FIFO given as an input is waited on for a writer before the run stops saying so.
  public static let pipeWaitSeconds = 5

  // MARK: - The office's schedule

  /// Sessions a schedule's series may expand to, all series together: an office's year of weekly and
  /// monthly series is a few thousand, a decade of fifty weekly series 26,000; twenty weekly series from year
  /// 1 to 9999 were ten million. (Each series also runs within the years of CME, 1900–2199.)
  public static let scheduleSessions = 50_000

  // MARK: - Certificates (one file each)

  /// Bytes of one certificate file: a certificate PDF or a phone photo is a few megabytes.
  public static let certificateBytes = 50 << 20

  /// Pages of a certificate read: a certificate is a page or two; a 500-page PDF dropped in the folder is
  /// not read past this.
  public static let certificatePages = 10

  /// Pixels of an image (or a rendered page) decoded: a 36-megapixel phone photo. Checked from the image's
  /// header, before it is decoded.
  public static let certificatePixels = 36_000_000

  /// OCR time a page, in milliseconds: Tesseract stops there and what it read so far is kept.
  public static let ocrMillisecondsPerPage = 20_000

  // MARK: - Messages

  /// Characters of an error message: it may quote input (a header cell, a YAML line) of any length.
  public static let messageCharacters = 2_000
}
