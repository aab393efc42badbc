import HTTPServe

/// `GET /`: a minimal page linking the endpoints (the dashboard is a later issue).
enum IndexPage {
    static func response() -> Response {
        let links =
            APIRoutes.paths.map { "<li><a href=\"\($0)\">\($0)</a></li>" }
            + ["<li><code>/api/monitoring/queue-metrics/&lt;queueName&gt;</code></li>"]
        let html = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Max Booster monitoring</title></head>
            <body><h1>Max Booster monitoring-api \(MonitoringAPIVersion.string)</h1>
            <ul>\(links.joined())</ul></body></html>

            """
        return Response(status: 200, headers: ["Content-Type": "text/html; charset=utf-8"], body: Array(html.utf8))
    }
}
