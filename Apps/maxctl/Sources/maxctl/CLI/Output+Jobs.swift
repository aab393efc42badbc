import Essentials
import Foundation
import QueueCore

extension Output {
    /// `maxctl queue job`: one field per line, then the stack and the logs.
    static func printJob(_ job: QueueJobCommand.Detail) {
        let formatter = ISO8601DateFormatter()
        func time(_ ms: Int64?) -> String {
            ms.map { formatter.string(from: Date(timeIntervalSince1970: Double($0) / 1000)) } ?? "-"
        }
        var lines: [(String, String)] = [
            ("id", job.id), ("state", job.state), ("name", job.name), ("data", job.data), ("options", job.options),
            ("attempts", "\(job.attemptsMade) made, \(job.attemptsStarted) started, stalled \(job.stalledCount)×"),
            ("created", time(job.timestamp)), ("started", time(job.processedOn)), ("finished", time(job.finishedOn)),
            ("delay", "\(job.delay) ms"), ("priority", job.priority == 0 ? "none" : "\(job.priority)"),
        ]
        if let progress = job.progress { lines.append(("progress", progress)) }
        if let value = job.returnValue { lines.append(("returned", value)) }
        if let reason = job.failedReason { lines.append(("failed", reason)) }
        if let scheduler = job.scheduler { lines.append(("scheduler", scheduler)) }
        if let parent = job.parent { lines.append(("parent", parent)) }
        let width = lines.map(\.0.count).max() ?? 0
        for (name, value) in lines { print("\(name.padding(toLength: width, withPad: " ", startingAt: 0))  \(value)") }
        if !job.stacktrace.isEmpty {
            print("\nstack (\(job.stacktrace.count) attempt\(job.stacktrace.count == 1 ? "" : "s")):")
            for frame in job.stacktrace { print("  \(frame)") }
        }
        if !job.children.isEmpty {
            print("\nchildren (\(job.children.count)):")
            for child in job.children {
                print(
                    "  \(child.outcome.padding(toLength: 11, withPad: " ", startingAt: 0))  \(child.key)"
                        + (child.value.map { "  \($0)" } ?? ""))
            }
        }
        print("\nlogs (\(job.logs.count) of \(job.logCount)):")
        for line in job.logs { print("  \(line)") }
    }

    /// `maxctl queue events`: time, event, job id and the other fields on one line, flushed at once.
    static func printEvent(_ event: QueueEvent) {
        let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(event.timestamp) / 1000))
        let rest = event.fields.filter { $0.key != "jobId" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        StandardOutput.writeLine(([time, event.name, event.jobId ?? "-"] + rest).joined(separator: " "))
    }
}
