import AIModelCache
import XCTest

final class ConfigurationTests: XCTestCase {
    private typealias Manager = ModelCacheManager<TestModel, TestModel>

    func testAnEmptyEnvironmentGivesTheDesignDefaults() throws {
        let configuration = try Manager.Configuration(environment: [:])
        XCTAssertEqual(configuration.social.name, "social")
        XCTAssertEqual(configuration.social.maxEntries, 100)
        XCTAssertEqual(configuration.advertising.name, "advertising")
        XCTAssertEqual(configuration.advertising.maxEntries, 50)
        XCTAssertEqual(configuration.social.idleTimeout, .milliseconds(1_800_000))
        XCTAssertEqual(configuration.advertising.evictionLogCapacity, 1000)
    }

    func testEveryVariableIsRead() throws {
        let configuration = try Manager.Configuration(environment: [
            "MAX_SOCIAL_MODELS": "7", "MAX_ADVERTISING_MODELS": " 3 ", "MODEL_IDLE_TIMEOUT_MS": "1500",
        ])
        XCTAssertEqual(configuration.social.maxEntries, 7)
        XCTAssertEqual(configuration.advertising.maxEntries, 3)
        XCTAssertEqual(configuration.social.idleTimeout, .milliseconds(1500))
        XCTAssertEqual(configuration.advertising.idleTimeout, .milliseconds(1500))
    }

    func testTheAlertThresholdVariablesAreMonitoringsAndNotReadHere() throws {
        // Monitoring accepts `90%`; the cache manager must not refuse what it does not own.
        let environment = [
            "AI_CACHE_UTILIZATION_ALERT": "90%", "AI_CACHE_MIN_HIT_RATE": "50%", "AI_CACHE_MIN_LOADS": "x",
            "AI_MEMORY_ALERT_MB": "0",
        ]
        XCTAssertEqual(try Manager.Configuration(environment: environment), Manager.Configuration())
    }

    func testBadValuesFailWithAnErrorNamingTheVariableAndValue() {
        let cases: [(String, String)] = [
            ("MAX_SOCIAL_MODELS", "0"), ("MAX_SOCIAL_MODELS", "ten"), ("MAX_ADVERTISING_MODELS", "-1"),
            ("MODEL_IDLE_TIMEOUT_MS", "0"), ("MODEL_IDLE_TIMEOUT_MS", "1.5"),
        ]
        for (name, value) in cases {
            XCTAssertThrowsError(try Manager.Configuration(environment: [name: value]), "\(name)=\(value)") { error in
                let error = error as? ModelCacheError
                XCTAssertEqual(error?.code, .invalidConfiguration)
                XCTAssertTrue(error?.message.contains("\(name)='\(value)'") ?? false, error?.message ?? "")
            }
        }
    }

    func testImpossibleCacheSettingsAreRejectedByValidate() {
        let bad: [ModelCache<String, TestModel>.Configuration] = [
            .init(maxEntries: 0), .init(maxBytes: 0), .init(idleTimeout: .zero), .init(loadTimeout: .seconds(-1)),
            .init(evictionLogCapacity: 0), .init(name: ""),
        ]
        for configuration in bad {
            XCTAssertThrowsError(try ModelCache<String, TestModel>(configuration: configuration)) { error in
                XCTAssertEqual((error as? ModelCacheError)?.code, .invalidConfiguration)
            }
        }
        XCTAssertNoThrow(try ModelCache<String, TestModel>(configuration: .init()))
    }

    func testTheVersionConstantMatchesTheVersionFile() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("VERSION")
        let version = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(AIModelCacheVersion.string, version)
    }
}
