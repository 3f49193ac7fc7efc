/// The text encoding a file was read with, reported so a user can tell why a character looks odd.
public enum TextEncodingName: String, Sendable, Codable {
  case utf8 = "utf-8"
  case utf8BOM = "utf-8-bom"
  case utf16LE = "utf-16le"
  case utf16BE = "utf-16be"
  case windows1252 = "windows-1252"
  /// Lines of UTF-8 and lines of Windows-1252 in one file (rows pasted from two exports).
  case mixed = "mixed utf-8 and windows-1252"
}
