/// The rows of a list screen: kept whole for a short list, or made one at a time as they are
/// drawn, so that a list of a hundred thousand rows costs one screenful per key.
public struct ListRows: RandomAccessCollection, Sendable {
  public let count: Int
  private let make: @Sendable (Int) -> ListRow

  public init(_ rows: [ListRow]) {
    count = rows.count
    make = { rows[$0] }
  }

  /// `count` rows, row `position` being `make(position)`.
  public init(count: Int, make: @escaping @Sendable (Int) -> ListRow) {
    self.count = count
    self.make = make
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { count }
  public subscript(position: Int) -> ListRow {
    precondition(position >= 0 && position < count, "row \(position) of \(count)")
    return make(position)
  }
}
