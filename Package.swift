// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "vanban",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "vanban", targets: ["vanban"]),
    .library(name: "DirectiveKit", targets: ["DirectiveKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .target(name: "DirectiveKit"),
    .target(name: "VanbanGenerator", dependencies: ["DirectiveKit"]),
    .target(name: "VanbanUI", dependencies: ["DirectiveKit"]),
    .target(name: "VanbanConfig"),
    .systemLibrary(
      name: "CNcursesw",
      pkgConfig: "ncursesw",
      providers: [.apt(["libncursesw5-dev"])]
    ),
    .executableTarget(
      name: "vanban",
      dependencies: [
        "DirectiveKit", "VanbanGenerator", "VanbanUI", "VanbanConfig", "CNcursesw",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      plugins: ["GitRevision"]
    ),
    .plugin(name: "GitRevision", capability: .buildTool()),
    // Tools: built with the package, never part of the `vanban` binary.
    .executableTarget(
      name: "vanban-bench",
      dependencies: [
        "DirectiveKit", "VanbanGenerator", "VanbanUI",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Tools/Bench"
    ),
    .executableTarget(
      name: "vanban-fuzz",
      dependencies: [
        "DirectiveKit", "VanbanGenerator",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Tools/Fuzz",
      exclude: ["libFuzzer"]
    ),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(
      name: "DirectiveKitTests", dependencies: ["DirectiveKit", "VanbanGenerator", "TestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "VanbanGeneratorTests", dependencies: ["VanbanGenerator", "DirectiveKit"]),
    .testTarget(
      name: "VanbanUITests", dependencies: ["VanbanUI", "DirectiveKit", "VanbanGenerator", "TestSupport"],
      exclude: ["Snapshots"]
    ),
    .testTarget(name: "VanbanConfigTests", dependencies: ["VanbanConfig"]),
    .testTarget(name: "EndToEndTests", dependencies: ["DirectiveKit", "TestSupport"]),
    .testTarget(name: "VanbanBenchTests", dependencies: ["vanban-bench"]),
  ],
  swiftLanguageModes: [.v5]
)
