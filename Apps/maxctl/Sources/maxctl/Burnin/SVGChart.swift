import Foundation

/// A small line chart as inline SVG: series over time (minutes on x), an optional threshold drawn dashed, the
/// y range from zero to the largest value (or the threshold). Gaps (nil values) break a line. No script, no
/// external reference: the report opens anywhere.
struct SVGChart {
    /// One line.
    struct Series {
        var name: String
        var points: [(minutes: Double, value: Double?)]
    }

    var title: String
    var unit: String
    var series: [Series]
    var threshold: (value: Double, label: String)?

    static let width = 760.0
    static let height = 236.0
    private static let margin = (left: 56.0, right: 12.0, top: 44.0, bottom: 30.0)
    private static let palette = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#4d7c0f"]

    /// The chart's `<figure>` element.
    var html: String {
        let values = series.flatMap { $0.points.compactMap(\.value) }
        let top = max(values.max() ?? 0, threshold?.value ?? 0, 1e-9) * 1.1
        let lastMinute = max(series.flatMap { $0.points.map(\.minutes) }.max() ?? 1, 1e-9)
        let plotWidth = Self.width - Self.margin.left - Self.margin.right
        let plotHeight = Self.height - Self.margin.top - Self.margin.bottom
        func x(_ minutes: Double) -> Double { Self.margin.left + minutes / lastMinute * plotWidth }
        func y(_ value: Double) -> Double { Self.margin.top + plotHeight - value / top * plotHeight }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(Self.width))" height="\(Int(Self.height))" \
            viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" role="img" aria-label="\(Self.escaped(title))">
            <rect x="\(Self.margin.left)" y="\(Self.margin.top)" width="\(plotWidth)" height="\(plotHeight)" \
            fill="#fafafa" stroke="#ccc"/>
            <text x="\(Self.margin.left - 6)" y="\(Self.margin.top + 4)" text-anchor="end" font-size="11">\
            \(Self.label(top))</text>
            <text x="\(Self.margin.left - 6)" y="\(Self.margin.top + plotHeight)" text-anchor="end" \
            font-size="11">0</text>
            <text x="\(Self.margin.left)" y="\(Self.height - 8)" font-size="11">0 min</text>
            <text x="\(Self.width - Self.margin.right)" y="\(Self.height - 8)" text-anchor="end" font-size="11">\
            \(Self.label(lastMinute)) min</text>
            <text x="\(Self.margin.left)" y="16" font-size="13" font-weight="bold">\(Self.escaped(title)) \
            (\(Self.escaped(unit)))</text>

            """
        if let threshold {
            svg += """
                <line x1="\(Self.margin.left)" x2="\(Self.width - Self.margin.right)" y1="\(y(threshold.value))" \
                y2="\(y(threshold.value))" stroke="#b91c1c" stroke-dasharray="6 4"/>
                <text x="\(Self.width - Self.margin.right - 4)" y="\(y(threshold.value) - 4)" text-anchor="end" \
                font-size="11" fill="#b91c1c">\(Self.escaped(threshold.label))</text>

                """
        }
        var legendX = Self.margin.left
        for (index, line) in series.enumerated() {
            let colour = Self.palette[index % Self.palette.count]
            for run in Self.runs(line.points) {
                let coordinates = run.map {
                    "\(Self.label(x($0.minutes), digits: 1)),\(Self.label(y($0.value), digits: 1))"
                }
                if coordinates.count == 1 {
                    svg +=
                        "<circle cx=\"\(x(run[0].minutes))\" cy=\"\(y(run[0].value))\" r=\"2\" fill=\"\(colour)\"/>\n"
                } else {
                    svg +=
                        "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" points=\"\(coordinates.joined(separator: " "))\"/>\n"
                }
            }
            svg +=
                "<text x=\"\(legendX)\" y=\"34\" font-size=\"11\" fill=\"\(colour)\">■ \(Self.escaped(line.name))</text>\n"
            legendX += Double(line.name.count) * 6.5 + 24
        }
        return "<figure>\n" + svg + "</svg>\n</figure>\n"
    }

    /// The unbroken stretches of `points` (values present).
    private static func runs(_ points: [(minutes: Double, value: Double?)]) -> [[(minutes: Double, value: Double)]] {
        var runs: [[(minutes: Double, value: Double)]] = [[]]
        for point in points {
            if let value = point.value {
                runs[runs.count - 1].append((point.minutes, value))
            } else if !(runs.last?.isEmpty ?? true) {
                runs.append([])
            }
        }
        return runs.filter { !$0.isEmpty }
    }

    /// `value` with at most `digits` decimals (no exponent).
    static func label(_ value: Double, digits: Int = 2) -> String {
        var text = String(format: "%.\(digits)f", value)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `text` safe inside an element or attribute.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
