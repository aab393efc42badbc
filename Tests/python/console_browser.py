"""The console in a real headless browser: the checks of the browser system test, and the first-render benchmark.

    console_browser.py check CONFIG_JSON   runs every check; prints one JSON line {"checks": [...], "screenshots": [...]}
    console_browser.py bench CONFIG_JSON   loads the overview `runs` times; prints one JSON line of measurements

CONFIG_JSON: {"baseURL", "adminToken", "readToken", "outDir", "redisPid", "mainQueue", "xssQueue", "failedJob",
"scriptJob", "runs"}. Exit 0 when the program ran (the checks say what passed), 2 when it could not run.
"""

import json
import os
import signal
import sys
import time
import traceback

from devtools import Browser, DevToolsError

TOKEN_KEY = "maxbooster.console.token"


class Checks:
    def __init__(self):
        self.results = []

    def record(self, name, ok, detail=""):
        self.results.append({"name": name, "ok": bool(ok), "detail": detail if isinstance(detail, str) else
                             json.dumps(detail)[:2000]})


def js(value):
    return json.dumps(value)


def hash_path(*segments):
    from urllib.parse import quote
    return "#/" + "/".join(quote(str(s), safe="") for s in segments)


class Scenario:
    def __init__(self, browser, config, checks):
        self.b = browser
        self.config = config
        self.checks = checks
        self.base = config["baseURL"].rstrip("/")
        self.shots = []

    # --- helpers ---------------------------------------------------------------------------------------

    def phase(self, name, body, allow=lambda text: False):
        """Runs `body`; records its failure, then that it logged no error and asked no other host."""
        mark = self.b.mark()
        try:
            body()
        except Exception as error:  # one failing phase must not hide the others
            self.checks.record(name, False, f"{type(error).__name__}: {error}\n{traceback.format_exc()[-1500:]}")
        errors = self.b.errors_since(mark, allow)
        self.checks.record(name + ": no console error", not errors, errors)
        outside = [url for url in self.b.requests_since(mark) if not url.startswith(self.base + "/")]
        self.checks.record(name + ": no request outside the server", not outside, outside)

    def go(self, fragment):
        """Navigates within the page and waits for the page's next complete render."""
        self.b.evaluate("delete document.body.dataset.rendered; location.hash = %s; true" % js(fragment))
        self.b.wait_for("document.body.dataset.rendered", 20, f"a render of {fragment}")

    def shot(self, name):
        path = os.path.join(self.config["outDir"], name + ".png")
        self.b.screenshot(path)
        self.shots.append(path)

    def text(self, selector):
        return self.b.evaluate("(document.querySelector(%s) || {}).textContent || null" % js(selector))

    def enter_token(self, value):
        self.b.wait_for("document.getElementById('token-dialog').open", 20, "the token dialog")
        self.b.type_into("#token-input", value)
        self.b.click("#token-submit")
        self.b.wait_for("document.body.dataset.rendered && document.body.dataset.role", 20,
                        "the first render after the token")

    def fetch(self, method, path):
        """Status of a request sent from the page with the session's token."""
        return self.b.evaluate(
            "fetch(%s, {method: %s, headers: {Authorization: 'Bearer ' + sessionStorage.getItem(%s),"
            " 'Content-Type': 'application/json'}, body: %s}).then(r => r.status)"
            % (js(path), js(method), js(TOKEN_KEY), "'{}'" if method == "POST" else "undefined"))

    # --- the checks ------------------------------------------------------------------------------------

    def run(self):
        c = self.config
        self.b.navigate(self.base + "/")
        self.phase("token asked once, then the overview", self.token_and_overview,
                   allow=lambda t: "status of 401" in t)
        self.phase("overview numbers equal the API's", self.numbers)
        self.phase("overview filter and sort", self.filter_and_sort)
        self.phase("XSS names and data render as text", self.xss)
        self.phase("queue page", self.queue_page)
        self.phase("job detail", self.job_page)
        self.phase("alerts page", lambda: self.simple_page("#/alerts", "alerts", "#alerts-active"))
        self.phase("AI models page", lambda: self.simple_page("#/models", "models", "#models-summary .panel"))
        self.phase("unknown queue and job are 404s on the page", self.not_found,
                   allow=lambda t: "status of 404" in t)
        self.phase("admin action through the page: retry the failed job", self.admin_retry)
        self.phase("Redis outage banner and recovery", self.outage)
        self.phase("read token: no admin controls, writes refused", self.read_token,
                   allow=lambda t: "status of 401" in t or "status of 403" in t)
        del c

    def token_and_overview(self):
        self.enter_token(self.config["adminToken"])
        self.b.wait_for("document.body.dataset.page === 'overview' && document.querySelectorAll('#queue-rows tr"
                        "[data-queue]').length >= 2", 20, "the overview's queue rows")
        role = self.text("#role")
        self.checks.record("admin token: role badge says admin", role == "admin", role)
        stored = self.b.evaluate("sessionStorage.getItem(%s)" % js(TOKEN_KEY))
        self.checks.record("the token is kept in sessionStorage", stored == self.config["adminToken"], "")
        in_url = self.b.evaluate("location.href")
        self.checks.record("the token is not in the URL", self.config["adminToken"] not in in_url, in_url)
        # The mark tells the reloaded document from the old one, which may still answer right after reload().
        self.b.evaluate("window.beforeReload = true; location.reload(); true")
        self.b.wait_for("!window.beforeReload && document.body && document.body.dataset.rendered", 20,
                        "a render after a reload")
        asked = self.b.evaluate("document.getElementById('token-dialog').open")
        self.checks.record("a reload does not ask again (once per session)", not asked, "")
        self.shot("overview")

    def numbers(self):
        script = """(async () => {
          const token = sessionStorage.getItem(%s);
          const answer = await fetch('/api/console/overview?points=60', {headers: {Authorization: 'Bearer ' + token}});
          const o = await answer.json();
          const seen = (t) => t === null || t.trim() === '—' ? null : Number(t.replace(/,/g, ''));
          const field = (root, f) => { const e = root.querySelector('[data-field="' + f + '"]'); return e ? e.textContent : null; };
          const bad = [];
          for (const q of o.queues) {
            const row = [...document.querySelectorAll('#queue-rows tr')].find((tr) => tr.dataset.queue === q.name);
            if (!row) { bad.push('no row for ' + q.name); continue; }
            for (const f of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
              const want = q.counts ? q.counts[f] : null;
              if (seen(field(row, f)) !== want) bad.push(q.name + ' ' + f + ': page ' + field(row, f) + ', API ' + want);
            }
            if (seen(field(row, 'workers')) !== (q.workers ?? null)) bad.push(q.name + ' workers');
            if (row.dataset.status !== q.status) bad.push(q.name + ' status');
          }
          if (o.posts) for (const f of ['scheduled', 'published', 'failed']) {
            if (seen(field(document, 'posts-' + f)) !== o.posts[f]) bad.push('posts ' + f);
          } else bad.push('posts are null: ' + o.postsError);
          if (field(document, 'redis-policy') !== o.redis.maxmemoryPolicy) bad.push('redis policy');
          if (seen(field(document, 'social-size').split('/')[1]) !== o.caches.social.maxSize) bad.push('social max');
          return {bad, queues: o.queues.length};
        })()""" % js(TOKEN_KEY)
        result = None
        for _ in range(5):  # the workers' own queues move between a render and the check: a later render agrees
            self.b.wait_for("document.body.dataset.rendered", 20)
            result = self.b.evaluate(script)
            if not result["bad"]:
                break
            self.b.pump(0.6)
        self.checks.record("every queue's counts, workers and status, posts, Redis and caches match",
                           result and not result["bad"] and result["queues"] >= 2, result)

    def filter_and_sort(self):
        main = self.config["mainQueue"]
        self.b.type_into("#queue-filter", main)
        rows = self.b.wait_for("(() => { const r = [...document.querySelectorAll('#queue-rows tr[data-queue]')];"
                               " return r.length === 1 ? r.map((tr) => tr.dataset.queue) : null; })()", 10,
                               "one row after filtering")
        self.checks.record("the filter keeps the matching queue only", rows == [main], rows)
        self.b.evaluate("const f = document.getElementById('queue-filter'); f.value = '';"
                        " f.dispatchEvent(new Event('input')); const s = document.getElementById('queue-sort');"
                        " s.value = 'name'; s.dispatchEvent(new Event('change')); true")
        names = self.b.evaluate("[...document.querySelectorAll('#queue-rows tr[data-queue]')].map((tr) => tr.dataset.queue)")
        self.checks.record("sorting by name orders the rows", names == sorted(names, key=lambda n: n.lower()) or
                           names == sorted(names), names)

    def xss(self):
        name = self.config["xssQueue"]
        link = self.b.evaluate("(() => { const tr = [...document.querySelectorAll('#queue-rows tr')]"
                               ".find((r) => r.dataset.queue === %s); return tr ? tr.querySelector('a').textContent"
                               " : null; })()" % js(name))
        self.checks.record("the XSS queue name is shown as text in the overview", link == name, link)
        self.go(hash_path("queue", name))
        shown = self.text("#queue-name")
        self.checks.record("the XSS queue name is shown as text on its page", shown == name, shown)
        images = self.b.evaluate("document.querySelectorAll('img').length")
        self.checks.record("no element was made from the name", images == 0, images)
        self.go(hash_path("queue", self.config["mainQueue"], "job", self.config["scriptJob"]))
        data = self.text("#job-data") or ""
        self.checks.record("job data holding </script> is shown as text", "</script>" in data, data[:300])
        scripts = self.b.evaluate("document.scripts.length")
        self.checks.record("the page has only its own script", scripts == 1, scripts)

    def queue_page(self):
        main = self.config["mainQueue"]
        self.go(hash_path("queue", main))
        self.b.wait_for("document.querySelectorAll('#history svg.chart').length >= 5", 20, "the history charts")
        thresholds = self.b.evaluate("document.querySelectorAll('#history line.threshold').length")
        self.checks.record("history charts draw the queue's thresholds", thresholds >= 1, thresholds)
        failed = self.b.evaluate("[...document.querySelectorAll('#jobs tr[data-job]')].map((tr) => tr.dataset.job)")
        self.checks.record("the failed tab lists the failed job", self.config["failedJob"] in (failed or []), failed)
        admin = self.b.evaluate("[...document.querySelectorAll('[data-admin]')].map((b) => b.dataset.admin)")
        self.checks.record("an admin sees the queue's admin actions",
                           {"Pause", "Retry all failed", "Clean"} <= set(admin or []), admin)
        schedulers = self.b.evaluate("document.querySelector('#schedulers').textContent")
        self.checks.record("the queue's job scheduler is listed", "nightly-report" in (schedulers or ""), schedulers)
        count = self.text('[data-field="count-waiting"]')
        self.checks.record("the queue's counts are shown", count not in (None, "—"), count)
        self.shot("queue")
        self.go(hash_path("queue", main, "waiting", 0))
        rows = self.b.evaluate("document.querySelectorAll('#jobs tr[data-job]').length")
        self.checks.record("the waiting tab lists jobs", rows >= 1, rows)

    def job_page(self):
        self.go(hash_path("queue", self.config["mainQueue"], "job", self.config["failedJob"]))
        state = self.text("#job-state")
        reason = self.text("#job-failed-reason")
        stack = self.text("#job-stack")
        logs = self.text("#job-logs")
        self.checks.record("job detail shows state, failed reason, stack and logs",
                           state == "failed" and reason and stack and logs, [state, reason, stack, logs])
        self.shot("job")

    def simple_page(self, fragment, name, selector):
        self.go(fragment)
        present = self.b.wait_for("document.querySelector(%s) !== null" % js(selector), 10)
        self.checks.record(f"the {name} page renders", present, "")
        self.shot(name)

    def not_found(self):
        self.go(hash_path("queue", "no-such-queue-" + str(os.getpid())))
        code = self.b.wait_for("(document.querySelector('#history [data-error]') || {dataset: {}}).dataset.error", 10)
        self.checks.record("an unknown queue shows a 404 panel", code == "unknown_queue", code)
        self.go(hash_path("queue", self.config["mainQueue"], "job", "no-such-job"))
        code = self.b.wait_for("(document.querySelector('#job [data-error]') || {dataset: {}}).dataset.error", 10)
        self.checks.record("an unknown job shows a 404 panel", code == "unknown_job", code)

    def admin_retry(self):
        job = self.config["failedJob"]
        self.go(hash_path("queue", self.config["mainQueue"], "job", job))
        self.b.click('[data-admin="Retry job"]')
        self.b.wait_for("document.getElementById('confirm-dialog').open", 10, "the confirmation")
        question = self.text("#confirm-message")
        self.checks.record("the admin action asks for confirmation", question and job in question, question)
        self.b.click("#confirm-ok")
        toast = self.b.wait_for("(() => { const t = document.getElementById('toast');"
                                " return t.hidden ? null : t.textContent; })()", 15, "the action's result")
        self.checks.record("the page reports the retry done", "done" in toast, toast)
        state = self.b.wait_for("(async () => { const r = await fetch(%s, {headers: {Authorization: 'Bearer ' +"
                                " sessionStorage.getItem(%s)}}); const j = await r.json();"
                                " return j.state !== 'failed' ? j.state : null; })()"
                                % (js(f"/api/queues/{self.config['mainQueue']}/jobs/{job}"), js(TOKEN_KEY)), 15)
        self.checks.record("the retried job left the failed state", state in ("waiting", "active", "completed",
                                                                               "prioritized"), state)

    def outage(self):
        pid = int(self.config["redisPid"])
        self.go("#/")
        os.kill(pid, signal.SIGSTOP)
        try:
            banner = self.b.wait_for("(() => { const b = document.getElementById('banner');"
                                     " return !b.hidden && b.className === 'outage' ? b.textContent : null; })()",
                                     30, "the outage banner")
            stale = self.b.evaluate("document.body.classList.contains('stale')")
            self.checks.record("a Redis outage shows the banner and marks the figures stale",
                               "Redis" in banner and stale, banner)
            self.shot("outage")
        finally:
            os.kill(pid, signal.SIGCONT)
        cleared = self.b.wait_for("document.getElementById('banner').hidden &&"
                                  " !document.body.classList.contains('stale')", 30, "the banner cleared")
        self.checks.record("Redis back: the banner clears by itself", cleared, "")

    def read_token(self):
        self.b.click("#forget-token")
        self.enter_token(self.config["readToken"])
        role = self.text("#role")
        self.checks.record("read token: role badge says read", role == "read", role)
        main = self.config["mainQueue"]
        self.go(hash_path("queue", main))
        self.b.wait_for("document.querySelectorAll('#history svg.chart').length >= 1", 20)
        controls = self.b.evaluate("document.querySelectorAll('[data-admin], button.admin').length")
        self.checks.record("read token: no admin control on the queue page", controls == 0, controls)
        self.shot("queue-read-token")
        self.go(hash_path("queue", main, "job", self.config["failedJob"]))
        controls = self.b.evaluate("document.querySelectorAll('[data-admin], button.admin').length")
        self.checks.record("read token: no admin control on the job page", controls == 0, controls)
        statuses = [self.fetch("POST", f"/api/queues/{main}/jobs/{self.config['failedJob']}/retry"),
                    self.fetch("POST", f"/api/queues/{main}/pause")]
        self.checks.record("read token: the API refuses writes with 403", statuses == [403, 403], statuses)


def bench(browser, config):
    """First render of the overview, `runs` times, each a fresh load with the token already in the session."""
    base = config["baseURL"].rstrip("/")
    browser.navigate(base + "/")
    browser.wait_for("document.readyState === 'complete'", 20)
    browser.evaluate("sessionStorage.setItem(%s, %s); true" % (js(TOKEN_KEY), js(config["adminToken"])))
    renders = []
    weights = None
    for _ in range(int(config.get("runs", 10))):
        browser.navigate(base + "/?run=" + str(time.monotonic()))
        browser.wait_for("performance.getEntriesByName('console-first-render').length > 0", 30, "the first render")
        renders.append(browser.evaluate("performance.getEntriesByName('console-first-render')[0].startTime"))
        # What the page loaded, each file fetched again for its size (a revalidated file reports no body size).
        weights = browser.evaluate("""(async () => {
          const resources = performance.getEntriesByType('resource');
          const assets = [location.origin + '/'].concat(resources.filter((r) => r.name.includes('/assets/'))
            .map((r) => r.name));
          const sizes = await Promise.all(assets.map((url) => fetch(url).then((r) => r.arrayBuffer())
            .then((b) => b.byteLength)));
          const overview = resources.filter((r) => r.name.includes('/api/console/overview'));
          return {pageBytes: sizes.reduce((n, s) => n + s, 0), files: assets.length,
            overviewRequests: overview.length,
            queueRows: document.querySelectorAll('#queue-rows tr[data-queue]').length};
        })()""")
    renders.sort()
    return {"runs": len(renders), "firstRenderMs": {"min": renders[0], "median": renders[len(renders) // 2],
                                                     "max": renders[-1]}, "page": weights}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("check", "bench"):
        print(__doc__, file=sys.stderr)
        return 2
    config = json.loads(sys.argv[2])
    os.makedirs(config["outDir"], exist_ok=True)
    browser = Browser(log_path=os.path.join(config["outDir"], "chromium.log"))
    try:
        if sys.argv[1] == "bench":
            print(json.dumps(bench(browser, config)))
            return 0
        checks = Checks()
        scenario = Scenario(browser, config, checks)
        scenario.run()
        print(json.dumps({"checks": checks.results, "screenshots": scenario.shots}))
        return 0
    except (DevToolsError, OSError) as error:
        print(f"console_browser: {error}", file=sys.stderr)
        return 2
    finally:
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
