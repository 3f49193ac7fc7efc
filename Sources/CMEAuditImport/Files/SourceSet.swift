import CMEAuditModel

/// The files one run reads, by role: what a folder's layout or a command line names.
public struct SourceSet: Sendable {
  public var transcripts: [SourceSpec]
  public var logs: [SourceSpec]
  public var certificateFolders: [SourceSpec]
  /// Files naming activities that transcripts identify only by id (ACCME Activity ID, title, provider).
  public var activityCatalogs: [SourceSpec]

  public init(
    transcripts: [SourceSpec] = [], logs: [SourceSpec] = [], certificateFolders: [SourceSpec] = [],
    activityCatalogs: [SourceSpec] = []
  ) {
    self.transcripts = transcripts
    self.logs = logs
    self.certificateFolders = certificateFolders
    self.activityCatalogs = activityCatalogs
  }

  /// No transcript, log or certificates folder (a catalog alone names nothing to check).
  public var isEmpty: Bool { transcripts.isEmpty && logs.isEmpty && certificateFolders.isEmpty }
}
