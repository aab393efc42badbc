import Foundation
import Monitoring

extension Output {
    /// `maxctl audit`: a line naming the window and the store, then the entries newest first.
    static func printAudit(_ report: AuditReport) {
        print(storeLine("audit", sinceMs: report.sinceMs, count: report.entries.count, "entries", report.store))
        guard !report.entries.isEmpty else { return }
        var table = Table("TIME", "ROLE", "METHOD", "ROUTE", "TARGET", "RESULT", "STATUS")
        for entry in report.entries {
            table.add(
                MonitoringJSON.timestamp(milliseconds: entry.timestampMs), entry.role, entry.method, entry.route,
                entry.target.isEmpty ? "-" : entry.target, entry.result, String(entry.status))
        }
        print(table.text)
    }

    /// `text` percent-encoded for a query value (ISO instants carry `:` and `+`).
    static func queryEscaped(_ text: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
