import Monitoring

extension Output {
    /// `maxctl baseline capture`: one line per figure (count and percentiles, ms) and where it was written.
    static func printBaseline(_ document: BaselineDocument, writtenTo path: String, storedAs row: Int?) {
        var table = Table("FIGURE", "N", "P50 MS", "P90 MS", "P95 MS", "P99 MS", "MAX MS", "MEAN MS")
        for (name, figure) in document.figures.sorted(by: { $0.key < $1.key }) {
            table.add(
                name, "\(figure.count)", milliseconds(figure.p50Ms), milliseconds(figure.p90Ms),
                milliseconds(figure.p95Ms), milliseconds(figure.p99Ms), milliseconds(figure.maxMs),
                milliseconds(figure.meanMs))
        }
        print(table.text)
        print("\nbaseline of \(number(Double(document.durationMs) / 1000))s written to \(path)")
        if let row { print("stored in PostgreSQL (baselines id \(row))") }
    }

    /// `maxctl baseline compare`: baseline and current p50/p95/p99 per figure, the p95 and p99 deltas and the
    /// verdict, then the overall verdict.
    static func printComparison(_ comparison: BaselineComparison, against origin: String) {
        var table = Table(
            "FIGURE", "BASE N", "BASE P50", "BASE P95", "BASE P99", "N", "P50", "P95", "P99", "Δ P95", "Δ P99",
            "VERDICT")
        for row in comparison.rows {
            let p99 = row.p99DeltaPercent.map { percent($0) + (row.p99Decides ? "" : "*") } ?? "-"
            table.add(
                row.name, row.baseline.map { "\($0.count)" } ?? "-", milliseconds(row.baseline?.p50Ms),
                milliseconds(row.baseline?.p95Ms), milliseconds(row.baseline?.p99Ms),
                row.current.map { "\($0.count)" } ?? "-", milliseconds(row.current?.p50Ms),
                milliseconds(row.current?.p95Ms), milliseconds(row.current?.p99Ms),
                row.p95DeltaPercent.map(percent) ?? "-", p99, row.verdict.rawValue)
        }
        print("against \(origin), tolerance \(number(comparison.tolerancePercent))% (times in ms)")
        print(table.text)
        print(
            "\n* p99 not deciding: fewer than \(BaselineComparison.minimumCountForP99) samples on a side\n"
                + "verdict: \(comparison.verdict.rawValue)")
    }

    static func milliseconds(_ value: Double?) -> String {
        value.map { number($0, digits: 2) } ?? "-"
    }

    private static func percent(_ value: Double) -> String {
        (value > 0 ? "+" : "") + number(value) + "%"
    }
}
