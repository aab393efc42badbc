import Foundation

/// The client names under which a worker's connections show in `CLIENT LIST`, so BullMQ's tools find it.
///
/// Node BullMQ (and Taskforce, bull-board) look for `<prefix>:<base64(queue)>`, Python bullmq 3.x for
/// `<prefix>:<queue>`; either with `:w:<worker name>` appended when the worker has a name. One connection
/// holds one name, so a worker names its blocking connection the Node way and keeps a second, idle
/// connection under the Python name (see docs/adr/0006-worker-visibility.md).
public struct WorkerClientNames: Sendable, Equatable {
    /// The name Node BullMQ's `getWorkers()` matches.
    public let node: String
    /// The name Python bullmq's `get_workers()` matches; nil when the queue name cannot be a client name
    /// (Redis refuses spaces and characters outside printable ASCII there).
    public let python: String?

    /// The names of a worker of `queueName` under `prefix`; `workerName` adds the `:w:<name>` suffix, nil
    /// gives the base names every worker of the queue starts with (what the monitor matches).
    public init(prefix: String, queueName: String, workerName: String?) {
        let suffix = workerName.map { ":w:\($0)" } ?? ""
        node = "\(prefix):\(Data(queueName.utf8).base64EncodedString())\(suffix)"
        let python = "\(prefix):\(queueName)\(suffix)"
        self.python = Self.isValidClientName(python) ? python : nil
    }

    /// Whether Redis accepts `name` in `CLIENT SETNAME`: non-empty printable ASCII without spaces.
    public static func isValidClientName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }
}
