import Synchronization

/// The processes one scenario started, for its clean-up.
final class ProcessList: Sendable {
    private let processes = Mutex<[ManagedProcess]>([])

    func add(_ process: ManagedProcess) { processes.withLock { $0.append(process) } }

    var all: [ManagedProcess] { processes.withLock { $0 } }
}
