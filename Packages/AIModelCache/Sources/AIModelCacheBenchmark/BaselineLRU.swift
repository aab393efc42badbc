import Foundation

/// The comparison baseline named in issue 4: a `Dictionary<String, Node>` plus a doubly linked list of
/// `final class` nodes, all behind one `NSLock`. A plain LRU with no idle expiry or statistics.
final class BaselineLRU<Model: AnyObject>: @unchecked Sendable {
    // Safety: every stored property is read and written only while `lock` (an NSLock) is held.
    final class Node {
        let key: String
        var model: Model
        var previous: Node?
        var next: Node?

        init(key: String, model: Model) {
            self.key = key
            self.model = model
        }
    }

    private let lock = NSLock()
    private let capacity: Int
    private var nodes: [String: Node] = [:]
    private var head: Node?
    private var tail: Node?

    init(capacity: Int) {
        self.capacity = capacity
        nodes.reserveCapacity(capacity)
    }

    func get(_ key: String) -> Model? {
        lock.lock()
        defer { lock.unlock() }
        guard let node = nodes[key] else { return nil }
        moveToFront(node)
        return node.model
    }

    func put(_ key: String, _ model: Model) {
        lock.lock()
        defer { lock.unlock() }
        if let node = nodes[key] {
            node.model = model
            moveToFront(node)
            return
        }
        if nodes.count >= capacity, let last = tail {
            unlink(last)
            nodes[last.key] = nil
        }
        let node = Node(key: key, model: model)
        nodes[key] = node
        pushFront(node)
    }

    private func unlink(_ node: Node) {
        node.previous?.next = node.next
        node.next?.previous = node.previous
        if head === node { head = node.next }
        if tail === node { tail = node.previous }
        node.previous = nil
        node.next = nil
    }

    private func pushFront(_ node: Node) {
        node.next = head
        head?.previous = node
        head = node
        if tail == nil { tail = node }
    }

    private func moveToFront(_ node: Node) {
        guard head !== node else { return }
        unlink(node)
        pushFront(node)
    }
}
