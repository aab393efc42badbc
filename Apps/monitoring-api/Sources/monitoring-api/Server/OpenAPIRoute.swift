import HTTPServe

/// `GET /openapi.json`: the API's description, served without a token (it holds no data).
enum OpenAPIRoute {
    static func register(into routes: inout RouteTable, document: OpenAPIDocument) {
        let body = document.json
        routes.open("GET", "/openapi.json") { _ in
            Response(status: 200, headers: ["Content-Type": "application/json; charset=utf-8"], body: body)
        }
    }
}
