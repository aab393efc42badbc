"""A small Chrome DevTools protocol client over --remote-debugging-pipe (standard library only).

Starts Debian's headless Chromium with the protocol on file descriptors 3 (commands in) and 4 (replies and
events out, each message JSON ended by a NUL byte), opens one page and drives it: navigate, evaluate, click
with real mouse events, type, screenshot. Every wait is bounded. Console messages, uncaught exceptions, log
entries and every request the page sends are recorded, so a caller can check that a page logged no error and
asked nothing of any other host.
"""

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time


class DevToolsError(Exception):
    pass


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise DevToolsError("no chromium on PATH: scripts/install-deps.sh installs Debian's chromium")


class Browser:
    """One headless Chromium with one page (target) attached in flat session mode."""

    def __init__(self, width=1400, height=900, log_path=None):
        self.profile = tempfile.mkdtemp(prefix="console-chromium-")
        to_browser_read, self._write_fd = os.pipe()
        self._read_fd, from_browser_write = os.pipe()
        arguments = [
            find_chromium(), "--headless=new", "--no-sandbox", "--remote-debugging-pipe",
            "--user-data-dir=" + self.profile, f"--window-size={width},{height}", "--no-first-run",
            "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-default-apps", "--disable-extensions", "--mute-audio",
            "--disable-gpu", "--disable-dev-shm-usage", "--metrics-recording-only", "--password-store=basic",
            "--use-mock-keychain", "about:blank",
        ]
        log = open(log_path or os.devnull, "ab")
        # The shell puts the pipes on fds 3 and 4, where --remote-debugging-pipe expects them, then execs.
        self.process = subprocess.Popen(
            ["/bin/sh", "-c", f'exec "$0" "$@" 3<&{to_browser_read} 4>&{from_browser_write}'] + arguments,
            pass_fds=(to_browser_read, from_browser_write), stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        log.close()
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events = []
        self.session = None
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(domain + ".enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def close(self):
        try:
            self.call("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        for fd in (self._read_fd, self._write_fd):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    # --- the protocol ---------------------------------------------------------------------------------

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DevToolsError("no message from chromium before the deadline")
            ready, _, _ = select.select([self._read_fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(self._read_fd, 1 << 20)
            if not chunk:
                raise DevToolsError("chromium closed the DevTools pipe (exit %s)" % self.process.poll())
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=True, timeout=30):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        data = json.dumps(message).encode() + b"\0"
        while data:
            written = os.write(self._write_fd, data)
            data = data[written:]
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise DevToolsError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def pump(self, seconds):
        """Reads events for `seconds`."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                self.events.append(self._read_message(deadline))
        except DevToolsError as error:
            if "deadline" not in str(error):
                raise

    # --- the page -------------------------------------------------------------------------------------

    def evaluate(self, expression, timeout=30):
        """The value of a JavaScript expression (awaited when it is a promise), as JSON."""
        result = self.call("Runtime.evaluate", {
            "expression": expression, "awaitPromise": True, "returnByValue": True, "userGesture": True,
        }, timeout=timeout)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise DevToolsError(f"evaluating {expression[:80]!r}: {text}")
        return result["result"].get("value")

    def navigate(self, url):
        self.call("Page.navigate", {"url": url})

    def wait_for(self, expression, timeout=20, description=None):
        """Polls `expression` every 100 ms until it is truthy; returns its value or raises with the last one."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                last = self.evaluate(expression)
            except DevToolsError as error:
                last = str(error)
            else:
                if last:
                    return last
            self.pump(0.1)
        raise DevToolsError(f"{description or expression} did not hold within {timeout} s (last: {last!r})")

    def click(self, selector):
        """Clicks the centre of the first element matching `selector` with real mouse events."""
        box = self.evaluate(
            "(() => { const e = document.querySelector(%s); if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()"
            % json.dumps(selector))
        if not box:
            raise DevToolsError(f"nothing to click at {selector}")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {
                "type": kind, "x": box["x"], "y": box["y"], "button": "left" if kind != "mouseMoved" else "none",
                "clickCount": 1,
            })

    def type_into(self, selector, text):
        self.evaluate("document.querySelector(%s).focus()" % json.dumps(selector))
        self.call("Input.insertText", {"text": text})

    def screenshot(self, path, full_page=True):
        params = {"format": "png"}
        if full_page:
            metrics = self.call("Page.getLayoutMetrics")
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 4000), "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", params)["data"]
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))
        return path

    # --- what the page did ----------------------------------------------------------------------------

    def mark(self):
        """A position in the event list: `errors_since` and `requests_since` read from there."""
        self.pump(0)
        return len(self.events)

    def errors_since(self, mark, allow=lambda text: False):
        """Console errors, uncaught exceptions and error log entries since `mark` (`allow` filters known ones)."""
        self.pump(0.05)
        errors = []
        for event in self.events[mark:]:
            method, params = event.get("method"), event.get("params", {})
            text = None
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                text = "console.%s: %s" % (params["type"], " ".join(
                    str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                text = "exception: " + (details.get("exception", {}).get("description") or details.get("text", ""))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                text = "log (%s): %s %s" % (entry.get("source"), entry.get("text"), entry.get("url", ""))
            elif method == "Page.javascriptDialogOpening":
                text = "dialog opened: " + params.get("message", "")
            if text and not allow(text):
                errors.append(text)
        return errors

    def requests_since(self, mark):
        self.pump(0.05)
        return [event["params"]["request"]["url"] for event in self.events[mark:]
                if event.get("method") == "Network.requestWillBeSent"]
