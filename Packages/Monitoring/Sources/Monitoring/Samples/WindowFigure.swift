/// A figure measured over the sample's window, with its source and whether it is exact.
public struct WindowFigure<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The measured value; nil when ``source`` is `unavailable`.
    public var value: Value?
    /// Where it came from.
    public var source: FigureSource
    /// True when the source saw every job of the window (no trimming, no removal, no counter reset).
    public var exact: Bool

    /// Creates a figure.
    public init(value: Value?, source: FigureSource, exact: Bool) {
        self.value = value
        self.source = source
        self.exact = exact
    }

    /// No source could measure it.
    public static var unavailable: WindowFigure { WindowFigure(value: nil, source: .unavailable, exact: false) }
}
