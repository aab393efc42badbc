import Foundation

/// The client names under which a worker's connections show in `CLIENT LIST`, so BullMQ's tools find it.
///
/// Node BullMQ (and Taskforce, bull-board) look for `<prefix>:<base64(queue)>`, Python bullmq 3.x for
/// `<prefix>:<queue>`; either with `:w:<worker name>` appended when the worker has a name. One connection
/// holds one name, so a worker names its blocking connection the Node way and keeps a second, idle
/// connection under the Python name (see docs/adr/0006-worker-visibility.md).
struct WorkerClientNames: Sendable, Equatable {
    /// The name Node BullMQ's `getWorkers()` matches.
    let node: String
    /// The name Python bullmq's `get_workers()` matches; nil when the queue name cannot be a client name
    /// (Redis refuses spaces and characters outside printable ASCII there).
    let python: String?

    init(prefix: String, queueName: String, workerName: String?) {
        let suffix = workerName.map { ":w:\($0)" } ?? ""
        node = "\(prefix):\(Data(queueName.utf8).base64EncodedString())\(suffix)"
        let python = "\(prefix):\(queueName)\(suffix)"
        self.python = Self.isValidClientName(python) ? python : nil
    }

    /// Whether Redis accepts `name` in `CLIENT SETNAME`: non-empty printable ASCII without spaces.
    static func isValidClientName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }
}
