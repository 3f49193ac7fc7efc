// swift-tools-version: 6.0
import PackageDescription

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
    // SHA-256 in one call (see its header): swift-crypto's BoringSSL, or CommonCrypto on Apple platforms.
    .target(name: "CSHA256"),
    .target(
      name: "CMEAudit",
      dependencies: [
        "CSHA256",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Yams", package: "Yams"),
      ]
    ),
    .executableTarget(
      name: "cmeaudit",
      dependencies: [
        "CMEAudit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(name: "CMEAuditSynth", dependencies: ["CMEAudit"]),
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
        "CMEAudit", "CMEAuditSynth", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      exclude: ["Golden", "Fixtures"]),
  ],
  swiftLanguageModes: [.v6]
)
