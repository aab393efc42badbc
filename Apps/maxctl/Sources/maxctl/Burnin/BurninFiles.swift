import Chaos
import Essentials
import Foundation

/// A burn-in's directory: `run.json` (what was started, written first), `samples.jsonl` and `posts.jsonl`
/// (appended and flushed to disk line by line, so a crash of the tool loses nothing already written and
/// `--resume` continues them), then `report.json` and `report.html`.
struct BurninFiles: Sendable {
    /// What `run.json` holds: enough to resume the run.
    struct Run: Sendable, Codable, Equatable {
        var tag: String
        var prefix: String
        /// When the run began, ms since the epoch; a resumed run ends at `startedAt + durationSeconds`.
        var startedAt: Int64
        var durationSeconds: Double
        var rate: Double
        var users: Int
        var workers: Int
        var intervalSeconds: Double
        var disturbEverySeconds: Double?
        /// The API given with `--api` (nil: the tool's own API tier).
        var api: String?
        /// The baseline the end-to-end criterion compares with, if any.
        var baseline: String?
    }

    /// One line of `posts.jsonl`: a post about to be requested (no id), or acknowledged (its id).
    struct PostLine: Sendable, Codable, Equatable {
        var content: String
        var id: Int?
    }

    let directory: String

    var runPath: String { directory + "/run.json" }
    var samplesPath: String { directory + "/samples.jsonl" }
    var postsPath: String { directory + "/posts.jsonl" }
    var reportPath: String { directory + "/report.json" }
    var pagePath: String { directory + "/report.html" }

    /// Creates the directory and writes `run.json`; refuses a directory that already holds a run (resume it).
    func create(_ run: Run) throws(CommandFailure) {
        guard !FileManager.default.fileExists(atPath: runPath) else {
            throw CommandFailure(
                "\(directory) already holds a burn-in: continue it with --resume, or choose another --report",
                exitCode: .unknown)
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try write(run, to: runPath)
            for path in [samplesPath, postsPath] where !FileManager.default.createFile(atPath: path, contents: nil) {
                throw CommandFailure("cannot create \(path)", exitCode: .warning)
            }
        } catch {
            throw CommandFailure("cannot write the burn-in to \(directory): \(error)", exitCode: .warning)
        }
    }

    /// The run to resume.
    func readRun() throws(CommandFailure) -> Run {
        do {
            return try JSONDecoder().decode(Run.self, from: Data(contentsOf: URL(fileURLWithPath: runPath)))
        } catch {
            throw CommandFailure(
                "no burn-in to resume in \(directory) (\(runPath): \(error)); start one without --resume",
                exitCode: .unknown)
        }
    }

    /// Appends `line` as one JSON line and flushes it to disk.
    func append(_ line: some Encodable, to path: String) throws {
        let data = try JSONCoding.encoder(pretty: false).encode(line) + Data("\n".utf8)
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CommandFailure("cannot open \(path) to append", exitCode: .warning)
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
        try handle.synchronize()
    }

    /// Every line of `path` that decodes as `T`; a torn last line (the tool killed mid-write) is skipped.
    func lines<T: Decodable>(_ path: String, as type: T.Type) -> [T] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(T.self, from: Data($0)) }
    }

    /// The acknowledged posts, and the contents of posts requested without an acknowledgement (in doubt: a
    /// 5xx, no answer, or the tool stopped before it was written), from the journal.
    func posts() -> (acknowledged: [AcknowledgedPost], inDoubt: [String]) {
        var acknowledged: [AcknowledgedPost] = []
        var sent: [String] = []
        for line in lines(postsPath, as: PostLine.self) {
            if let id = line.id {
                acknowledged.append(AcknowledgedPost(id: id, content: line.content))
            } else {
                sent.append(line.content)
            }
        }
        let acknowledgedContents = Set(acknowledged.map(\.content))
        return (acknowledged, sent.filter { !acknowledgedContents.contains($0) })
    }

    /// Writes `value` as pretty JSON, atomically.
    func write(_ value: some Encodable, to path: String) throws {
        try JSONCoding.encoder(pretty: true, iso8601Dates: true).encode(value).write(
            to: URL(fileURLWithPath: path), options: .atomic)
    }
}
