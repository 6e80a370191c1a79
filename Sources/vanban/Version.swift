/// What `vanban --version` prints: the release number, raised by hand when a version is tagged,
/// and the commit the binary was built from (`gitRevision`, written at build time by the
/// GitRevision plugin; `-dirty` for uncommitted changes, `unknown` outside a git checkout).
enum Version {
  static let number = "0.1.0"
  static let text = "vanban \(number) (git \(gitRevision))"
}
