import Essentials
import Foundation
import HTTPServe

/// The console's static files (`GET /` and `GET /assets/{file}`), embedded in the binary from
/// ``ConsoleAssetFiles`` and served without a token: a browser cannot send a bearer token when it navigates,
/// and the files hold no data (the page asks for a token before it reads any).
///
/// Every answer carries a strict Content-Security-Policy (`default-src 'self'`, no inline script or style,
/// no frames, no plugins), `nosniff`, `no-referrer` and `Cache-Control: no-cache` with a strong `ETag`, so a
/// browser revalidates (a 304 when unchanged) and an upgraded server is picked up at the next load.
enum ConsoleAssets {
    /// One embedded file.
    struct Asset: Sendable {
        /// Its `Content-Type`.
        let contentType: String
        /// Its bytes.
        let body: [UInt8]
        /// `"<sha-256 hex prefix>"`, a strong validator.
        let etag: String
    }

    /// The policy every console response carries.
    static let contentSecurityPolicy =
        "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"

    /// The embedded files by name (`index.html` is the shell at `/`).
    static let files: [String: Asset] = {
        var files: [String: Asset] = [:]
        for file in ConsoleAssetFiles.files {
            let body = Array(file.text.utf8)
            files[file.name] = Asset(
                contentType: contentType(of: file.name), body: body,
                etag: "\"" + SHA256.hash(body).prefix(16).lowercaseHex + "\"")
        }
        return files
    }()

    /// `GET /`: the page shell.
    static func shell(_ request: Request) -> Response {
        response(file: "index.html", request)
    }

    /// `GET /assets/{file}`: an embedded file, 304 when `If-None-Match` names its `ETag`, or a JSON 404.
    static func asset(_ request: Request) -> Response {
        let name = request.parameters["file"] ?? ""
        // The shell is served at `/` only; every other file under /assets/.
        guard name != "index.html", files[name] != nil else {
            return .error(status: 404, code: "unknown_asset", message: "no console file named '\(name)'")
        }
        return response(file: name, request)
    }

    private static func response(file name: String, _ request: Request) -> Response {
        guard let asset = files[name] else {
            return .error(status: 500, code: "missing_asset", message: "the console's \(name) is not embedded")
        }
        var headers: HTTPHeaders = [
            "Content-Security-Policy": contentSecurityPolicy, "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY", "Cache-Control": "no-cache",
            "ETag": asset.etag,
        ]
        if let match = request.headers["If-None-Match"],
            match.split(separator: ",").contains(where: {
                $0.trimmingCharacters(in: .whitespaces) == asset.etag
            })
        {
            return Response(status: 304, headers: headers)
        }
        headers.add(name: "Content-Type", value: asset.contentType)
        return Response(status: 200, headers: headers, body: asset.body)
    }

    /// The media type of a console file, by its extension.
    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last {
        case "html": "text/html; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        default: "application/octet-stream"
        }
    }
}
