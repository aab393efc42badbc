import Essentials
import RedisClient

/// A queue's events as an `AsyncSequence` (BullMQ's `QueueEvents`): the events stream read with
/// `XREAD BLOCK` on a connection of its own, from now, the beginning, or after a given entry.
///
/// The sequence outlives Redis restarts and network failures: it reconnects (every `retryDelay`) and
/// resumes after the last entry it returned, so nothing still in the stream is lost (entries trimmed by
/// `maxLenEvents` while it was away are). It ends when the iterating task is cancelled; it throws only for
/// a server error reply that retrying cannot cure (a wrong key type, an ACL refusal).
public struct QueueEvents: AsyncSequence, Sendable {
    /// Where the sequence starts.
    public enum Start: Sendable, Hashable {
        /// With the first event written after the sequence's first read.
        case now
        /// With the oldest event the stream holds.
        case beginning
        /// With the first event after entry `id`.
        case after(String)
    }

    let client: RedisClient
    let key: String
    let start: Start
    let blockFor: Duration
    let retryDelay: Duration

    /// Events of `queue` from `start`; each read blocks at most `blockFor` on the server.
    public init(
        queue: Queue, from start: Start = .now, blockFor: Duration = .seconds(5), retryDelay: Duration = .seconds(1)
    ) {
        client = queue.client
        key = queue.keys.events
        self.start = start
        self.blockFor = blockFor
        self.retryDelay = retryDelay
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(events: self, connection: client.makeDedicatedConnection())
    }

    /// Reads the stream in batches of up to 100 entries.
    public struct Iterator: AsyncIteratorProtocol {
        let events: QueueEvents
        let connection: RedisConnection
        var position: String?
        var buffer: ArraySlice<QueueEvent> = []

        init(events: QueueEvents, connection: RedisConnection) {
            self.events = events
            self.connection = connection
            switch events.start {
            case .beginning: position = "0-0"
            case .after(let id): position = id
            case .now: position = nil
            }
        }

        /// The next event; nil once the task is cancelled.
        public mutating func next() async throws -> QueueEvent? {
            while buffer.isEmpty {
                if Task.isCancelled { return nil }
                do {
                    let from = try await resolvedPosition()
                    let block = String(Swift.max(events.blockFor.wholeMilliseconds, 1))
                    let reply = try await connection.send([
                        "XREAD", "COUNT", "100", "BLOCK", block, "STREAMS", events.key, from,
                    ])
                    buffer = ArraySlice(Self.entries(reply))
                    if let last = buffer.last { position = last.id }
                } catch let error as RedisError where error.code == .server {
                    throw error
                } catch {
                    // Connection trouble (a restart, a timeout) or cancellation: wait and read again.
                    do { try await Task.sleep(for: events.retryDelay) } catch { return nil }
                }
            }
            return buffer.popFirst()
        }

        /// The entry to read after: for `.now`, the stream's newest entry at the first read (a concrete id,
        /// so a reconnect does not skip what was written meanwhile).
        private mutating func resolvedPosition() async throws -> String {
            if let position { return position }
            let newest = try await connection.send(["XREVRANGE", events.key, "+", "-", "COUNT", "1"])
            let id = newest.array?.first?.array?.first?.string ?? "0-0"
            position = id
            return id
        }

        /// The entries of an `XREAD` reply (nil on timeout) as events.
        static func entries(_ reply: RedisValue) -> [QueueEvent] {
            guard let streams = reply.array, let stream = streams.first?.array, stream.count == 2 else { return [] }
            return (stream[1].array ?? []).compactMap { entry in
                guard let parts = entry.array, parts.count == 2, let id = parts[0].string else { return nil }
                var fields = ScriptReply.hash(parts[1])
                let name = fields.removeValue(forKey: "event") ?? ""
                return QueueEvent(id: id, name: name, fields: fields)
            }
        }
    }
}

extension Queue {
    /// The queue's events from `start` (see `QueueEvents`).
    public func events(from start: QueueEvents.Start = .now) -> QueueEvents {
        QueueEvents(queue: self, from: start)
    }
}
