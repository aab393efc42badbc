// swift-format-ignore-file
// The console's console.css, served at /assets/console.css: CSS in a Swift raw string (ADR 11), edited here.

extension ConsoleAssetFiles {
    static let consoleCSS = ConsoleAssetFile(
        name: "console.css",
        text: ##"""
/* The console's one stylesheet: no inline style anywhere (the CSP forbids it). */
:root {
  --bg: #f4f6f8; --panel: #fff; --text: #1d2733; --muted: #66707a; --line: #d9dee3; --accent: #1f4e79;
  --healthy: #2e8540; --warning: #d98c00; --critical: #c62828; --unknown: #8a939b; --info: #2f6fb0;
  font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 14px;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); }
a { color: var(--accent); }
h1 { font-size: 20px; margin: 8px 0 12px; display: flex; align-items: center; gap: 8px; }
h2 { font-size: 15px; margin: 0 0 8px; }
code, pre { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
pre { background: #f7f8fa; border: 1px solid var(--line); padding: 8px; overflow: auto; max-height: 320px;
  white-space: pre-wrap; word-break: break-word; margin: 0; }
.top { display: flex; align-items: center; gap: 16px; padding: 8px 16px; background: var(--accent); color: #fff; }
.top a { color: #fff; text-decoration: none; padding: 4px 8px; border-radius: 4px; }
.top a.active, .top a:hover { background: rgba(255, 255, 255, 0.18); }
.top .brand { font-weight: bold; }
.top nav { display: flex; gap: 4px; }
.top .muted { color: #d5e2ef; }
.spacer { flex: 1; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 1px 6px; border-radius: 8px; font-size: 11px; background: #e3e7eb;
  color: var(--text); font-weight: normal; }
.badge.paused { background: #fff0cc; color: #7a5200; }
.badge.role-read { background: #e0ecf8; }
.badge.role-admin { background: #fde2e1; }
button { font: inherit; padding: 4px 10px; border: 1px solid var(--line); border-radius: 4px; background: #fff;
  cursor: pointer; }
button.admin, button.danger { border-color: #d9a4a4; background: #fff5f5; }
button.link { background: none; border: none; color: #fff; text-decoration: underline; }
input, select { font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 4px; }
input.short { width: 100px; }
#banner { padding: 10px 16px; font-weight: bold; }
#banner.outage { background: var(--critical); color: #fff; }
#banner.info { background: #e0ecf8; color: var(--text); }
main { padding: 12px 16px 40px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 12px; margin-bottom: 12px;
  overflow-x: auto; }
.error-panel { border-color: #e6b3b3; }
.error { color: var(--critical); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; }
.cards .panel { margin-bottom: 12px; }
.toolbar { display: flex; align-items: center; gap: 8px; margin-bottom: 8px; }
.toolbar h2 { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--line); vertical-align: middle; }
th { font-size: 12px; color: var(--muted); font-weight: normal; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.name { white-space: nowrap; max-width: 320px; overflow: hidden; text-overflow: ellipsis; }
td.reason { max-width: 360px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
th.spark-h { text-align: center; }
td.spark-c { padding: 2px 4px; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px;
  background: var(--unknown); vertical-align: middle; }
.dot.healthy { background: var(--healthy); }
.dot.warning { background: var(--warning); }
.dot.critical { background: var(--critical); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 12px; margin: 0 0 8px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; font-variant-numeric: tabular-nums; }
.warn { color: var(--warning); font-weight: bold; }
ul.alerts { margin: 0 0 8px; padding: 0; list-style: none; }
ul.alerts li { padding: 3px 0; }
svg.spark { display: block; }
svg.spark .line, svg.chart .line { fill: none; stroke: var(--accent); stroke-width: 1.5; }
svg.spark .point { fill: var(--accent); }
svg.chart { width: 100%; max-width: 560px; height: auto; }
svg.chart .frame { fill: #fbfcfd; stroke: var(--line); }
svg.chart .grid { stroke: #eef1f4; }
svg.chart .axis { font-size: 10px; fill: var(--muted); }
svg.chart .threshold { stroke: var(--warning); stroke-dasharray: 5 4; stroke-width: 1.2; }
svg.chart .threshold.critical { stroke: var(--critical); }
svg.chart .threshold.resolve { stroke: var(--healthy); stroke-dasharray: 2 4; }
svg.chart .threshold-label { font-size: 10px; fill: var(--warning); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 8px; }
figure { margin: 0; }
figcaption { font-size: 12px; color: var(--muted); }
.queue-head .facts { grid-template-columns: repeat(9, max-content); grid-auto-flow: column;
  grid-template-rows: auto auto; gap: 2px 18px; }
.admin-bar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 12px; }
.admin-bar:empty { display: none; }
.tabs { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 8px; }
.tabs a { padding: 3px 8px; border: 1px solid var(--line); border-radius: 4px; text-decoration: none; }
.tabs a.active { background: var(--accent); color: #fff; border-color: var(--accent); }
.pager { display: flex; gap: 12px; margin-top: 6px; }
.crumbs { margin: 0 0 4px; color: var(--muted); }
.state-failed { background: #fde2e1; }
.state-completed { background: #e1f3e4; }
body.stale main .num, body.stale main dd, body.stale main svg { opacity: 0.45; }
body.stale main .panel { background-image: repeating-linear-gradient(135deg, transparent 0 12px, #f1f1f1 12px 14px); }
dialog { border: 1px solid var(--line); border-radius: 8px; max-width: 460px; }
dialog::backdrop { background: rgba(0, 0, 0, 0.35); }
dialog label { display: flex; gap: 8px; align-items: center; }
dialog input { flex: 1; }
.actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 12px; }
#toast { position: fixed; bottom: 16px; right: 16px; background: var(--text); color: #fff; padding: 8px 14px;
  border-radius: 6px; max-width: 420px; }
#toast.error { background: var(--critical); }

"""##)
}
