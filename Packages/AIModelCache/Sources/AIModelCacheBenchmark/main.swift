import AIModelCache
import Foundation

// `make bench-cache` (scripts/bench-cache.sh): AIModelCache against the issue's baseline (Dictionary +
// linked list of class nodes + NSLock), same keys ("user-NNNNN"), capacity and operation mix, side by
// side in one run. Each figure is the median of `--rounds` rounds (default 5); every round measures both
// caches back to back, alternating which goes first. Prints a Markdown table.

let arguments = CommandLine.arguments
func option(_ name: String, default value: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
        let parsed = Int(arguments[index + 1])
    else { return value }
    return parsed
}
let rounds = option("--rounds", default: 5)
let hitOperations = option("--hit-ops", default: 4_000_000)
let missOperations = option("--miss-ops", default: 200_000)
/// Hit-path capacities: the production default (`MAX_SOCIAL_MODELS`) and a large cache.
let hitCapacities = [100, 10_000]
let missCapacity = 1_000
let missKeySpace = 10_000
let memoryEntries = 100_000

func keys(_ count: Int) -> [String] { (0..<count).map { "user-\(10_000 + $0)" } }

/// Per-thread key sequences, generated before timing so only cache work is measured; both caches replay
/// the same sequences within a round.
func sequences(threads: Int, length: Int, keySpace: Int) -> [[Int32]] {
    (0..<threads).map { _ in (0..<length).map { _ in Int32.random(in: 0..<Int32(keySpace)) } }
}

// MARK: Hit path

func hitRound(capacity hitCapacity: Int, threads: Int, baselineFirst: Bool) -> (ours: Double, baseline: Double) {
    let keyList = keys(hitCapacity)
    // One model per user, shared by both caches (a single shared model would make its reference count
    // the contended line for both).
    let models = keyList.map { BenchModel(user: $0) }
    let ours = try! ModelCache<String, BenchModel>(
        configuration: .init(name: "social", maxEntries: hitCapacity, idleTimeout: .seconds(3600)))
    let baseline = BaselineLRU<BenchModel>(capacity: hitCapacity)
    for (key, model) in zip(keyList, models) {
        baseline.put(key, model)
    }
    let fill = Task { for (key, model) in zip(keyList, models) { _ = try await ours.model(for: key) { _ in model } } }
    let semaphore = DispatchSemaphore(value: 0)
    Task {
        _ = await fill.result
        semaphore.signal()
    }
    semaphore.wait()
    let perThread = hitOperations / threads
    let plan = sequences(threads: threads, length: 1 << 16, keySpace: hitCapacity)
    let measureOurs = {
        Measure.seconds(threads: threads) { thread in
            let indices = plan[thread]
            var found = 0
            for operation in 0..<perThread
            where ours.cachedModel(for: keyList[Int(indices[operation & 0xFFFF])]) != nil {
                found += 1
            }
            precondition(found == perThread, "every lookup must hit")
        }
    }
    let measureBaseline = {
        Measure.seconds(threads: threads) { thread in
            let indices = plan[thread]
            var found = 0
            for operation in 0..<perThread where baseline.get(keyList[Int(indices[operation & 0xFFFF])]) != nil {
                found += 1
            }
            precondition(found == perThread, "every lookup must hit")
        }
    }
    // Alternate which runs first from round to round, so drift in machine load favours neither.
    let baselineSeconds: Double
    let oursSeconds: Double
    if baselineFirst {
        baselineSeconds = measureBaseline()
        oursSeconds = measureOurs()
    } else {
        oursSeconds = measureOurs()
        baselineSeconds = measureBaseline()
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

/// One measurement's samples over the rounds; reports medians, and the median of the per-round ratios
/// (each round measures both caches back to back, so the ratio is robust to load from other processes).
struct Samples {
    let name: String
    let unit: String
    var ours: [Double] = []
    var baseline: [Double] = []

    mutating func add(ours: Double, baseline: Double) {
        self.ours.append(ours)
        self.baseline.append(baseline)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// ours / baseline per round (higher is better for throughput).
    var ratios: [Double] { zip(ours, baseline).map { $0 / $1 } }
}

var hitRows = hitCapacities.flatMap { capacity in
    [1, 2].map { threads in
        (
            capacity, threads,
            Samples(name: "get hit, \(capacity) entries, \(threads) thread\(threads == 1 ? "" : "s")", unit: "M ops/s")
        )
    }
}
var miss = Samples(name: "get miss + load (10% hits), 1 task", unit: "k ops/s")
for round in 1...rounds {
    FileHandle.standardError.write("round \(round)/\(rounds)\n".data(using: .utf8)!)
    for index in hitRows.indices {
        let (capacity, threads, _) = hitRows[index]
        let result = hitRound(capacity: capacity, threads: threads, baselineFirst: (round + index) % 2 == 0)
        hitRows[index].2.add(ours: result.ours / 1e6, baseline: result.baseline / 1e6)
    }
    let loads = await missRound()
    miss.add(ours: loads.ours / 1e3, baseline: loads.baseline / 1e3)
}
let memory = await memoryPerEntry()

func format(_ value: Double) -> String { String(format: value >= 100 ? "%.0f" : "%.2f", value) }
print("| measurement | AIModelCache | baseline (Dictionary + class nodes + NSLock) | ratio (median, min–max) |")
print("| --- | ---: | ---: | ---: |")
for row in hitRows.map(\.2) + [miss] {
    let ratios = row.ratios
    print(
        "| \(row.name) | \(format(Samples.median(row.ours))) \(row.unit) | "
            + "\(format(Samples.median(row.baseline))) \(row.unit) | "
            + String(format: "%.2f× (%.2f–%.2f)", Samples.median(ratios), ratios.min()!, ratios.max()!) + " |")
}
print(
    "| heap per entry (\(memoryEntries) entries) | \(format(memory.ours)) bytes | \(format(memory.baseline)) bytes | "
        + String(format: "%.2f× less", memory.baseline / memory.ours) + " |")
print("")
print(
    "Hit path: a full cache of N entries, keys user-10000…, one model object per key, \(hitOperations) lookups "
        + "per measurement split over the threads, uniform random keys; miss path: capacity \(missCapacity), "
        + "\(missKeySpace) keys, \(missOperations) requests; medians of \(rounds) rounds; the "
        + "ratio is ours / baseline per round (> 1: AIModelCache is faster).")
