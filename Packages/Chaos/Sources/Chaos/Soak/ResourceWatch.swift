import Foundation
import Synchronization

/// Samples the resident memory and open file descriptors of a soak's long-lived processes (from `/proc`) and
/// judges whether either grows without bound.
///
/// The judgement compares the median of the first and the last third of the samples taken after a warm-up
/// (the first fifth of the soak, at least a minute: caches fill, pools open, allocator arenas grow). A leak is a
/// sustained rise beyond ``rssBoundKiB`` or ``fdBound``: the processes' own state is bounded (model caches by
/// count and bytes, the monitor's history by samples, connection pools by size), so after warm-up their memory
/// and descriptors stay level however long the soak runs, while a leak of one descriptor per reconnect or a few
/// KiB per job rises by more than that within minutes. Windows shorter than ``minimumJudgedWindow`` are
/// reported, not judged (too short to tell a leak from warm-up).
public final class ResourceWatch: Sendable {
    /// One process's samples and verdict, for the JSON report.
    public struct Trend: Sendable, Codable, Equatable {
        /// The process's name (`monitoring-api`).
        public var process: String
        /// Its pid.
        public var pid: Int32
        /// Samples taken (all of them; the judged ones are those after the warm-up).
        public var samples: Int
        /// Resident memory at the first and the last sample, KiB.
        public var firstRSSKiB: Int
        public var lastRSSKiB: Int
        /// The largest resident memory sampled, KiB.
        public var peakRSSKiB = 0
        /// Open descriptors at the first and the last sample.
        public var firstFDs: Int
        public var lastFDs: Int
        /// Median of the last third minus median of the first third of the judged samples (nil: not judged).
        public var rssRiseKiB: Int?
        public var fdRise: Int?
        /// Why the process is judged leaking (empty when it is not, or was not judged).
        public var failures: [String]
    }

    /// A sustained rise in resident memory beyond this fails the soak (32 MiB).
    static let rssBoundKiB = 32 * 1024
    /// A sustained rise in open descriptors beyond this fails the soak.
    static let fdBound = 16
    /// The shortest judged window (after the warm-up).
    static let minimumJudgedWindow: Duration = .seconds(180)

    private struct Sample: Sendable {
        var at: ContinuousClock.Instant
        var rssKiB: Int
        var fds: Int
    }

    private let watched: [(name: String, pid: Int32)]
    private let samples = Mutex<[Int32: [Sample]]>([:])

    /// Watches the processes `watched` (name and pid).
    public init(_ watched: [(name: String, pid: Int32)]) {
        self.watched = watched
    }

    /// Samples every `interval` until the calling task is cancelled; a process that has exited is skipped.
    public func run(every interval: Duration) async {
        while !Task.isCancelled {
            let now = ContinuousClock.now
            for process in watched {
                guard let rss = Self.residentKiB(pid: process.pid), let fds = Self.openDescriptors(pid: process.pid)
                else { continue }
                samples.withLock { $0[process.pid, default: []].append(Sample(at: now, rssKiB: rss, fds: fds)) }
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// The trends, judged after a warm-up of a fifth of `soak` (at least a minute).
    public func trends(soak: Duration) -> [Trend] {
        let all = samples.withLock { $0 }
        return watched.compactMap { process in
            guard let series = all[process.pid], let first = series.first, let last = series.last else { return nil }
            var trend = Trend(
                process: process.name, pid: process.pid, samples: series.count, firstRSSKiB: first.rssKiB,
                lastRSSKiB: last.rssKiB, firstFDs: first.fds, lastFDs: last.fds, failures: [])
            trend.peakRSSKiB = series.map(\.rssKiB).max() ?? last.rssKiB
            let warmUp = max(soak / 5, .seconds(60))
            let judged = series.filter { $0.at >= first.at.advanced(by: warmUp) }
            guard let start = judged.first, let end = judged.last, end.at - start.at >= Self.minimumJudgedWindow,
                judged.count >= 6
            else { return trend }
            let third = judged.count / 3
            let rssRise =
                Self.median(judged.suffix(third).map(\.rssKiB)) - Self.median(judged.prefix(third).map(\.rssKiB))
            let fdRise = Self.median(judged.suffix(third).map(\.fds)) - Self.median(judged.prefix(third).map(\.fds))
            trend.rssRiseKiB = rssRise
            trend.fdRise = fdRise
            if rssRise > Self.rssBoundKiB {
                trend.failures.append("\(process.name) resident memory rose \(rssRise / 1024) MiB after warm-up")
            }
            if fdRise > Self.fdBound {
                trend.failures.append("\(process.name) open descriptors rose by \(fdRise) after warm-up")
            }
            return trend
        }
    }

    private static func median(_ values: [Int]) -> Int {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// `VmRSS` from `/proc/<pid>/status`, KiB; nil when the process is gone.
    public static func residentKiB(pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        return line.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") }
    }

    /// The entries of `/proc/<pid>/fd`; nil when the process is gone.
    static func openDescriptors(pid: Int32) -> Int? {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd"))?.count
    }
}
