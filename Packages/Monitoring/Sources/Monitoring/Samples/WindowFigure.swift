/// A figure measured over the sample's window, with its source and whether it is exact.
public struct WindowFigure<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The measured value; nil when ``source`` is `unavailable`.
    public var value: Value?
    /// Where it came from.
    public var source: FigureSource
    /// True when the source saw every job of the window (no trimming, no removal, no counter reset, no other
    /// client's worker it cannot count).
    public var exact: Bool
    /// Why a counter figure is partial (other clients' workers share the queue, or the workers are unknown);
    /// nil otherwise. JSON `reason`, absent when nil.
    public var reason: String?

    /// Creates a figure.
    public init(value: Value?, source: FigureSource, exact: Bool, reason: String? = nil) {
        self.value = value
        self.source = source
        self.exact = exact
        self.reason = reason
    }

    /// No source could measure it.
    public static var unavailable: WindowFigure { WindowFigure(value: nil, source: .unavailable, exact: false) }
}
