import AIModelCache
import XCTest

final class ConfigurationTests: XCTestCase {
    private typealias Manager = ModelCacheManager<TestModel, TestModel>

    func testTheDefaultsAreTheDesignValues() {
        let configuration = Manager.Configuration()
        XCTAssertEqual(configuration.social.name, "social")
        XCTAssertEqual(configuration.social.maxEntries, 100)
        XCTAssertEqual(configuration.advertising.name, "advertising")
        XCTAssertEqual(configuration.advertising.maxEntries, 50)
        XCTAssertEqual(configuration.social.idleTimeout, .milliseconds(1_800_000))
        XCTAssertEqual(configuration.advertising.evictionLogCapacity, 1000)
    }

    func testTheSizesAndTimeoutInitialiserSetsBothCaches() throws {
        let configuration = Manager.Configuration(
            maxSocialModels: 7, maxAdvertisingModels: 3, idleTimeout: .seconds(90))
        XCTAssertEqual(configuration.social.maxEntries, 7)
        XCTAssertEqual(configuration.advertising.maxEntries, 3)
        XCTAssertEqual(configuration.social.idleTimeout, .seconds(90))
        XCTAssertEqual(configuration.advertising.idleTimeout, .seconds(90))
        XCTAssertEqual(
            Manager.Configuration(maxSocialModels: 100, maxAdvertisingModels: 50, idleTimeout: .seconds(1800)),
            Manager.Configuration())
        XCTAssertNoThrow(try Manager(configuration: configuration))
    }

    func testTheManagerRefusesImpossibleSizesAndTimeouts() {
        let bad: [Manager.Configuration] = [
            .init(maxSocialModels: 0, maxAdvertisingModels: 1, idleTimeout: .seconds(1)),
            .init(maxSocialModels: 1, maxAdvertisingModels: ModelCacheLimits.maxEntries + 1, idleTimeout: .seconds(1)),
            .init(maxSocialModels: 1, maxAdvertisingModels: 1, idleTimeout: .zero),
        ]
        for configuration in bad {
            XCTAssertThrowsError(try Manager(configuration: configuration)) { error in
                XCTAssertEqual((error as? ModelCacheError)?.code, .invalidConfiguration)
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
