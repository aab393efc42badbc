import CMalloc
import Dispatch
import Glibc

/// The process's memory: malloc heap in use and resident set size, in MB (1 MB = 1,048,576 bytes).
///
/// JSON field names: `heapUsedMB`, `residentMB`, `totalEstimatedMB`. The total is the resident size,
/// which already holds every cached model — model estimates are reported apart, never added to it.
public struct ProcessMemory: Codable, Sendable, Equatable {
    /// Bytes the malloc heap has handed out (`mallinfo2`: `uordblks + hblkhd`), in MB.
    public var heapUsedMB: Double
    /// Resident set size (`/proc/self/statm`, second field × page size), in MB.
    public var residentMB: Double
    /// The process's estimated total memory, in MB: the resident size.
    public var totalEstimatedMB: Double

    /// Creates a sample from raw figures; `totalEstimatedMB` defaults to `residentMB`.
    public init(heapUsedMB: Double, residentMB: Double, totalEstimatedMB: Double? = nil) {
        self.heapUsedMB = heapUsedMB
        self.residentMB = residentMB
        self.totalEstimatedMB = totalEstimatedMB ?? residentMB
    }

    /// Reads the current figures. Blocking: a `/proc` read and a `mallinfo2` call (which walks malloc
    /// arenas), microseconds — call it from a thread you own, or use ``sampleOffPool()`` from async code.
    public static func sample() -> ProcessMemory {
        let info = mallinfo2()
        let heapBytes = Double(info.uordblks) + Double(info.hblkhd)
        return ProcessMemory(heapUsedMB: heapBytes / 1_048_576, residentMB: Double(residentBytes()) / 1_048_576)
    }

    /// ``sample()`` on a dispatch queue this package owns, so the cooperative pool never blocks.
    public static func sampleOffPool() async -> ProcessMemory {
        await withCheckedContinuation { continuation in
            samplingQueue.async { continuation.resume(returning: sample()) }
        }
    }

    private static let samplingQueue = DispatchQueue(label: "AIModelCache.ProcessMemory")

    /// Resident bytes from `/proc/self/statm`; 0 if it cannot be read (not Linux, no /proc).
    static func residentBytes() -> Int {
        let descriptor = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 128)
        var length = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count - 1) }
            if count < 0 && errno == EINTR { continue }
            length = max(count, 0)
            break
        }
        // "size resident shared text lib data dt", in pages.
        let fields = String(decoding: buffer[..<length], as: UTF8.self).split(separator: " ")
        guard fields.count >= 2, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
