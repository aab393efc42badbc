import Foundation

/// The OpenAPI 3.1 description of monitoring-api, served at `GET /openapi.json`: every route, parameter, schema, error
/// and the bearer security scheme with its two roles. Built in Swift from the same switches the router is built from
/// (tokens configured, posts API present), so it describes the running server; a test checks its operations against
/// the routes the router registers.
struct OpenAPIDocument: Sendable {
    /// Whether tokens are configured: then the bearer scheme applies to every route but the open ones.
    let requiresToken: Bool
    /// Whether the posts API is registered (the server runs its workers).
    let posts: Bool

    init(access: AccessPolicy, posts: Bool) {
        requiresToken = access.requiresToken
        self.posts = posts
    }

    /// The document as JSON (sorted keys).
    var json: [UInt8] {
        // Only dictionaries, arrays, strings, numbers and booleans: serialization cannot fail.
        Array(
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
                ?? Data())
    }

    /// The document.
    var object: [String: Any] {
        var document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "Max Booster monitoring-api",
                "version": MonitoringAPIVersion.string,
                "description": """
                Queue, Redis and model-cache monitoring, the operator's console's data and admin actions, and the \
                scheduled-posts API. Instants in the console routes are epoch milliseconds; the /api/monitoring \
                reports use ISO 8601. Errors are {"error":{"code","message"}}.
                """,
            ],
            "paths": paths,
            "components": components,
        ]
        if requiresToken { document["security"] = [["bearer": [String]()]] }
        return document
    }

    /// Every (method, path) the document describes, methods upper-case, paths with `{name}` parameters.
    var operations: [(method: String, path: String)] {
        paths.flatMap { path, item in
            (item as? [String: Any] ?? [:]).keys.map { (method: $0.uppercased(), path: path) }
        }
    }

    // MARK: Building blocks

    /// Who may call an operation.
    enum Access { case none, read, admin }

    /// One operation: its id, summary, access, parameters, body and documented answers (`status: (description,
    /// schema?)`), plus 401/403 when tokens are configured and 400/404 for the router's own answers to bad paths when
    /// the path has parameters.
    func operation(
        _ id: String, _ summary: String, tag: String, access: Access, parameters: [[String: Any]] = [],
        body: [String: Any]? = nil, responses: [Int: Any]
    ) -> [String: Any] {
        var answers: [String: Any] = [:]
        for (status, response) in responses { answers[String(status)] = response }
        if parameters.contains(where: { $0["in"] as? String == "path" }) {
            answers["400"] = answers["400"] ?? error("a path segment that cannot be decoded safely")
            answers["404"] = answers["404"] ?? error("no such resource")
        }
        var operation: [String: Any] = [
            "operationId": id, "summary": summary, "tags": [tag], "responses": answers,
        ]
        if !parameters.isEmpty { operation["parameters"] = parameters }
        if let body { operation["requestBody"] = body }
        switch access {
        case .none:
            if requiresToken { operation["security"] = [[String: Any]]() }
        case .read:
            if requiresToken { answers["401"] = reference(response: "Unauthorized") }
        case .admin:
            if requiresToken {
                answers["401"] = reference(response: "Unauthorized")
                answers["403"] = reference(response: "Forbidden")
            }
        }
        operation["responses"] = answers
        return operation
    }

    /// A JSON answer of `schema` (a component name or an inline schema).
    func json(_ description: String, _ schema: Any) -> [String: Any] {
        let resolved: Any = (schema as? String).map { reference(schema: $0) } ?? schema
        return ["description": description, "content": ["application/json": ["schema": resolved]]]
    }

    /// An answer of another media type with a string body.
    func text(_ description: String, _ mediaType: String) -> [String: Any] {
        ["description": description, "content": [mediaType: ["schema": ["type": "string"]]]]
    }

    /// A JSON error answer.
    func error(_ description: String) -> [String: Any] { json(description, "Error") }

    /// `$ref` to a schema component.
    func reference(schema name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    /// `$ref` to a response component.
    func reference(response name: String) -> [String: Any] { ["$ref": "#/components/responses/\(name)"] }

    /// A path parameter (a string, percent-decoded by the server).
    func pathParameter(_ name: String, _ description: String) -> [String: Any] {
        // The router refuses (400) a segment holding `/`, `\`, NUL, or that is `.` or `..`.
        [
            "name": name, "in": "path", "required": true, "description": description,
            "schema": ["type": "string", "pattern": #"^[^/\\\x00]*[^/\\\x00.][^/\\\x00]*$"#],
        ]
    }

    /// An optional query parameter of `schema`.
    func query(_ name: String, _ description: String, _ schema: [String: Any]) -> [String: Any] {
        ["name": name, "in": "query", "required": false, "description": description, "schema": schema]
    }

    /// An integer schema in `range`.
    func integer(_ range: ClosedRange<Int>, default fallback: Int? = nil) -> [String: Any] {
        var schema: [String: Any] = ["type": "integer", "minimum": range.lowerBound, "maximum": range.upperBound]
        if let fallback { schema["default"] = fallback }
        return schema
    }

    /// A string enum schema.
    func enumeration(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }

    /// An object schema whose every listed property is required (nullable ones say so in their type).
    func object(_ properties: [String: Any], optional: Set<String> = []) -> [String: Any] {
        [
            "type": "object", "properties": properties,
            "required": properties.keys.filter { !optional.contains($0) }.sorted(),
        ]
    }

    /// `type` or null.
    func nullable(_ type: String) -> [String: Any] { ["type": [type, "null"]] }
}
