import Foundation
import XCTest

/// One version convention: every package and app with a `VERSION` file has exactly one `<Name>Version.swift`
/// whose `string` equals that file, and no other `static let version` constant exists in product code.
final class VersionConstantsTests: XCTestCase {
    func testEveryPackageAndAppStatesItsVersionOnceAndAsItsVersionFile() throws {
        let root = SystemProcess.repositoryRoot
        let manager = FileManager.default
        var checked = 0
        for top in ["Packages", "Apps"] {
            let parent = root.appendingPathComponent(top)
            for name in try manager.contentsOfDirectory(atPath: parent.path).sorted() {
                let folder = parent.appendingPathComponent(name)
                guard let version = try? String(contentsOf: folder.appendingPathComponent("VERSION"), encoding: .utf8)
                else { continue }
                let sources =
                    (manager.enumerator(atPath: folder.appendingPathComponent("Sources").path)?
                    .compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".swift") }
                let constants = sources.filter { $0.hasSuffix("Version.swift") && !$0.contains("+Version") }
                XCTAssertEqual(constants.count, 1, "\(top)/\(name): version files \(constants)")
                guard let file = constants.first else { continue }
                let text = try String(
                    contentsOf: folder.appendingPathComponent("Sources").appendingPathComponent(file), encoding: .utf8)
                XCTAssertTrue(
                    text.contains("static let string = \"\(version.trimmingCharacters(in: .whitespacesAndNewlines))\""),
                    "\(top)/\(name)/Sources/\(file) does not state VERSION's \(version)")
                for source in sources where source != file {
                    let other = try String(
                        contentsOf: folder.appendingPathComponent("Sources").appendingPathComponent(source),
                        encoding: .utf8)
                    XCTAssertFalse(
                        other.contains("static let version ="),
                        "\(top)/\(name)/Sources/\(source): a second version constant")
                }
                checked += 1
            }
        }
        XCTAssertEqual(checked, 7, "packages and apps with a VERSION file")
    }
}
