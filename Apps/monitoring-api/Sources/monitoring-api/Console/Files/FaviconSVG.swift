// swift-format-ignore-file
// The console's favicon.svg, served at /assets/favicon.svg: SVG in a Swift raw string (ADR 11), edited here.

extension ConsoleAssetFiles {
    static let faviconSVG = ConsoleAssetFile(
        name: "favicon.svg",
        text: ##"""
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f4e79"/><path d="M3 12V4l5 5 5-5v8" fill="none" stroke="#fff" stroke-width="2"/></svg>

"""##)
}
