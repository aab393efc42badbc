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
        XCTAssertEqual(configuration.alertPolicy, CacheAlertPolicy())
        XCTAssertEqual(configuration.alertPolicy.utilizationRatio, 0.9)
        XCTAssertEqual(configuration.alertPolicy.minHitRateRatio, 0.5)
        XCTAssertEqual(configuration.alertPolicy.minLoads, 20)
        XCTAssertEqual(configuration.alertPolicy.memoryAlertMB, 2048)
    }

    func testEveryVariableIsRead() throws {
        let configuration = try Manager.Configuration(environment: [
            "MAX_SOCIAL_MODELS": "7", "MAX_ADVERTISING_MODELS": " 3 ", "MODEL_IDLE_TIMEOUT_MS": "1500",
            "AI_CACHE_UTILIZATION_ALERT": "0.8", "AI_CACHE_MIN_HIT_RATE": "0.25", "AI_CACHE_MIN_LOADS": "5",
            "AI_MEMORY_ALERT_MB": "1536",
        ])
        XCTAssertEqual(configuration.social.maxEntries, 7)
        XCTAssertEqual(configuration.advertising.maxEntries, 3)
        XCTAssertEqual(configuration.social.idleTimeout, .milliseconds(1500))
        XCTAssertEqual(configuration.advertising.idleTimeout, .milliseconds(1500))
        XCTAssertEqual(
            configuration.alertPolicy,
            CacheAlertPolicy(utilizationRatio: 0.8, minHitRateRatio: 0.25, minLoads: 5, memoryAlertMB: 1536))
    }

    func testBadValuesFailWithAnErrorNamingTheVariableAndValue() {
        let cases: [(String, String)] = [
            ("MAX_SOCIAL_MODELS", "0"), ("MAX_SOCIAL_MODELS", "ten"), ("MAX_ADVERTISING_MODELS", "-1"),
            ("MODEL_IDLE_TIMEOUT_MS", "0"), ("MODEL_IDLE_TIMEOUT_MS", "1.5"), ("AI_CACHE_UTILIZATION_ALERT", "90"),
            ("AI_CACHE_UTILIZATION_ALERT", "0"), ("AI_CACHE_MIN_HIT_RATE", "1.5"), ("AI_CACHE_MIN_LOADS", "-3"),
            ("AI_MEMORY_ALERT_MB", "0"), ("AI_MEMORY_ALERT_MB", "nan"),
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
