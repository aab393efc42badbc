import AIModelCache
import Foundation

// `make bench-cache` (scripts/bench-cache.sh): AIModelCache against the issue's baseline (Dictionary +
// linked list of class nodes + NSLock), same keys ("user-NNNNN"), capacity and operation mix, side by
// side in one run. Each figure is the best of `--rounds` rounds (default 3), ours and the baseline
// alternating. Prints a Markdown table.

let arguments = CommandLine.arguments
func option(_ name: String, default value: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
        let parsed = Int(arguments[index + 1])
    else { return value }
    return parsed
}
let rounds = option("--rounds", default: 3)
let hitOperations = option("--hit-ops", default: 4_000_000)
let missOperations = option("--miss-ops", default: 200_000)
let hitCapacity = 10_000
let missCapacity = 1_000
let missKeySpace = 10_000
let memoryEntries = 100_000

func keys(_ count: Int) -> [String] { (0..<count).map { "user-\(10_000 + $0)" } }

/// Per-thread key sequences, generated before timing so only cache work is measured; both caches replay
/// the same sequences within a round.
func sequences(threads: Int, length: Int, keySpace: Int) -> [[Int32]] {
    (0..<threads).map { _ in (0..<length).map { _ in Int32.random(in: 0..<Int32(keySpace)) } }
}

struct Row {
    let name: String
    var ours: Double = 0
    var baseline: Double = 0
    let unit: String
    let higherIsBetter: Bool
}

// MARK: Hit path

func hitRound(threads: Int) -> (ours: Double, baseline: Double) {
    let keyList = keys(hitCapacity)
    let model = BenchModel(user: "shared")
    let ours = try! ModelCache<String, BenchModel>(
        configuration: .init(name: "social", maxEntries: hitCapacity, idleTimeout: .seconds(3600)))
    let baseline = BaselineLRU<BenchModel>(capacity: hitCapacity)
    for key in keyList {
        baseline.put(key, model)
    }
    let fill = Task { for key in keyList { _ = try await ours.model(for: key) { _ in model } } }
    let semaphore = DispatchSemaphore(value: 0)
    Task {
        _ = await fill.result
        semaphore.signal()
    }
    semaphore.wait()
    let perThread = hitOperations / threads
    let plan = sequences(threads: threads, length: 1 << 16, keySpace: hitCapacity)
    let oursSeconds = Measure.seconds(threads: threads) { thread in
        let indices = plan[thread]
        var found = 0
        for operation in 0..<perThread where ours.cachedModel(for: keyList[Int(indices[operation & 0xFFFF])]) != nil {
            found += 1
        }
        precondition(found == perThread, "every lookup must hit")
    }
    let baselineSeconds = Measure.seconds(threads: threads) { thread in
        let indices = plan[thread]
        var found = 0
        for operation in 0..<perThread where baseline.get(keyList[Int(indices[operation & 0xFFFF])]) != nil {
            found += 1
        }
        precondition(found == perThread, "every lookup must hit")
    }
    let total = Double(perThread * threads)
    return (total / oursSeconds, total / baselineSeconds)
}

// MARK: Miss with load

func missRound() async -> (ours: Double, baseline: Double) {
    let keyList = keys(missKeySpace)
    let plan = sequences(threads: 1, length: missOperations, keySpace: missKeySpace)[0]
    let ours = try! ModelCache<String, BenchModel>(
        configuration: .init(name: "social", maxEntries: missCapacity, idleTimeout: .seconds(3600)))
    let baseline = BaselineLRU<BenchModel>(capacity: missCapacity)
    let clock = ContinuousClock()
    let oursElapsed = try! await clock.measure {
        for index in plan {
            _ = try await ours.model(for: keyList[Int(index)]) { BenchModel(user: $0) }
        }
    }
    let baselineElapsed = clock.measure {
        for index in plan {
            let key = keyList[Int(index)]
            if baseline.get(key) == nil { baseline.put(key, BenchModel(user: key)) }
        }
    }
    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    return (Double(missOperations) / seconds(oursElapsed), Double(missOperations) / seconds(baselineElapsed))
}

// MARK: Memory per entry

func memoryPerEntry() async -> (ours: Double, baseline: Double) {
    let keyList = keys(memoryEntries)
    let model = BenchModel(user: "shared")
    var before = Measure.heapBytes()
    var ours: ModelCache<String, BenchModel>? = try! ModelCache(
        configuration: .init(name: "social", maxEntries: memoryEntries, idleTimeout: .seconds(3600)))
    for key in keyList { _ = try! await ours!.model(for: key) { _ in model } }
    let oursBytes = Double(Measure.heapBytes() - before) / Double(memoryEntries)
    precondition(ours!.count == memoryEntries)
    ours = nil
    before = Measure.heapBytes()
    var baseline: BaselineLRU<BenchModel>? = BaselineLRU(capacity: memoryEntries)
    for key in keyList { baseline!.put(key, model) }
    let baselineBytes = Double(Measure.heapBytes() - before) / Double(memoryEntries)
    precondition(baseline!.get(keyList[0]) != nil)
    baseline = nil
    return (oursBytes, baselineBytes)
}

// MARK: Run

var hit1 = Row(name: "get hit, 1 thread", unit: "M ops/s", higherIsBetter: true)
var hit2 = Row(name: "get hit, 2 threads", unit: "M ops/s", higherIsBetter: true)
var miss = Row(name: "get miss + load (10% hits), 1 task", unit: "k ops/s", higherIsBetter: true)
for round in 1...rounds {
    FileHandle.standardError.write("round \(round)/\(rounds)\n".data(using: .utf8)!)
    let one = hitRound(threads: 1)
    hit1.ours = max(hit1.ours, one.ours / 1e6)
    hit1.baseline = max(hit1.baseline, one.baseline / 1e6)
    let two = hitRound(threads: 2)
    hit2.ours = max(hit2.ours, two.ours / 1e6)
    hit2.baseline = max(hit2.baseline, two.baseline / 1e6)
    let loads = await missRound()
    miss.ours = max(miss.ours, loads.ours / 1e3)
    miss.baseline = max(miss.baseline, loads.baseline / 1e3)
}
let memory = await memoryPerEntry()
let memoryRow = Row(
    name: "heap per entry (\(memoryEntries) entries)", ours: memory.ours, baseline: memory.baseline, unit: "bytes",
    higherIsBetter: false)

func format(_ value: Double) -> String { String(format: value >= 100 ? "%.0f" : "%.2f", value) }
print("| measurement | AIModelCache | baseline (Dictionary + class nodes + NSLock) | ratio |")
print("| --- | ---: | ---: | ---: |")
for row in [hit1, hit2, miss, memoryRow] {
    let ratio = row.higherIsBetter ? row.ours / row.baseline : row.baseline / row.ours
    print(
        "| \(row.name) | \(format(row.ours)) \(row.unit) | \(format(row.baseline)) \(row.unit) | \(String(format: "%.2f", ratio))× |"
    )
}
print("")
print(
    "Hit path: \(hitCapacity) entries, keys user-10000…user-\(10_000 + hitCapacity - 1), \(hitOperations) lookups "
        + "per measurement split over the threads, uniform random keys; miss path: capacity \(missCapacity), "
        + "\(missKeySpace) keys, \(missOperations) requests; best of \(rounds) rounds. Ratio > 1 means "
        + "AIModelCache is better (for memory: baseline bytes / ours).")
