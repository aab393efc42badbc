import CMalloc
import Dispatch
import Foundation

/// Timing helpers: run work on threads we own, started together by a barrier.
enum Measure {
    /// Runs `body(thread)` on `threads` new threads at once; returns the wall-clock seconds from the
    /// common start until the last finishes.
    static func seconds(threads: Int, _ body: @escaping @Sendable (Int) -> Void) -> Double {
        let ready = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for thread in 0..<threads {
            done.enter()
            let worker = Thread {
                ready.signal()
                go.wait()
                body(thread)
                done.leave()
            }
            worker.start()
        }
        for _ in 0..<threads { ready.wait() }
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<threads { go.signal() }
        done.wait()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Bytes the malloc heap has handed out right now.
    static func heapBytes() -> Int {
        let info = mallinfo2()
        return Int(info.uordblks + info.hblkhd)
    }
}
