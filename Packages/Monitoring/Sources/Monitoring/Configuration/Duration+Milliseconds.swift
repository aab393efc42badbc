extension Duration {
    /// Whole milliseconds, rounded toward zero.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    /// Milliseconds as a floating-point number (keeps fractions, for latencies).
    var millisecondsDouble: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }

    /// Seconds as a floating-point number (Prometheus base unit).
    var secondsDouble: Double { millisecondsDouble / 1000 }
}
