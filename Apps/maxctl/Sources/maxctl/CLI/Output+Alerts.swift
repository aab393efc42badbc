import Monitoring

extension Output {
    /// `maxctl alerts`: the active alerts as a table, or a line saying there are none.
    static func printActiveAlerts(_ report: AlertsReport) {
        guard !report.active.isEmpty else {
            print("no alerts active   (\(MonitoringJSON.timestamp(milliseconds: report.timestampMs)))")
            return
        }
        var table = Table("RULE", "SUBJECT", "SEVERITY", "STATE", "VALUE", "THRESHOLD", "SINCE")
        for alert in report.active {
            table.add(
                alert.alert.rawValue, alert.subject, alert.severity.rawValue, alert.state.rawValue, number(alert.value),
                number(alert.threshold), MonitoringJSON.timestamp(milliseconds: alert.sinceMs))
        }
        print(table.text)
    }

    /// `maxctl alerts --history`: the transitions of the window, newest first, and the store that kept them.
    static func printAlertHistory(_ report: AlertsReport) {
        print(
            storeLine(
                "history", sinceMs: report.sinceMs, count: report.history.count, "transitions", report.historyStore))
        guard !report.history.isEmpty else { return }
        var table = Table("TIME", "KIND", "RULE", "SUBJECT", "SEVERITY", "VALUE", "THRESHOLD", "SINCE")
        for entry in report.history {
            table.add(
                MonitoringJSON.timestamp(milliseconds: entry.timeMs), entry.kind.rawValue, entry.alert.alert.rawValue,
                entry.subject, entry.alert.severity.rawValue, number(entry.alert.value), number(entry.alert.threshold),
                MonitoringJSON.timestamp(milliseconds: entry.alert.sinceMs))
        }
        print(table.text)
    }

    /// `<what> since <instant>: <count> <noun> (store <kind>, kept <days> days)[, <n> waiting, <n> dropped]`: the head
    /// line of a log a background writer keeps (the alert history, the audit log).
    static func storeLine(_ what: String, sinceMs: Int64, count: Int, _ noun: String, _ store: StoreStatus) -> String {
        var line =
            "\(what) since \(MonitoringJSON.timestamp(milliseconds: sinceMs)): \(count) \(noun) "
            + "(store \(store.store), kept \(store.retentionDays) days)"
        if store.backlog > 0 || store.dropped > 0 { line += ", \(store.backlog) waiting, \(store.dropped) dropped" }
        return line
    }
}
