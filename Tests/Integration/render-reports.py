#!/usr/bin/env python3
"""Render spotsim HTML reports in headless Chromium and check that every chart is present.

The rule: a report directory (written by `spotsim report SCENARIO --output DIR`) holds a
self-contained index.html that, opened from disk, loads nothing else (no scripts, no network,
no external styles, fonts or images), logs no errors or warnings, fits the window width without
horizontal scrolling, and shows every chart: each <figure> holds exactly one svg[data-chart]
at least 300x150 px with at least one drawn data mark (a path, rect, circle, line... with a
non-empty bounding box, outside the legend, the axes and the background) and some text, and
its caption links exactly one CSV that exists beside index.html and has a header and data
rows. Conversely every CSV in the directory is linked by exactly one figure, except the
non-chart files named by --extra (default: results.csv).

It talks to Chromium through the DevTools protocol over --remote-debugging-pipe (JSON
messages ending in a NUL byte on fds 3 and 4), so it needs only python3 and Chromium
(`apt-get install -y --no-install-recommends chromium`; CHROMIUM=/path overrides the binary).
One browser serves every report, with a new tab each. Exit status: 0 all pass, 1 some
report fails, 2 usage problem (bad arguments, no Chromium).
"""
import argparse, base64, csv, fcntl, json, os, select, shutil, signal, subprocess, sys, tempfile, time
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

LOAD_TIMEOUT = 60.0  # seconds to wait for a page's load event
CALL_TIMEOUT = 30.0  # seconds to wait for any other DevTools reply
BAD_CONSOLE = {"error", "assert", "warning"}

# Collects what the checks need from the rendered page. Chrome (not data): the background
# rect directly under <svg>, legends, axes with their grid lines, timeline lanes, and the
# dashed Young/Daly marker lines.
PAGE_PROBE = r"""(() => {
  const CHROME = '.legend, .axis, .grid, .lanes, .markers';
  const MARKS = 'path, rect, circle, ellipse, line, polyline, polygon';
  const isMark = (svg, e) => {
    if (e.parentNode === svg && e.tagName === 'rect') return false;
    const c = e.closest(CHROME);
    if (c && svg.contains(c)) return false;
    const b = e.getBBox();
    return b.width > 0 || b.height > 0;
  };
  const css = [...document.querySelectorAll('style')].map(s => s.textContent)
    .concat([...document.querySelectorAll('[style]')].map(e => e.getAttribute('style'))).join('\n');
  return {
    innerWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    forbidden: [...document.querySelectorAll(
        'script, link[rel~="stylesheet" i], img, iframe, object, embed, image')]
      .map(e => e.outerHTML.slice(0, 100)),
    cssRefs: css.match(/@import[^;]*|url\(\s*(?!['"]?#)[^)]*\)/gi) || [],
    figures: [...document.querySelectorAll('figure')].map(fig => {
      const svgs = [...fig.querySelectorAll('svg[data-chart]')];
      const out = {svgs: svgs.length,
        csvs: [...fig.querySelectorAll('figcaption a[href$=".csv"]')].map(a => a.getAttribute('href'))};
      if (svgs.length !== 1) return out;
      const svg = svgs[0], r = svg.getBoundingClientRect();
      const noData = svg.querySelector('.no-data');
      return Object.assign(out, {kind: svg.dataset.chart, width: r.width, height: r.height,
        marks: [...svg.querySelectorAll(MARKS)].filter(e => isMark(svg, e)).length,
        texts: [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).length,
        noData: noData ? noData.textContent.trim() : null});
    }),
  };
})()"""


class DevTools:
    """A Chromium process and its DevTools pipe: call() commands, collect events per session."""

    def __init__(self, binary, width):
        self.profile = tempfile.mkdtemp(prefix="render-reports-")
        to_chrome, self._out = self._high_pipe()  # Chromium reads commands on fd 3
        self._in, from_chrome = self._high_pipe()  # and writes replies and events on fd 4
        flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
                 f"--user-data-dir={self.profile}", "--no-first-run", "--no-default-browser-check",
                 "--disable-extensions", "--disable-background-networking", "--disable-sync",
                 "--disable-component-update", "--hide-scrollbars", "--mute-audio",
                 "--force-device-scale-factor=1", f"--window-size={width},900", "about:blank"]
        self._log = open(os.path.join(self.profile, "chromium.log"), "wb")
        self.proc = subprocess.Popen(  # in a session of its own, so it can be killed as a group
            [binary, *flags], stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
            start_new_session=True, pass_fds=(3, 4),
            preexec_fn=lambda: (os.dup2(to_chrome, 3), os.dup2(from_chrome, 4)))
        os.close(to_chrome)
        os.close(from_chrome)
        self._buffer, self._next_id, self.events = b"", 0, []

    @staticmethod
    def _high_pipe():
        """A pipe whose ends are above fd 4, so dup2 onto 3 and 4 in the child clobbers neither."""
        r, w = os.pipe()
        high = tuple(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (r, w))
        os.close(r)
        os.close(w)
        return high

    def _receive(self, deadline):
        """Read one message (waiting until deadline) and return it parsed."""
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._in], [], [], left)[0]:
                raise TimeoutError("no reply from Chromium in time")
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise ConnectionError(f"Chromium exited (log: {self.log_tail()})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None, timeout=CALL_TIMEOUT):
        """Send one command (to a tab when session is given) and return its result."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._out, data):]
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, match, timeout):
        """Wait for an event for which match(event) is true; events already received count."""
        deadline = time.monotonic() + timeout
        while not any(match(event) for event in self.events):
            reply = self._receive(deadline)
            if "method" in reply:
                self.events.append(reply)

    def log_tail(self):
        """The end of Chromium's stdout and stderr, for error messages."""
        self._log.flush()
        with open(self._log.name, "rb") as f:
            return f.read()[-600:].decode(errors="replace").strip() or "empty"

    def close(self):
        """Ask Chromium to quit, kill it if it does not, and remove the temporary profile."""
        try:
            if self.proc.poll() is None:
                try:
                    self.call("Browser.close", timeout=5)
                except Exception:
                    pass
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    os.killpg(self.proc.pid, signal.SIGKILL)  # the browser and its helpers
                    self.proc.wait()
        finally:
            for fd in (self._in, self._out):
                os.close(fd)
            self._log.close()
            shutil.rmtree(self.profile, ignore_errors=True)


def describe(event):
    """One line for a console call, uncaught exception or log entry."""
    method, params = event["method"], event["params"]
    if method == "Runtime.consoleAPICalled":
        args = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
        return f"console.{params['type']}: {args}"
    if method == "Runtime.exceptionThrown":
        details = params["exceptionDetails"]
        text = details.get("exception", {}).get("description") or details.get("text", "")
        return "uncaught exception: " + " ".join(text.split())
    entry = params["entry"]
    return f"log {entry['level']} ({entry.get('source')}): {entry['text']} {entry.get('url', '')}".rstrip()


def check_events(events, page_url):
    """Problems in what the page did while loading, and how many harmless console messages."""
    problems, harmless, urls = [], 0, {}
    for event in events:
        method, params = event["method"], event["params"]
        if method == "Network.requestWillBeSent":
            urls[params["requestId"]] = url = params["request"]["url"]
            if url.split("#")[0] != page_url:
                problems.append(f"the page requested {url[:160]}")
        elif method == "Network.loadingFailed":
            url = urls.get(params["requestId"], "?")
            problems.append(f"loading failed: {url[:160]}: {params.get('errorText')}")
        elif method in ("Runtime.consoleAPICalled", "Log.entryAdded", "Runtime.exceptionThrown"):
            level = params.get("type") or params.get("entry", {}).get("level") or "exception"
            if level in BAD_CONSOLE or level == "exception":
                problems.append(describe(event))
            else:
                harmless += 1
    return problems, harmless


def csv_problem(path):
    """Why a chart's CSV is unusable, or None."""
    if not path.is_file():
        return "does not exist"
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        rows = [row for row in csv.reader(f) if any(cell.strip() for cell in row)]
    if not rows:
        return "is empty"
    return None if len(rows) > 1 else "has a header but no data rows"


def check_page(page, report_dir, extras):
    """Problems in the rendered page (see PAGE_PROBE), and the chart kinds in page order."""
    problems, kinds, links = [], [], Counter()
    problems += [f"the page has external content: {html}" for html in page["forbidden"]]
    problems += [f"a style refers to another resource: {ref}" for ref in page["cssRefs"]]
    if page["scrollWidth"] > page["innerWidth"]:
        problems.append(f"the page is {page['scrollWidth']} px wide, wider than the "
                        f"{page['innerWidth']} px window (horizontal scrolling)")
    if not page["figures"]:
        problems.append("no figures")
    for number, fig in enumerate(page["figures"], 1):
        name = f"figure {number}" + (f" ({fig['csvs'][0]})" if fig["csvs"] else "")
        if fig["svgs"] != 1:
            problems.append(f"{name}: {fig['svgs']} svg[data-chart] elements, expected 1")
        else:
            kinds.append(fig["kind"])
            if fig["width"] < 300 or fig["height"] < 150:
                problems.append(f"{name}: chart is {fig['width']:.0f}×{fig['height']:.0f} px, "
                                f"expected at least 300×150")
            if fig["marks"] == 0:
                said = f' (it says "{fig["noData"]}")' if fig["noData"] else ""
                problems.append(f"{name}: {fig['kind']} chart draws no marks{said}")
            if fig["texts"] == 0:
                problems.append(f"{name}: chart has no text (axes, legend)")
        if len(fig["csvs"]) != 1:
            problems.append(f"{name}: caption links {len(fig['csvs'])} CSV files, expected 1")
        for href in fig["csvs"]:
            links[unquote(href)] += 1
            problem = csv_problem(report_dir / unquote(href))
            if problem:
                problems.append(f"{name}: {'its CSV' if len(fig['csvs']) == 1 else href} {problem}")
    problems += [f"{href} is linked by {n} figures" for href, n in links.items() if n > 1]
    on_disk = {p.name for p in report_dir.glob("*.csv")} - extras
    problems += [f"{name} is not linked by any figure" for name in sorted(on_disk - set(links))]
    return problems, kinds


def screenshot(devtools, session, width, path):
    """A full-page PNG: grow the viewport to the content height, then capture it."""
    height = devtools.call("Page.getLayoutMetrics", session=session)["cssContentSize"]["height"]
    devtools.call("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": int(height + 0.999), "deviceScaleFactor": 1, "mobile": False}, session)
    shot = devtools.call("Page.captureScreenshot",
                         {"format": "png", "captureBeyondViewport": True}, session)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))


def open_page(devtools, target, url, width):
    """Attach to the tab, turn on the events the checks read, load url; return the session."""
    session = devtools.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Runtime", "Log", "Page", "Network"):
        devtools.call(f"{domain}.enable", session=session)
    devtools.call("Page.setLifecycleEventsEnabled", {"enabled": True}, session)
    devtools.call("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session)
    navigation = devtools.call("Page.navigate", {"url": url}, session)
    if navigation.get("errorText"):
        raise RuntimeError(f"could not open {url}: {navigation['errorText']}")

    def loaded(event):  # the load of this navigation, not of the tab's first about:blank
        return (event["method"] == "Page.lifecycleEvent" and event.get("sessionId") == session
                and event["params"]["name"] == "load"
                and event["params"]["loaderId"] == navigation["loaderId"])
    try:
        devtools.wait_for(loaded, LOAD_TIMEOUT)
    except TimeoutError:
        raise TimeoutError(f"{url} did not finish loading within {LOAD_TIMEOUT:.0f} s") from None
    return session


def check_report(devtools, report_dir, width, extras, shot_path):
    """Render one report in a new tab; return (problems, summary)."""
    index = report_dir / "index.html"
    if not index.is_file():
        return [f"no index.html in {report_dir}"], ""
    url = index.resolve().as_uri()
    target = devtools.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    try:
        session = open_page(devtools, target, url, width)
        result = devtools.call("Runtime.evaluate",
                               {"expression": PAGE_PROBE, "returnByValue": True}, session)
        if "exceptionDetails" in result:
            return [f"the page probe failed: {result['exceptionDetails'].get('text')}"], ""
        problems, kinds = check_page(result["result"]["value"], report_dir, extras)
        if shot_path:
            screenshot(devtools, session, width, shot_path)
        event_problems, harmless = check_events(
            [e for e in devtools.events if e.get("sessionId") == session], url)
    finally:
        devtools.events = []
        devtools.call("Target.closeTarget", {"targetId": target})
    counts = ", ".join(kind if n == 1 else f"{kind}×{n}" for kind, n in Counter(kinds).items())
    quiet = (f"{harmless} console/log message(s) below warning level" if harmless
             else "no console messages")
    return event_problems + problems, f"{len(kinds)} charts ({counts}), {quiet}"


def parse_arguments():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: Tests/Integration/render-reports.py "
               "--screenshot notebooks-output/quickstart=/tmp/quickstart.png notebooks-output/*/")
    parser.add_argument("reports", nargs="+", metavar="REPORT_DIR",
                        help="a directory written by `spotsim report`, holding index.html and its CSVs")
    parser.add_argument("--screenshot", action="append", default=[], metavar="REPORT_DIR=PNG",
                        help="also write a full-page PNG of that report (repeatable)")
    parser.add_argument("--width", type=int, default=1200,
                        help="window width in CSS pixels for the checks and screenshots (default 1200)")
    parser.add_argument("--extra", action="append", metavar="NAME",
                        help="a CSV file in the report directory that is no chart's data, so no figure "
                             "need link it (repeatable; default: results.csv)")
    args = parser.parse_args()
    for report in args.reports:
        if not Path(report).is_dir():
            parser.error(f"{report}: not a directory")
    args.shots = {}
    reports = {Path(r).resolve() for r in args.reports}
    for item in args.screenshot:
        report, equals, png = item.partition("=")
        if not equals or not png or Path(report).resolve() not in reports:
            parser.error(f"--screenshot {item}: expected REPORT_DIR=PNG, "
                         "with REPORT_DIR one of the reports to check")
        args.shots[Path(report).resolve()] = Path(png)
    args.extra = set(args.extra or ["results.csv"])
    return args


def main():
    args = parse_arguments()
    binary = os.environ.get("CHROMIUM", "chromium")
    if not shutil.which(binary):
        print(f"render-reports: {binary} not found; install it with "
              "`apt-get install -y --no-install-recommends chromium` or set CHROMIUM=/path",
              file=sys.stderr)
        return 2
    devtools = DevTools(binary, args.width)
    try:
        try:
            devtools.call("Browser.getVersion")
        except (TimeoutError, ConnectionError) as error:
            print(f"render-reports: could not start {binary}: {error}", file=sys.stderr)
            return 2
        failed = 0
        for report in args.reports:
            report_dir = Path(report)
            try:
                problems, summary = check_report(devtools, report_dir, args.width, args.extra,
                                                 args.shots.get(report_dir.resolve()))
            except (TimeoutError, ConnectionError, RuntimeError) as error:
                problems, summary = [str(error)], ""
            name = report.rstrip("/") or report
            if problems:
                failed += 1
                print(f"FAIL {name}" + (f": {summary}" if summary else ""))
                print("\n".join(f"     {problem}" for problem in problems))
            else:
                print(f"ok   {name}: {summary}")
            sys.stdout.flush()
        return 1 if failed else 0
    finally:
        devtools.close()


if __name__ == "__main__":
    sys.exit(main())
