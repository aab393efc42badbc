import Foundation
import Monitoring

extension Output {
    /// `value` with at most `digits` decimals, trailing zeros dropped (`12.5`, `3`, `0.004`).
    static func number(_ value: Double, digits: Int = 1) -> String {
        guard value.isFinite else { return "-" }
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// An optional figure, `-` when absent.
    static func optional(_ value: Double?, digits: Int = 1, suffix: String = "") -> String {
        value.map { number($0, digits: digits) + suffix } ?? "-"
    }

    /// `maxctl health`'s table: status, components, queues, alerts.
    static func printHealth(_ health: SystemHealth) {
        let queues = health.components.queues
        let models = health.components.aiModels
        print("status: \(health.status.rawValue)   (\(health.timestamp))")
        print("queues: \(queues.status.rawValue)\(queues.reason.map { " — \($0)" } ?? "")")
        if let redis = queues.redis {
            print(
                "redis:  latency \(number(redis.latencyMs, digits: 2)) ms, memory \(number(redis.usedMemoryMB)) MB, "
                    + "policy \(redis.maxMemoryPolicy)")
        }
        print(
            "ai:     \(models.status.rawValue) — social \(models.social.current)/\(models.social.max) "
                + "(\(models.social.utilizationPercent)%), advertising \(models.advertising.current)/"
                + "\(models.advertising.max) (\(models.advertising.utilizationPercent)%)")
        if !queues.details.isEmpty {
            var table = Table("QUEUE", "STATUS", "WAITING", "ACTIVE", "DELAYED", "FAILED", "STALLED", "FAILED RATE")
            for queue in queues.details {
                table.add(
                    queue.queue, queue.status.rawValue + (queue.paused ? " (paused)" : ""), "\(queue.waiting)",
                    "\(queue.active)", "\(queue.delayed)", "\(queue.failed)", "\(queue.stalled)",
                    optional(queue.failedRate.map { $0 * 100 }, suffix: "%"))
            }
            print("\n" + table.text)
        }
        let alerts = queues.alerts + queues.details.flatMap(\.alerts) + models.alerts
        printAlerts(alerts)
    }

    /// The firing alerts, one per line, or nothing.
    static func printAlerts(_ alerts: [Alert]) {
        guard !alerts.isEmpty else { return }
        print("\nalerts:")
        for alert in alerts {
            print("  \(alert.severity.rawValue.uppercased())  \(alert.alert.rawValue)  \(alert.message)")
        }
    }
}
