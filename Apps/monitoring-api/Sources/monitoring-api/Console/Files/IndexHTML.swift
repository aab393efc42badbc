// swift-format-ignore-file
// The console's index.html, served at /: HTML in a Swift raw string (ADR 11), edited here.

extension ConsoleAssetFiles {
    static let indexHTML = ConsoleAssetFile(
        name: "index.html",
        text: ##"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Max Booster console</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/console.css">
<script type="module" src="/assets/app.js"></script>
</head>
<body>
<header class="top">
  <a class="brand" href="#/">Max Booster</a>
  <nav>
    <a href="#/" data-nav="overview">Overview</a>
    <a href="#/alerts" data-nav="alerts">Alerts</a>
    <a href="#/models" data-nav="models">AI models</a>
  </nav>
  <span class="spacer"></span>
  <span id="updated" class="muted"></span>
  <span id="role" class="badge"></span>
  <button id="forget-token" type="button" class="link" hidden>Forget token</button>
</header>
<div id="banner" role="alert" hidden></div>
<main id="page"><p class="muted">Loading…</p></main>
<noscript><p class="panel">The console needs JavaScript. The JSON API is under /api/monitoring/.</p></noscript>
<dialog id="token-dialog">
  <form id="token-form">
    <h2>API token</h2>
    <p>This server needs a bearer token (<code>API_TOKEN</code> for admin, <code>API_READ_TOKEN</code> to read).
      It is kept for this browser tab only and never put in a URL.</p>
    <p id="token-error" class="error" hidden></p>
    <label>Token <input id="token-input" type="password" autocomplete="off" required></label>
    <div class="actions"><button type="submit" id="token-submit">Use token</button></div>
  </form>
</dialog>
<dialog id="confirm-dialog">
  <form id="confirm-form">
    <h2 id="confirm-title">Confirm</h2>
    <p id="confirm-message"></p>
    <div class="actions">
      <button type="button" id="confirm-cancel">Cancel</button>
      <button type="submit" id="confirm-ok" class="danger">Confirm</button>
    </div>
  </form>
</dialog>
<div id="toast" role="status" hidden></div>
</body>
</html>

"""##)
}
