/// A first-in first-out queue on a growable ring buffer: O(1) append, first and removal from the front.
/// Used for requests awaiting replies, which arrive in order. Not thread-safe (loop thread only).
struct FIFO<Element> {
    private var storage: [Element?] = []
    private var head = 0
    /// The number of elements.
    private(set) var count = 0

    /// True when there are no elements.
    var isEmpty: Bool { count == 0 }

    /// The oldest element.
    var first: Element? { count == 0 ? nil : storage[head] }

    /// Adds an element at the back.
    mutating func append(_ element: Element) {
        if count == storage.count { grow() }
        storage[(head + count) & (storage.count - 1)] = element
        count += 1
    }

    /// Removes and returns the oldest element.
    @discardableResult
    mutating func removeFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = storage[head]
        storage[head] = nil
        head = (head + 1) & (storage.count - 1)
        count -= 1
        return element
    }

    /// Mutates the oldest element in place (no copy of its payload). Precondition: not empty.
    mutating func updateFirst<R>(_ body: (inout Element) -> R) -> R {
        precondition(count > 0, "updateFirst on an empty FIFO")
        return body(&storage[head]!)
    }

    /// Removes and returns every element, oldest first.
    mutating func removeAll() -> [Element] {
        var elements: [Element] = []
        elements.reserveCapacity(count)
        while let element = removeFirst() { elements.append(element) }
        return elements
    }

    private mutating func grow() {
        // Capacity stays a power of two so indexes wrap with a mask.
        let newCapacity = Swift.max(16, storage.count * 2)
        var newStorage = [Element?](repeating: nil, count: newCapacity)
        for offset in 0..<count { newStorage[offset] = storage[(head + offset) & (storage.count - 1)] }
        storage = newStorage
        head = 0
    }
}
