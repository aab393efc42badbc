import Essentials
import Foundation

/// Everything maxctl prints: readable tables on stdout, one JSON document with `--json`, errors on stderr.
enum Output {
    /// Prints `value` as one key-sorted JSON document: pretty, or on one line (for streams of documents,
    /// flushed at once so a pipe sees each line as it happens).
    static func printJSON<Value: Encodable>(_ value: Value, pretty: Bool = true) {
        guard let data = try? JSONCoding.encoder(pretty: pretty, iso8601Dates: true).encode(value) else {
            printError("could not encode the result as JSON")
            return
        }
        let text = String(decoding: data, as: UTF8.self)
        pretty ? print(text) : StandardOutput.writeLine(text)
    }

    /// Prints a message on stderr, prefixed `maxctl: `.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("maxctl: \(message)\n".utf8))
    }

    /// The doctor's table: one line per check, the fix hint under each one that is not ok.
    static func printDoctor(_ report: DoctorReport) {
        let width = report.checks.map(\.name.count).max() ?? 0
        for check in report.checks {
            let name = check.name.padding(toLength: width, withPad: " ", startingAt: 0)
            print("\(marker(check.status))  \(name)  \(check.message)")
            if let hint = check.hint { print("      \(String(repeating: " ", count: width))  fix: \(hint)") }
        }
        print("\nstatus: \(report.status.rawValue)")
    }

    private static func marker(_ status: DoctorCheck.Status) -> String {
        switch status {
        case .ok: "ok  "
        case .warning: "WARN"
        case .critical: "FAIL"
        }
    }
}
