"""Benchmark the search box of a Katalog site against plain MkDocs + Material search, in Chromium.

    python benchmarks/search_bench.py --entries N [--workdir DIR] [--reuse] [--rebuild katalog]
                                      [--runs 3] [--first samskabelse] [--queries kommune ...]

1. generates the synthetic catalogue (benchmarks/generate.py) in DIR/katalog and the baseline in
   DIR/baseline, and builds both into DIR/out/katalog-site and DIR/out/baseline-site (the same
   layout as bench.py). --reuse keeps sources and built sites that exist; --rebuild NAME regenerates
   and rebuilds that one anyway.
2. serves each built site from 127.0.0.1 with gzip (level 6, compressed once per file and cached,
   so a static host's precompression is the model), logging the body bytes of every response.
3. per site, a warm-up visit (fills the server's gzip cache), then --runs visits each in a fresh
   browser context (cold browser cache):
   a. open the front page and wait for `load`; focus the search box (Katalog: click the input, which
      starts the index download; Material: press "/") and type --first one key at a time;
      bytes = gzip body bytes of every response requested after `load` (but the favicon) until the
      first result is visible, plus search files (path with search/lunr/worker) requested while the
      page loaded (Material fetches its index eagerly). Timestamps: the server's wall clock against the page's
      performance.timeOrigin + performance.now(), the same machine clock.
   b. first_result_ms = performance.now() in the page, from the keydown of the first typed character
      to the MutationObserver callback that first sees a result element with a layout box.
   c. each of --queries: in one page.evaluate, set input.value, dispatch input + keyup, and resolve
      in the MutationObserver callback where the first result differs from before (performance.now(),
      so Playwright's round trips are not counted); median and max over all runs.
4. one more, instrumented Katalog visit (the server prepends timers to katalog-search-worker.js, an
   init script times the page's handler of the worker's messages) splits the first result into
   lunr import, index download, JSON.parse, lunr.Index.load, query and render.
5. prints a table and, as its last line, one JSON object.

Localhost, no network throttling: download times are a floor; bytes are what a real link carries.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import mimetypes
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import Failed, main_for  # noqa: E402
from generate import generate, write_baseline  # noqa: E402

REPO = HERE.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Words of generate.py's WORDS, so every query has hits in both sites; one is two words, one a prefix.
FIRST_QUERY = "samskabelse"
QUERIES = [
    "kommune",
    "frivillige",
    "borgerne",
    "ældre",
    "fællesskabet",
    "netværk",
    "bibliotek",
    "workshop",
    "frivillige borgere",
    "sam",
]
GZIP_LEVEL = 6
COMPRESSIBLE = re.compile(r"^(text/|application/(json|javascript|xml|x-javascript)|image/svg)")
SEARCH_FILE = re.compile(r"search|lunr|worker", re.IGNORECASE)
FAVICON = re.compile(r"favicon", re.IGNORECASE)  # Chromium fetches it after `load`: page, not search


@dataclass(frozen=True)
class Site:
    name: str
    root: Path  # the mkdocs project
    out: Path  # the built site
    open_search: str  # "click" or "slash"
    input: str
    result: str  # a result element
    container: str  # what changes when results change


SITES = {
    "katalog": ("click", ".katalog-search__input", ".katalog-search__title", ".katalog-search__panel"),
    "material": ("slash", "input.md-search__input", ".md-search-result__item", ".md-search-result"),
}


# --- the server -------------------------------------------------------------------------------


@dataclass
class Log:
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: list[tuple[float, str, int]] = field(default_factory=list)  # (epoch s, path, body bytes)
    gz_cache: dict[str, bytes] = field(default_factory=dict)
    prepend: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes put before its body

    def add(self, path: str, size: int, started: float) -> None:
        with self.lock:
            self.requests.append((started, path, size))

    def since(self, start: float) -> list[tuple[float, str, int]]:
        with self.lock:
            return [r for r in self.requests if r[0] >= start]


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it, always with Content-Length; logs body bytes."""

    protocol_version = "HTTP/1.1"
    log: Log  # set on the subclass made by serve()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self.respond(head=True)

    def do_GET(self) -> None:
        self.respond(head=False)

    def respond(self, head: bool) -> None:
        started = time.time()
        url_path = urllib.parse.urlsplit(self.path).path
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                self.log.add(url_path, 0, started)
                return
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            self.log.add(url_path, 0, started)
            return
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        zipped = accepts and bool(COMPRESSIBLE.match(ctype))
        key = str(path)
        body = self.log.gz_cache.get(key) if zipped else None
        if body is None:
            body = self.log.prepend.get(path.name, b"") + path.read_bytes()
            if zipped:
                body = gzip.compress(body, GZIP_LEVEL, mtime=0)
                with self.log.lock:
                    self.log.gz_cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if not head:
            self.wfile.write(body)
        self.log.add(url_path, 0 if head else len(body), started)


@contextmanager
def serve(directory: Path, log: Log) -> Iterator[str]:
    class Handler(GzipHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(directory), **kwargs)

    Handler.log = log
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --- in the page --------------------------------------------------------------------------------

# Before typing: first keydown in an input, first focus, first visible result (performance.now()).
WATCH_FIRST = """
(selector) => {
  const state = window.__bench = { focus: null, firstKey: null, firstResult: null };
  document.addEventListener("focusin", (e) => {
    if (state.focus === null && e.target.matches && e.target.matches("input")) state.focus = performance.now();
  }, true);
  document.addEventListener("keydown", (e) => {
    if (state.firstKey === null && e.key.length === 1 && e.target.matches && e.target.matches("input"))
      state.firstKey = performance.now();
  }, true);
  const visible = () => Array.prototype.some.call(document.querySelectorAll(selector),
    (node) => node.getClientRects().length > 0);
  const observer = new MutationObserver(() => {
    const now = performance.now();
    if (state.firstKey !== null && visible()) { state.firstResult = now; observer.disconnect(); }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
}
"""

# One query: set the value, resolve in the observer callback where the first result has changed.
TIME_QUERY = """
([inputSel, containerSel, resultSel, text]) => new Promise((resolve) => {
  const input = document.querySelector(inputSel);
  const box = document.querySelector(containerSel);
  const first = () => { const node = box.querySelector(resultSel); return node ? node.outerHTML : null; };
  const before = first();
  let start = 0;
  const timer = setTimeout(() => { observer.disconnect(); resolve(null); }, 15000);
  const observer = new MutationObserver(() => {
    const now = performance.now();
    const current = first();
    if (current !== null && current !== before) {
      observer.disconnect(); clearTimeout(timer);
      resolve({ ms: now - start, results: box.querySelectorAll(resultSel).length });
    }
  });
  observer.observe(box, { subtree: true, childList: true, attributes: true, characterData: true });
  start = performance.now();
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: text.slice(-1) }));
})
"""

LOAD_END = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return performance.timeOrigin + (nav && nav.loadEventEnd ? nav.loadEventEnd : performance.now());
}"""

# Diagnostic only: timers put in front of katalog-search-worker.js by the server.
WORKER_TIMERS = r"""
(function () {
  var log = self.__benchLog = [];
  var note = function (what, start) {
    log.push({ what: what, ms: performance.now() - start, at: performance.now() });
  };
  var wrapLunr = function () {
    if (!self.lunr || self.lunr.__bench) return;
    self.lunr.__bench = true;
    var load = self.lunr.Index.load;
    self.lunr.Index.load = function (data) {
      var s = performance.now(); var index = load.call(this, data); note("lunr.Index.load", s); return index;
    };
  };
  var realImport = self.importScripts;
  self.importScripts = function () {
    var s = performance.now();
    realImport.apply(self, arguments);
    var names = Array.prototype.map.call(arguments, function (u) { return u.split("/").pop(); });
    note("importScripts " + names.join(" "), s);
    wrapLunr();
  };
  var realFetch = self.fetch;
  self.fetch = function () {
    var s = performance.now();
    return realFetch.apply(self, arguments).then(function (response) {
      note("index fetch: request to headers", s);
      response.json = function () {
        var s2 = performance.now();
        return response.text().then(function (text) {
          note("index fetch: body (" + text.length + " chars)", s2);
          var s3 = performance.now(); var data = JSON.parse(text); note("index JSON.parse", s3);
          return data;
        });
      };
      return response;
    });
  };
  var asked = {};
  var readyAt = null;
  self.addEventListener("message", function (event) {
    if (event.data && event.data.type === "search") asked[event.data.id] = performance.now();
  });
  var realPost = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === "results") {
      var waited = readyAt !== null && asked[message.id] < readyAt;
      note("search #" + message.id + " (" + message.total + " hits" +
        (waited ? ", asked before ready" : "") + ")", asked[message.id]);
    } else if (message && message.type === "ready") {
      readyAt = performance.now();
      note("ready (since worker start)", 0);
    }
    return realPost.apply(self, arguments);
  };
})();
"""

# Diagnostic only: time the page's handler of each worker message (the render of results).
PAGE_TIMERS = """
(() => {
  const Real = window.Worker;
  window.__benchPage = [];
  window.Worker = function (url, options) {
    const worker = new Real(url, options);
    window.__benchPage.push({ what: "worker created", at: performance.now() });
    Object.defineProperty(worker, "onmessage", {
      set(handler) {
        worker.addEventListener("message", (event) => {
          const s = performance.now();
          handler.call(worker, event);
          const data = event.data || {};
          window.__benchPage.push({ what: "page handles " + data.type + (data.id ? " #" + data.id : ""),
            ms: performance.now() - s, at: s });
        });
      },
    });
    return worker;
  };
  window.Worker.prototype = Real.prototype;
})();
"""


# --- building -----------------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def built(out: Path) -> bool:
    return (out / "index.html").is_file() and (out / "sitemap.xml").is_file()


def build(root: Path, out: Path) -> float:
    if out.exists():
        shutil.rmtree(out)
    start = time.perf_counter()
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(out)]
    done = subprocess.run(command, cwd=root, env=child_env(), capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-40:])
        raise Failed(f"build of {root} failed (exit {done.returncode}):\n{tail}")
    return time.perf_counter() - start


def prepare(args: argparse.Namespace, workdir: Path) -> dict[str, Site]:
    root, baseline, out = workdir / "katalog", workdir / "baseline", workdir / "out"
    sites = {
        "katalog": Site("katalog", root, out / "katalog-site", *SITES["katalog"]),
        "material": Site("material", baseline, out / "baseline-site", *SITES["material"]),
    }
    redo = set(args.rebuild or [])
    fresh_katalog = not args.reuse or "katalog" in redo or not (root / "mkdocs.yml").is_file()
    if fresh_katalog:
        print(f"Generating {args.entries} entries (seed {args.seed}) in {root}", flush=True)
        counts = generate(REPO, root, args.entries, args.seed)
        print(f"  {counts}", flush=True)
    if not args.reuse or "baseline" in redo or not (baseline / "mkdocs.yml").is_file():
        pages = write_baseline(REPO, root, baseline)
        print(f"  baseline: {pages} pages in {baseline}", flush=True)
        redo.add("baseline")
    if fresh_katalog:
        redo.add("katalog")
    for name, key in (("katalog", "katalog"), ("material", "baseline")):
        site = sites[name]
        if key in redo or not args.reuse or not built(site.out):
            print(f"Building {name} ({site.root}) ...", flush=True)
            print(f"  {build(site.root, site.out):.1f} s", flush=True)
        else:
            print(f"Reusing the built {name} site {site.out}", flush=True)
    return sites


def index_file(site: Site) -> Path:
    if site.name == "katalog":
        found = sorted((site.out / "katalog" / "search").glob("index.*.json"))
        if not found:
            raise Failed(f"no katalog/search/index.*.json in {site.out}")
        return found[0]
    return site.out / "search" / "search_index.json"


# --- measuring ----------------------------------------------------------------------------------


@dataclass
class Visit:
    search_bytes: int
    page_bytes: int
    first_result_ms: float
    focus_to_key_ms: float
    files: list[tuple[str, int, str]]  # (path, bytes, "load"/"search")
    queries: dict[str, float | None]
    counts: dict[str, int]


def open_search(page: Any, site: Site) -> None:
    if site.open_search == "click":
        page.click(site.input)
    else:
        page.keyboard.press("/")
    page.wait_for_function(
        "(sel) => document.activeElement && document.activeElement.matches(sel)", arg=site.input, timeout=10000
    )


def visit(browser: Any, base: str, site: Site, log: Log, args: argparse.Namespace, diagnose: bool = False) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    if diagnose:
        context.add_init_script(PAGE_TIMERS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        started = time.time()
        page.goto(base, wait_until="load", timeout=120000)
        load_end = page.evaluate(LOAD_END) / 1000
        page.evaluate(WATCH_FIRST, site.result)
        open_search(page, site)
        page.keyboard.type(args.first, delay=args.type_delay)
        page.wait_for_function("() => window.__bench.firstResult !== null", timeout=120000)
        state = page.evaluate("() => ({...window.__bench, origin: performance.timeOrigin})")
        first_at = (state["origin"] + state["firstResult"]) / 1000
        files = []
        search_bytes = page_bytes = 0
        for at, path, size in log.since(started):
            if at > first_at:
                continue
            if (at >= load_end and not FAVICON.search(path)) or SEARCH_FILE.search(path):
                files.append((path, size, "search" if at >= load_end else "load"))
                search_bytes += size
            else:
                page_bytes += size
        queries: dict[str, float | None] = {}
        counts: dict[str, int] = {}
        for text in args.queries:
            timed = page.evaluate(TIME_QUERY, [site.input, site.container, site.result, text])
            queries[text] = None if timed is None else float(timed["ms"])
            counts[text] = 0 if timed is None else int(timed["results"])
        if diagnose:
            return diagnostics(page, queries)
        if errors:
            raise Failed(f"{site.name}: errors in the page: {errors}")
        return Visit(
            search_bytes,
            page_bytes,
            float(state["firstResult"] - state["firstKey"]),
            float(state["firstKey"] - (state["focus"] or state["firstKey"])),
            files,
            queries,
            counts,
        )
    finally:
        context.close()


def diagnostics(page: Any, queries: dict[str, float | None]) -> list[str]:
    """The instrumented visit's timeline, in the page's clock where it can be."""
    lines: list[str] = []
    page_log = page.evaluate("() => window.__benchPage || []")
    bench = page.evaluate("() => window.__bench")
    created = next((e["at"] for e in page_log if e["what"] == "worker created"), None)
    key = bench["firstKey"]
    if created is not None:
        lines.append(f"worker created {created - key:+.0f} ms from the first keystroke")
    for worker in page.workers:
        try:
            entries = worker.evaluate("() => self.__benchLog || []")
        except Exception:  # a worker that is not ours (none expected)
            continue
        for entry in entries:
            lines.append(f"worker  {entry['what']:<58} {entry['ms']:8.1f} ms (ends at {entry['at']:7.0f} ms)")
    for entry in page_log:
        if "ms" in entry:
            lines.append(f"page    {entry['what']:<58} {entry['ms']:8.1f} ms")
    lines.append(f"first result {bench['firstResult'] - key:.0f} ms after the first keystroke")
    timed = ", ".join(f"{text} {ms:.0f}" for text, ms in queries.items() if ms is not None)
    lines.append(f"further queries, ms from set value to list updated: {timed}")
    return lines


def measure(browser: Any, site: Site, args: argparse.Namespace) -> tuple[dict[str, Any], list[Visit], list[str]]:
    log = Log()
    diagnosis: list[str] = []
    with serve(site.out, log) as base:
        print(f"{site.name}: warm-up visit ...", flush=True)
        visit(browser, base, site, log, args)
        visits = []
        for run in range(args.runs):
            result = visit(browser, base, site, log, args)
            visits.append(result)
            print(
                f"  run {run + 1}/{args.runs}: first result {result.first_result_ms:.0f} ms, "
                f"{result.search_bytes / 1024:.0f} KB gzip, queries median "
                f"{statistics.median(v for v in result.queries.values() if v is not None):.1f} ms",
                flush=True,
            )
        if site.name == "katalog" and not args.no_diagnose:
            log.prepend["katalog-search-worker.js"] = WORKER_TIMERS.encode()
            with log.lock:  # only the worker changes; the rest stays compressed
                for key in [key for key in log.gz_cache if key.endswith("katalog-search-worker.js")]:
                    del log.gz_cache[key]
            diagnosis = visit(browser, base, site, log, args, diagnose=True)
    times = [t for v in visits for t in v.queries.values()]
    missing = [q for v in visits for q, t in v.queries.items() if t is None]
    if missing:
        raise Failed(f"{site.name}: no result list update within 15 s for {sorted(set(missing))}")
    index = index_file(site)
    raw = index.read_bytes()
    summary = {
        "bytes_before_first_result_gzip": int(statistics.median(v.search_bytes for v in visits)),
        "first_result_ms": round(statistics.median(v.first_result_ms for v in visits), 1),
        "query_median_ms": round(statistics.median(t for t in times if t is not None), 1),
        "query_max_ms": round(max(t for t in times if t is not None), 1),
        "index_file_kb": round(len(raw) / 1024, 1),
        "index_file_gzip_kb": round(len(gzip.compress(raw, GZIP_LEVEL)) / 1024, 1),
    }
    return summary, visits, diagnosis


def run(args: argparse.Namespace) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    workdir = (args.workdir or REPO / "benchmarks" / "out" / f"n{args.entries}-s{args.seed}").resolve()
    sites = prepare(args, workdir)
    results: dict[str, Any] = {"entries": args.entries}
    details: dict[str, tuple[list[Visit], list[str]]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        try:
            for name in ("katalog", "material"):
                summary, visits, diagnosis = measure(browser, sites[name], args)
                results[name] = summary
                details[name] = (visits, diagnosis)
        finally:
            browser.close()
    report(args, results, details)
    return results


def report(args: argparse.Namespace, results: dict[str, Any], details: dict[str, Any]) -> None:
    print()
    print(
        f"Search benchmark: {args.entries} entries, {args.runs} cold run(s) per site, first query "
        f"{args.first!r} typed with {args.type_delay} ms between keys; localhost, gzip level {GZIP_LEVEL}"
    )
    rows = [
        ("gzip bytes, search, before first result", "bytes_before_first_result_gzip", "{:,}"),
        ("first result after first keystroke (ms)", "first_result_ms", "{}"),
        ("further query, median (ms)", "query_median_ms", "{}"),
        ("further query, max (ms)", "query_max_ms", "{}"),
        ("index file (KB)", "index_file_kb", "{}"),
        ("index file gzip (KB)", "index_file_gzip_kb", "{}"),
    ]
    print(f"  {'':<42} {'Katalog':>12} {'Material':>12}")
    for label, key, fmt in rows:
        print(f"  {label:<42} {fmt.format(results['katalog'][key]):>12} {fmt.format(results['material'][key]):>12}")
    for name in ("katalog", "material"):
        visits, diagnosis = details[name]
        first = visits[0]
        print(
            f"\n{name}: page load {first.page_bytes:,} B gzip (not counted); focus to first key "
            f"{first.focus_to_key_ms:.0f} ms; search files of run 1:"
        )
        for path, size, phase in first.files:
            print(f"  {size:>12,} B  {phase:<6}  {path}")
        print("  per query, median over runs (ms) / results shown:")
        for text in args.queries:
            times = [v.queries[text] for v in visits]
            print(f"    {text:<22} {statistics.median(times):8.1f}  max {max(times):8.1f}  {first.counts[text]:>5}")
        if diagnosis:
            print("  instrumented run (timers add a little):")
            for line in diagnosis:
                print(f"    {line}")
    k = results["katalog"]
    misses = []
    if k["bytes_before_first_result_gzip"] > 2 * 1024 * 1024:
        misses.append(f"bytes {k['bytes_before_first_result_gzip'] / 1048576:.2f} MB > 2 MB")
    if k["first_result_ms"] > 1000:
        misses.append(f"first result {k['first_result_ms']:.0f} ms > 1000 ms")
    if k["query_max_ms"] > 50:
        misses.append(f"query max {k['query_max_ms']:.0f} ms > 50 ms")
    print("\nKatalog targets (2 MB, 1000 ms, 50 ms per query): " + ("met" if not misses else "; ".join(misses)))


def arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, required=True, help="number of entries to generate")
    parser.add_argument("--workdir", type=Path, help="work folder (default benchmarks/out/n<N>-s<seed>)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generator (default 1)")
    parser.add_argument("--reuse", action="store_true", help="keep sources and built sites that exist")
    parser.add_argument(
        "--rebuild", action="append", choices=("katalog", "baseline"), help="with --reuse: regenerate and rebuild"
    )
    parser.add_argument("--runs", type=int, default=3, help="cold visits per site (default 3)")
    parser.add_argument("--first", default=FIRST_QUERY, help=f"the query typed key by key (default {FIRST_QUERY})")
    parser.add_argument("--queries", nargs="+", default=QUERIES, help="the further queries")
    parser.add_argument("--type-delay", type=float, default=50, help="ms between typed keys (default 50)")
    parser.add_argument("--no-diagnose", action="store_true", help="skip the instrumented Katalog visit")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"Chromium binary (default {CHROMIUM})")
    return parser


main = main_for("search_bench", arguments(), run)

if __name__ == "__main__":
    sys.exit(main())
