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
        "DirectiveKit", "VanbanUI", "VanbanConfig", "CNcursesw",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      plugins: ["GitRevision"]
    ),
    .plugin(name: "GitRevision", capability: .buildTool()),
    .testTarget(name: "DirectiveKitTests", dependencies: ["DirectiveKit"], exclude: ["Fixtures"]),
    .testTarget(name: "VanbanUITests", dependencies: ["VanbanUI", "DirectiveKit"], exclude: ["Snapshots"]),
    .testTarget(name: "VanbanConfigTests", dependencies: ["VanbanConfig"]),
    .testTarget(name: "EndToEndTests", dependencies: ["DirectiveKit"]),
  ],
  swiftLanguageModes: [.v5]
)
