import Foundation
import Monitoring

/// Baseline documents as files: written atomically (a temporary file in the same directory, then a rename, so
/// a reader never sees half a document), named `baseline-<UTC time>.json` by default so that the newest sorts
/// last, and read back with their schema version checked.
struct BaselineFiles {
    /// The directory for default names and `latest` (``MaxctlSettings/Setting/baselineDirectory``).
    let directory: String

    /// The default path of a document captured at `capturedAt` (ms since 1970): `<dir>/baseline-20251124T160000.123Z.json`.
    func defaultPath(capturedAt: Int64) -> String {
        let stamp = MonitoringJSON.timestamp(milliseconds: capturedAt)
            .replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        return "\(directory)/baseline-\(stamp).json"
    }

    /// Writes `document` to `path` atomically, creating the parent directory.
    ///
    /// - Throws: ``CommandFailure`` (exit 1) naming the path when it cannot be written; nothing is left at `path`.
    func write(_ document: BaselineDocument, to path: String) throws(CommandFailure) {
        do {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try document.jsonData().write(to: url, options: .atomic)
        } catch {
            throw CommandFailure("cannot write the baseline to \(path): \(error)", exitCode: .warning)
        }
    }

    /// The document at `path`.
    ///
    /// - Throws: ``CommandFailure`` (exit 3) naming the path when it cannot be read or is not a baseline of
    ///   this schema version.
    func read(_ path: String) throws(CommandFailure) -> BaselineDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read the baseline file \(path): no such readable file", exitCode: .unknown)
        }
        do {
            return try BaselineDocument.decode(data, origin: path)
        } catch {
            throw CommandFailure(error.message, exitCode: .unknown)
        }
    }

    /// The path of the newest `baseline-*.json` in the directory (by name, i.e. by capture time), nil if none.
    func latestPath() -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("baseline-") && $0.hasSuffix(".json") }.max().map { "\(directory)/\($0)" }
    }
}
