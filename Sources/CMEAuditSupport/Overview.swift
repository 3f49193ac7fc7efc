// CMEAuditSupport: the machinery the fast paths need, in one place, so that the domain code reads as the
// domain. Nothing here knows about CME; each piece states its reason where it is written, and the
// measurements behind them are in docs/performance.md (`Benchmarks/run` and `Benchmarks/compare` repeat them).
//
// - `Parallel`: maps over the machine's cores with results in the items' order (a run's output never depends
//   on scheduling), and `inOrder`, which consumes results in order beside the work still being done.
// - `RunMemo`: values worked out once a run and shared by every core (header rows, credit cells, titles),
//   bounded so that a hostile file cannot grow it.
// - `DigestTable`: an open-addressed map from 64-bit digests to integers (the import's two look-ups a row).
// - `MemoryWarming`: faults in memory about to be written on another core (`MADV_POPULATE_WRITE`).
// - `ExitReclaim` and `BatchAllocator` (over the C target `CAllocator`): a process that runs once and exits
//   keeps what it frees; a library user and the tests free everything as usual.
// - `PrettyJSON` and `ByteBuffer`: the reports' JSON written as `JSONEncoder` writes it, byte for byte, into
//   one buffer.
// - `String.trimmed`, `Character.isASCIIDigit`: text helpers that do not bridge through NSString on Linux.
// - `StageTiming`, `StageClock`: how long a run's stages took (`--timings`), never part of a report.
//
// Functions the other targets call for every row or byte are `@inlinable`, so that the caller specialises and
// inlines them across the module boundary.
