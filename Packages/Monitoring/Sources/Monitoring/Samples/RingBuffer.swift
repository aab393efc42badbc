/// A fixed-capacity FIFO that overwrites its oldest element when full. Value type; O(1) append.
public struct RingBuffer<Element> {
    /// The most elements kept.
    public let capacity: Int
    private var storage: [Element] = []
    private var head = 0  // index of the oldest element once full

    /// Creates an empty buffer holding at most `capacity` (≥ 1) elements.
    public init(capacity: Int) {
        precondition(capacity >= 1, "RingBuffer capacity must be at least 1")
        self.capacity = capacity
        storage.reserveCapacity(Swift.min(capacity, 1024))
    }

    /// Appends `element`, dropping the oldest when full.
    public mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[head] = element
            head = (head + 1) % capacity
        }
    }

    /// How many elements are held.
    public var count: Int { storage.count }

    /// The elements, oldest first.
    public var elements: [Element] { Array(storage[head...] + storage[..<head]) }

    /// The newest element.
    public var last: Element? {
        storage.isEmpty ? nil : storage[(head + storage.count - 1) % storage.count]
    }
}

extension RingBuffer: Sendable where Element: Sendable {}
