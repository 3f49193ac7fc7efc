// swift-tools-version: 6.0
import PackageDescription

// The library's parts are targets along the pipeline (model → import → analysis → report → attendance, the
// facade, the command), so that an arrow that should not exist does not compile. The model depends on no other
// target; README's "Layout" section draws every arrow.
let package = Package(
  name: "cmeaudit",
  platforms: [.macOS(.v15)],  // Synchronization (Mutex, Atomic) for the parallel import
  products: [
    .executable(name: "cmeaudit", targets: ["cmeaudit"]),
    .executable(name: "cmeaudit-synth", targets: ["cmeaudit-synth"]),
    .library(name: "CMEAudit", targets: ["CMEAudit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    // Records, credit, days, provenance, findings' vocabulary, the error type, learner identity.
    .target(name: "CMEAuditModel"),
    // glibc's mallopt for a batch run (<malloc.h> is not in Swift's Glibc module).
    .target(name: "CAllocator"),
    // poppler (PDF text, page rendering) and cairo; Tesseract (OCR) and Leptonica (image decoding). Debian's
    // packages, found with pkg-config as libxml2 is: nobody should write a PDF parser or an OCR engine.
    .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"])]),
    .systemLibrary(
      name: "CTesseract", pkgConfig: "tesseract",
      providers: [.apt(["libtesseract-dev", "libleptonica-dev", "tesseract-ocr-eng"])]),
    // A certificate file's text: the PDF's text layer, or OCR of a scan or photo, within bounds per file.
    .target(name: "CMEAuditDocuments", dependencies: ["CMEAuditModel", "CPoppler", "CTesseract"]),
    // The machinery the fast paths need: parallel maps, digest tables, memory warming, the JSON writer.
    .target(name: "CMEAuditSupport", dependencies: ["CAllocator"]),
    // Reading files into records: normalisers, profiles, the table layer, one importer per format.
    .target(
      name: "CMEAuditImport",
      dependencies: [
        "CMEAuditModel", "CMEAuditSupport", "CMEAuditDocuments",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Yams", package: "Yams"),
      ]
    ),
    // Matching, findings, decisions, credit accounting and the rule engine.
    .target(
      name: "CMEAuditAnalysis",
      dependencies: [
        "CMEAuditModel", "CMEAuditSupport", "CMEAuditImport", .product(name: "Yams", package: "Yams"),
      ]
    ),
    // The report model and its renderers, one per format; the evidence pack.
    .target(
      name: "CMEAuditReport",
      dependencies: [
        "CMEAuditModel", "CMEAuditSupport", "CMEAuditAnalysis",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    // The CME office's attendance check, on top of import and analysis.
    .target(
      name: "CMEAuditAttendance",
      dependencies: [
        "CMEAuditModel", "CMEAuditSupport", "CMEAuditImport", "CMEAuditAnalysis", "CMEAuditReport",
      ]
    ),
    // The facade: a reconcile run as a short list of stages, and `inspect`.
    .target(
      name: "CMEAudit",
      dependencies: [
        "CMEAuditModel", "CMEAuditSupport", "CMEAuditImport", "CMEAuditAnalysis", "CMEAuditReport",
        "CMEAuditDocuments",
      ]
    ),
    .executableTarget(
      name: "cmeaudit",
      dependencies: [
        "CMEAudit", "CMEAuditModel", "CMEAuditSupport", "CMEAuditImport", "CMEAuditAnalysis",
        "CMEAuditReport",
        "CMEAuditAttendance",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(
      name: "CMEAuditSynth",
      dependencies: [
        "CMEAudit", "CMEAuditModel", "CMEAuditImport", "CMEAuditAnalysis", "CPoppler", "CTesseract",
      ]),
    .executableTarget(
      name: "cmeaudit-synth",
      dependencies: [
        "CMEAuditSynth",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "CMEAuditTests",
      dependencies: [
        "CMEAudit", "CMEAuditModel", "CMEAuditSupport", "CMEAuditImport", "CMEAuditAnalysis",
        "CMEAuditReport",
        "CMEAuditAttendance", "CMEAuditSynth",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      exclude: ["Golden", "Fixtures"]),
  ],
  swiftLanguageModes: [.v6]
)
