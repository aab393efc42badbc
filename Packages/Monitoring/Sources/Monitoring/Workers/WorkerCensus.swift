internal import QueueCore

/// Counts each queue's workers from one `CLIENT LIST`, by the client names BullMQ's tools match. Pure.
///
/// A worker connection is named `<prefix>:<base64(queue)>` (Node BullMQ, Taskforce, bull-board) or
/// `<prefix>:<queue>` (Python bullmq 3.x), either optionally followed by `:w:<worker name>`. Our workers
/// hold one connection of each (ADR 6), so counting connections would count each of ours twice. The rule:
/// connections of a queue are grouped by worker name and client host; within a group, each Node-named
/// connection paired with a Python-named one is one worker of ours, and every connection left unpaired is
/// one worker of the other client (Node-named: Node BullMQ; Python-named: Python bullmq). A Node worker and a
/// Python worker on one host under one worker name (or both unnamed) therefore look like one of ours: name
/// workers to tell them apart. Unnamed connections and other names are not workers.
enum WorkerCensus {
    /// The workers of every queue of `queues` among `connections`.
    static func workers(of queues: [String], prefix: String, connections: [ClientConnection])
        -> [String: QueueWorkers]
    {
        // In connection-id order, once for every queue: which connection of a pair counts as ours is stable.
        let ordered = connections.sorted { $0.id < $1.id }
        var result: [String: QueueWorkers] = [:]
        for queue in queues {
            result[queue] = workers(of: queue, prefix: prefix, ordered: ordered)
        }
        return result
    }

    /// The workers of one queue among `ordered` (connections in id order).
    private static func workers(of queue: String, prefix: String, ordered: [ClientConnection]) -> QueueWorkers {
        let names = WorkerClientNames(prefix: prefix, queueName: queue, workerName: nil)
        struct Group: Hashable {
            var workerName: String?
            var host: String
        }
        var node: [Group: [ClientConnection]] = [:]
        var python: [Group: [ClientConnection]] = [:]
        for connection in ordered {
            if let workerName = workerName(connection.name, base: names.node) {
                node[Group(workerName: workerName, host: connection.host), default: []].append(connection)
            } else if let base = names.python, let workerName = workerName(connection.name, base: base) {
                python[Group(workerName: workerName, host: connection.host), default: []].append(connection)
            }
        }
        var workers: [QueueWorkers.Worker] = []
        for group in Set(node.keys).union(python.keys) {
            let nodeConnections = node[group] ?? []
            let pythonConnections = python[group] ?? []
            let pairs = min(nodeConnections.count, pythonConnections.count)
            let name = group.workerName
            workers += nodeConnections.prefix(pairs).map { .init(client: .ours, name: name, address: $0.address) }
            workers += nodeConnections.dropFirst(pairs).map { .init(client: .node, name: name, address: $0.address) }
            workers += pythonConnections.dropFirst(pairs).map {
                .init(client: .python, name: name, address: $0.address)
            }
        }
        return QueueWorkers(workers: workers)
    }

    /// `.some(nil)` when `name` is `base` (an unnamed worker), `.some(worker name)` when it is
    /// `base:w:<worker name>`, nil when it is not a worker of that base.
    private static func workerName(_ name: String, base: String) -> String?? {
        if name == base { return .some(nil) }
        let marker = base + ":w:"
        guard name.hasPrefix(marker), name.count > marker.count else { return nil }
        return .some(String(name.dropFirst(marker.count)))
    }
}
