/// One file of the console: its name under `/assets/` (`index.html` is the shell at `/`) and its text.
struct ConsoleAssetFile: Sendable {
    /// The file name, with the extension that decides its `Content-Type`.
    let name: String
    /// Its content.
    let text: String
}

/// The console's files, written as Swift source in `Console/Files/` (one file each), so the binary carries the
/// whole console with no file beside it to lose and no generation step (ADR 11). A new file is added here too.
enum ConsoleAssetFiles {
    /// Every file served.
    static let files: [ConsoleAssetFile] = [
        adminJS,
        alertsJS,
        apiJS,
        appJS,
        chartsJS,
        consoleCSS,
        domJS,
        faviconSVG,
        indexHTML,
        jobJS,
        modelsJS,
        overviewJS,
        queueJS,
    ]
}
