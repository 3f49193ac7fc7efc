// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "cmeaudit",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "cmeaudit", targets: ["cmeaudit"]),
    .library(name: "CMEAudit", targets: ["CMEAudit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    .target(
      name: "CMEAudit",
      dependencies: [.product(name: "Crypto", package: "swift-crypto")]
    ),
    .executableTarget(
      name: "cmeaudit",
      dependencies: [
        "CMEAudit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "CMEAuditTests", dependencies: ["CMEAudit"], exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
