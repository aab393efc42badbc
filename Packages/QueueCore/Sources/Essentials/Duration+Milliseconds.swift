extension Duration {
    /// Whole milliseconds, rounded toward zero (BullMQ's option unit, and most `…Ms` fields).
    public var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    /// Whole milliseconds, rounded up (a wait of this many milliseconds is never shorter than the duration).
    public var wholeMillisecondsRoundedUp: Int64 {
        components.seconds * 1000 + (components.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    }

    /// Milliseconds as a floating-point number, fractions kept (latencies).
    public var fractionalMilliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
