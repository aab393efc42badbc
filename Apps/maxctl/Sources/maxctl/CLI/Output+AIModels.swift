import Foundation
import Monitoring

extension Output {
    /// `maxctl ai`: both caches side by side, memory, recent evictions, alerts.
    static func printAIModels(_ report: AIModelsReport) {
        var table = Table(
            "CACHE", "MODELS", "MAX", "UTIL", "LOADS", "EVICTIONS", "HIT RATE", "AVG LOAD MS", "P95 LOAD MS", "MODEL MB"
        )
        for cache in [report.social, report.advertising] {
            table.add(
                cache.modelType, "\(cache.currentSize)", "\(cache.maxSize)", number(cache.utilizationPercent) + "%",
                "\(cache.totalLoads)", "\(cache.totalEvictions)", number(cache.hitRatePercent) + "%",
                number(cache.averageLoadTimeMs), number(cache.p95LoadTimeMs), number(cache.estimatedModelMB))
        }
        print("status: \(report.status.rawValue)   (\(report.timestamp))")
        print(table.text)
        let memory = report.memory
        print(
            "\nmemory: heap \(number(memory.heapUsedMB)) MB, resident \(number(memory.residentMB)) MB, "
                + "models \(number(memory.estimatedModelMB)) MB, total \(number(memory.totalEstimatedMB)) MB")
        if !report.recentEvictions.isEmpty {
            var evictions = Table("TIME", "CACHE", "USER", "REASON", "IDLE MS")
            let formatter = ISO8601DateFormatter()
            for record in report.recentEvictions.suffix(10) {
                evictions.add(
                    formatter.string(from: record.timestamp), record.modelType, record.userId, record.reason.rawValue,
                    number(record.idleTimeMs, digits: 0))
            }
            print("\nrecent evictions:\n" + evictions.text)
        }
        printAlerts(report.alerts)
    }
}
