/// The spec's summary lines and interpretation, from the verdicts: pure, tested in memory.
enum Summary {
    /// `🎯 OVERALL RESULTS: 5/5 tests passed (100.0%)`, then the closing line and the interpretation.
    static func lines(passed: Int, total: Int) -> [String] {
        let percent = total == 0 ? 0 : Double(passed) / Double(total) * 100
        var lines = ["🎯 OVERALL RESULTS: \(passed)/\(total) tests passed (\(String(format: "%.1f", percent))%)"]
        let failed = total - passed
        if failed == 0 && total > 0 {
            lines.append("✅ All chaos tests passed! System is resilient to worker crashes.")
        } else {
            lines.append("❌ \(failed) chaos test\(failed == 1 ? "" : "s") failed.")
        }
        lines.append(interpretation(failed: failed, total: total))
        return lines
    }

    /// The spec's reading: all pass → production-ready; 1–2 fail → review; 3+ fail → not production-ready.
    static func interpretation(failed: Int, total: Int) -> String {
        switch failed {
        case _ where total == 0: "No scenario ran."
        case 0: "Interpretation: all pass — the system is production-ready."
        case 1...2: "Interpretation: 1–2 failed — review the failed scenarios; fixes may be needed."
        default: "Interpretation: 3+ failed — NOT production-ready; critical issues exist."
        }
    }
}
