"""Benchmark Katalog's search against Pagefind built on the same site, in Chromium: speed and relevance.

    python benchmarks/search_bench.py --entries N [--workdir DIR] [--reuse] [--runs 3]
                                      [--engines katalog pagefind] [--queries-file F] [--first samskabelse]

1. --entries 0: the example site (this repository) alone. N > 0: N synthetic entries
   (benchmarks/generate.py) plus the example's entries and pages, so that the relevance queries have
   their pages. Built with mkdocs into DIR/out/katalog-site (wall time and the build's peak memory,
   from the child's rusage); the search index's own build time is measured apart, in a fresh process
   (catalogue and documents first, then core/search/build.py search_index alone).
2. Pagefind (npm package `pagefind`, PAGEFIND_VERSION, installed by this script into
   ~/.cache/katalog-npm/pagefind-<version>, never into the repository) indexes the same built site
   (--root-selector article: the page's content, not the navigation; --glob: the entries and content
   pages, which Katalog's search holds, not the listings and term pages), into DIR/out/katalog-site/pagefind/,
   and a page pagefind-bench/ with Pagefind's default UI (no debounce) is added beside it.
3. serves the site from 127.0.0.1, from a process of its own (as a static host is), with gzip (level 6,
   compressed once per file and cached, so a static host's precompression is the model) and without
   Nagle's delay, logging the body bytes of every response.
4. per engine, a warm-up visit, then --runs visits each in a fresh browser context (cold cache):
   a. open the page (Katalog: the front page; Pagefind: pagefind-bench/), wait for `load`, click the
      search box and type --first one key at a time; bytes = gzip body bytes of every response after
      `load` (but the favicon) until the first result is visible, plus search files fetched while the
      page loaded.
   b. first_result_ms = performance.now() from the keydown of the first typed character to the
      MutationObserver callback that first sees a result element with a layout box.
   c. each of --queries: set input.value, dispatch input + keyup, resolve where the first result has
      changed; median and max over all runs.
5. relevance: every query of --queries-file (benchmarks/search_queries.yml) asked of each engine's own
   API in the page (Katalog: its worker; Pagefind: pagefind.js), the first 20 results compared with
   the expected pages: hit@1, hit@5, MRR, queries without any result; per kind of query too.
6. prints a table and, as its last line, one JSON object.

Localhost, no network throttling: download times are a floor; bytes are what a real link carries.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import mimetypes
import multiprocessing
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import Failed  # noqa: E402
from generate import generate  # noqa: E402

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
SEARCH_FILE = re.compile(r"search|lunr|worker|pagefind", re.IGNORECASE)
PAGEFIND_VERSION = "1.6.0"
PAGE_FOLDERS = ("cases", "initiativer", "enheder", "vidensbank")  # where entries are (generate.py SITE_FOLDERS)
NPM_CACHE = Path.home() / ".cache" / "katalog-npm"
QUERIES_FILE = HERE / "search_queries.yml"
RELEVANCE_DEPTH = 20  # results compared with the expected pages
FAVICON = re.compile(r"favicon", re.IGNORECASE)  # Chromium fetches it after `load`: page, not search


@dataclass(frozen=True)
class Site:
    name: str
    out: Path  # the built site (both engines search the same one)
    page: str  # the page the visit opens, from the site's root
    input: str
    result: str  # a result element
    container: str  # what changes when results change


ENGINES = {
    "katalog": ("", ".katalog-search__input", ".katalog-search__title", ".katalog-search__panel"),
    "pagefind": ("pagefind-bench/", ".pagefind-ui__search-input", ".pagefind-ui__result-title", ".pagefind-ui"),
}
PAGEFIND_PAGE = """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Pagefind</title>
<link href="../pagefind/pagefind-ui.css" rel="stylesheet"></head>
<body><div id="search"></div><script src="../pagefind/pagefind-ui.js"></script>
<script>new PagefindUI({ element: "#search", showSubResults: true, debounceTimeoutMs: 0 });</script>
</body></html>
"""


# --- the server -------------------------------------------------------------------------------


class Log:
    """What the server process reports: (epoch s, path, body bytes) per response; and what to put
    before a file's body (the instrumented visit's timers), sent to the server process."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.reports: Any = context.Queue()
        self.commands: Any = context.Queue()
        self.requests: list[tuple[float, str, int]] = []

    def since(self, start: float) -> list[tuple[float, str, int]]:
        time.sleep(0.2)  # the server reports after its response is written
        while True:
            try:
                self.requests.append(self.reports.get_nowait())
            except queue.Empty:
                break
        return [r for r in self.requests if r[0] >= start]

    def prepend(self, name: str, text: bytes) -> None:
        self.commands.put((name, text))


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it, always with Content-Length; reports body bytes."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm the body waits for the client's
    # delayed ACK of the headers (40 ms on Linux), which no static host makes a browser wait.
    disable_nagle_algorithm = True
    reports: Any  # set on the subclass made by serve_forever()
    commands: Any
    gz_cache: ClassVar[dict[str, bytes]] = {}
    prepended: ClassVar[dict[str, bytes]] = {}  # file name -> bytes put before its body
    lock = threading.Lock()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def handle(self) -> None:
        # The browser drops a kept-alive connection when the page cancels a download: not an error.
        with suppress(ConnectionResetError):
            super().handle()

    def do_HEAD(self) -> None:
        self.respond(head=True)

    def do_GET(self) -> None:
        self.respond(head=False)

    def take_commands(self) -> None:
        while True:
            try:
                name, text = self.commands.get_nowait()
            except queue.Empty:
                return
            with self.lock:
                self.prepended[name] = text
                for key in [key for key in self.gz_cache if Path(key).name == name]:
                    del self.gz_cache[key]

    def respond(self, head: bool) -> None:
        started = time.time()
        self.take_commands()
        url_path = urllib.parse.urlsplit(self.path).path
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                self.reports.put((started, url_path, 0))
                return
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            self.reports.put((started, url_path, 0))
            return
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        zipped = accepts and bool(COMPRESSIBLE.match(ctype))
        key = str(path)
        body = self.gz_cache.get(key) if zipped else None
        if body is None:
            body = self.prepended.get(path.name, b"") + path.read_bytes()
            if zipped:
                body = gzip.compress(body, GZIP_LEVEL, mtime=0)
                with self.lock:
                    self.gz_cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if not head:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # a download the page cancelled
                self.reports.put((started, url_path, 0))
                return
        self.reports.put((started, url_path, 0 if head else len(body)))


def serve_forever(directory: str, reports: Any, commands: Any, port: Any) -> None:
    """The server process: a static host is not in the process that drives the browser, whose work
    would share one interpreter's lock with the server's threads."""

    class Handler(GzipHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=directory, **kwargs)

    Handler.reports = reports
    Handler.commands = commands
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port.put(server.server_address[1])
    server.serve_forever()


@contextmanager
def serve(directory: Path, log: Log) -> Iterator[str]:
    context = multiprocessing.get_context("spawn")
    port = context.Queue()
    process = context.Process(target=serve_forever, args=(str(directory), log.reports, log.commands, port), daemon=True)
    process.start()
    try:
        yield f"http://127.0.0.1:{port.get(timeout=60)}/"
    finally:
        process.terminate()
        process.join(10)


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


def run_child(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """(wall seconds, peak resident MB of the child, output); fails with the output's tail."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert child.stdout is not None
    output = child.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-40:])
        raise Failed(f"{' '.join(command[:4])} failed (exit {child.returncode}):\n{tail}")
    return seconds, usage.ru_maxrss / 1024, output


def build(root: Path, out: Path) -> tuple[float, float]:
    if out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(out)]
    seconds, peak, _ = run_child(command, root)
    return seconds, peak


INDEX_TIMER = """
import json, sys, time
from pathlib import Path
from katalog.core.catalogue import build_catalogue
from katalog.render.model import SiteModel
from katalog.render.site_search import SiteSearch
from katalog.core.search.build import search_index
start = time.perf_counter()
catalogue = build_catalogue(Path(sys.argv[1]))
search = SiteSearch(SiteModel(catalogue))
documents, labels = search.documents, search.labels
ready = time.perf_counter()
index = search_index(catalogue.config.language, documents, labels)
done = time.perf_counter()
print(json.dumps({"documents": len(documents), "load_and_documents_s": ready - start,
                  "index_build_s": done - ready, "index_files": len(index.files)}))
"""


def time_index(root: Path) -> dict[str, Any]:
    _, peak, output = run_child([sys.executable, "-c", INDEX_TIMER, str(root)], root)
    figures: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    figures["peak_mb"] = round(peak)
    return figures


def add_example(root: Path) -> None:
    """The example's entries and pages into a generated catalogue (the relevance queries need them)."""
    for folder in ("catalogue", "content"):
        shutil.copytree(REPO / folder, root / folder, dirs_exist_ok=True)


def pagefind_binary(version: str) -> Path:
    """Pagefind from the npm registry, installed once into the npm cache folder outside the repository."""
    folder = NPM_CACHE / f"pagefind-{version}"
    binary = folder / "node_modules" / ".bin" / "pagefind"
    if not binary.exists():
        folder.mkdir(parents=True, exist_ok=True)
        command = ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(folder)]
        done = subprocess.run([*command, f"pagefind@{version}"], capture_output=True, text=True, check=False)
        if done.returncode != 0 or not binary.exists():
            raise Failed(f"npm could not install pagefind@{version}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return binary


def index_with_pagefind(out: Path, version: str) -> dict[str, Any]:
    binary = pagefind_binary(version)
    target = out / "pagefind"
    if target.exists():
        shutil.rmtree(target)
    # The pages Katalog's search holds: entries and content pages, not listings or term pages.
    glob = "{index.html,vejledning/index.html," + ",".join(f"{f}/*-*/index.html" for f in PAGE_FOLDERS) + "}"
    command = [str(binary), "--site", str(out), "--root-selector", "article", "--output-subdir", "pagefind"]
    command += ["--glob", glob]
    seconds, peak, output = run_child(command, out)
    (out / "pagefind-bench").mkdir(exist_ok=True)
    (out / "pagefind-bench" / "index.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    pages = re.search(r"Indexed (\d+) pages?", output)
    return {
        "version": version,
        "index_build_s": round(seconds, 2),
        "peak_mb": round(peak),
        "pages": int(pages.group(1)) if pages else None,
    }


def prepare(args: argparse.Namespace, workdir: Path) -> tuple[dict[str, Site], dict[str, Any]]:
    out = workdir / "out" / "katalog-site"
    facts: dict[str, Any] = {}
    if args.entries == 0:
        root = REPO
    else:
        root = workdir / "katalog"
        if not args.reuse or not (root / "mkdocs.yml").is_file():
            print(f"Generating {args.entries} entries (seed {args.seed}) in {root}, plus the example", flush=True)
            counts = generate(REPO, root, args.entries, args.seed)
            add_example(root)
            print(f"  {counts}", flush=True)
    if not args.reuse or not built(out):
        print(f"Building the Katalog site ({root}) ...", flush=True)
        seconds, peak = build(root, out)
        facts["site_build_s"], facts["site_build_peak_mb"] = round(seconds, 1), round(peak)
        print(f"  {seconds:.1f} s, peak {peak:.0f} MB", flush=True)
    facts["katalog_index"] = time_index(root)
    print(f"  search index alone: {facts['katalog_index']}", flush=True)
    sites = {}
    for name in args.engines:
        page, *selectors = ENGINES[name]
        sites[name] = Site(name, out, page, *selectors)
    if "pagefind" in args.engines and (not args.reuse or not (out / "pagefind").is_dir()):
        print(f"Indexing the same site with Pagefind {args.pagefind_version} ...", flush=True)
        facts["pagefind_index"] = index_with_pagefind(out, args.pagefind_version)
        print(f"  {facts['pagefind_index']}", flush=True)
    return sites, facts


def search_files(site: Site) -> tuple[Path, list[Path]]:
    """(the first file a query needs, every file of the engine's index)."""
    if site.name == "katalog":
        found = sorted((site.out / "katalog" / "search").glob("index.*.json"))
        if not found:
            raise Failed(f"no katalog/search/index.*.json in {site.out}")
        return found[0], [p for p in (site.out / "katalog" / "search").rglob("*") if p.is_file()]
    folder = site.out / "pagefind"
    return folder / "pagefind-entry.json", [p for p in folder.rglob("*") if p.is_file()]


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
    page.click(site.input)
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
        page.goto(base + site.page, wait_until="load", timeout=120000)
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
            timed = {text: ms for text, ms in result.queries.items() if ms is not None}
            slowest = max(timed, key=timed.__getitem__)
            print(
                f"  run {run + 1}/{args.runs}: first result {result.first_result_ms:.0f} ms, "
                f"{result.search_bytes / 1024:.0f} KB gzip, queries median "
                f"{statistics.median(timed.values()):.1f} ms, slowest {slowest!r} {timed[slowest]:.0f} ms",
                flush=True,
            )
        if site.name == "katalog" and not args.no_diagnose:
            log.prepend("katalog-search-worker.js", WORKER_TIMERS.encode())
            diagnosis = visit(browser, base, site, log, args, diagnose=True)
    times = [t for v in visits for t in v.queries.values() if t is not None]
    missing = sorted({q for v in visits for q, t in v.queries.items() if t is None})
    if missing:  # counted at the 15 s the visit waited, and named
        print(f"  {site.name}: no result list update within 15 s for {missing}", flush=True)
        times += [15000.0] * sum(t is None for v in visits for t in v.queries.values())
    first, every = search_files(site)
    raw = first.read_bytes()
    sizes = [path.stat().st_size for path in every]
    summary = {
        "bytes_before_first_result_gzip": int(statistics.median(v.search_bytes for v in visits)),
        "first_result_ms": round(statistics.median(v.first_result_ms for v in visits), 1),
        "query_median_ms": round(statistics.median(times), 1),
        "query_max_ms": round(max(times), 1),
        "queries_over_15_s": missing,
        "index_file_kb": round(len(raw) / 1024, 1),  # the first file a query needs
        "index_file_gzip_kb": round(len(gzip.compress(raw, GZIP_LEVEL)) / 1024, 1),
        "index_files": len(every),
        "index_total_mb": round(sum(sizes) / 1e6, 1),
    }
    return summary, visits, diagnosis


# --- relevance ------------------------------------------------------------------------------------

# Katalog: a worker of its own, asked each query; the URLs of the first results.
KATALOG_ASK = """async ([base, index, queries, depth]) => {
  const worker = new Worker(base + "katalog-search-worker.js");
  const answers = new Map();
  worker.onmessage = (event) => {
    const m = event.data;
    if (m.type === "results" || m.type === "error") answers.get(m.id)(m);
  };
  worker.postMessage({ type: "setup", base: base, index: index });
  const out = [];
  for (let i = 0; i < queries.length; i++) {
    const answer = await new Promise((resolve) => {
      answers.set(i + 1, resolve);
      worker.postMessage({ type: "search", id: i + 1, query: queries[i], limit: depth });
    });
    out.push(answer.type === "results" ? answer.hits.map((hit) => hit.url) : ["error: " + answer.message]);
  }
  worker.terminate();
  return out;
}"""

# Pagefind: its own API, as its default UI uses it.
PAGEFIND_ASK = """async ([base, queries, depth]) => {
  const pagefind = await import(base + "pagefind/pagefind.js");
  await pagefind.init();
  const out = [];
  for (const query of queries) {
    const search = await pagefind.search(query);
    const data = await Promise.all(search.results.slice(0, depth).map((r) => r.data()));
    out.push(data.map((d) => d.url));
  }
  return out;
}"""


def normalise(url: str) -> str:
    path = urllib.parse.urlsplit(url).path.lstrip("/")
    return path.removesuffix("index.html")


def relevance(browser: Any, site: Site, queries: list[dict[str, Any]]) -> dict[str, Any]:
    log = Log()
    with serve(site.out, log) as base:
        context = browser.new_context()
        page = context.new_page()
        try:
            page.goto(base + site.page, wait_until="load")
            texts = [str(q["q"]) for q in queries]
            if site.name == "katalog":
                script = (site.out / "katalog" / "katalog-search.js").read_text(encoding="utf-8")
                index = re.search(r'"index": "([^"]+)"', script)
                if index is None:
                    raise Failed("katalog-search.js names no index")
                answers = page.evaluate(
                    KATALOG_ASK, [base + "katalog/", base + "katalog/" + index.group(1), texts, RELEVANCE_DEPTH]
                )
            else:
                answers = page.evaluate(PAGEFIND_ASK, [base, texts, RELEVANCE_DEPTH])
        finally:
            context.close()
    rows = []
    for query, urls in zip(queries, answers, strict=True):
        found = [normalise(url) for url in urls]
        expected = set(query["expect"])
        rank = next((i + 1 for i, url in enumerate(found) if url in expected), None)
        rows.append({"q": query["q"], "kind": query["kind"], "rank": rank, "results": len(found), "top": found[:3]})
    return {
        "summary": score(rows),
        "by_kind": {
            kind: score([r for r in rows if r["kind"] == kind]) for kind in dict.fromkeys(r["kind"] for r in rows)
        },
        "rows": rows,
    }


def score(rows: list[dict[str, Any]]) -> dict[str, Any]:
    count = len(rows)
    return {
        "queries": count,
        "mrr": round(sum(1 / r["rank"] for r in rows if r["rank"]) / max(count, 1), 3),
        "hit1": sum(1 for r in rows if r["rank"] == 1),
        "hit5": sum(1 for r in rows if r["rank"] and r["rank"] <= 5),
        "no_result": sum(1 for r in rows if r["results"] == 0),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    workdir = (args.workdir or REPO / "benchmarks" / "out" / f"n{args.entries}-s{args.seed}").resolve()
    sites, facts = prepare(args, workdir)
    queries = yaml.safe_load(args.queries_file.read_text(encoding="utf-8")) if args.queries_file else []
    results: dict[str, Any] = {"entries": args.entries, **facts}
    details: dict[str, tuple[list[Visit], list[str]]] = {}
    rows: dict[str, list[dict[str, Any]]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        try:
            for name in args.engines:
                summary, visits, diagnosis = measure(browser, sites[name], args)
                if queries:
                    found = relevance(browser, sites[name], queries)
                    summary["relevance"], summary["relevance_by_kind"] = found["summary"], found["by_kind"]
                    rows[name] = found["rows"]
                results[name] = summary
                details[name] = (visits, diagnosis)
        finally:
            browser.close()
    report(args, results, details, rows)
    return results


def report(
    args: argparse.Namespace, results: dict[str, Any], details: dict[str, Any], rows: dict[str, list[dict[str, Any]]]
) -> None:
    engines = list(args.engines)
    print()
    print(
        f"Search benchmark: {args.entries} generated entries and the example, "
        f"{args.runs} cold run(s) per engine, first query {args.first!r} typed with {args.type_delay} ms between keys; "
        f"localhost, gzip level {GZIP_LEVEL}"
    )
    table = [
        ("gzip bytes, search, before first result", "bytes_before_first_result_gzip", "{:,}"),
        ("first result after first keystroke (ms)", "first_result_ms", "{}"),
        ("further query, median (ms)", "query_median_ms", "{}"),
        ("further query, max (ms)", "query_max_ms", "{}"),
        ("first index file (KB)", "index_file_kb", "{}"),
        ("index files", "index_files", "{:,}"),
        ("index on disk (MB)", "index_total_mb", "{}"),
    ]
    print(f"  {'':<42} " + " ".join(f"{name:>12}" for name in engines))
    for label, key, fmt in table:
        print(f"  {label:<42} " + " ".join(f"{fmt.format(results[name][key]):>12}" for name in engines))
    if rows:
        print("\nRelevance (MRR / hit@1 / hit@5 / no result), per kind of query:")
        kinds = list(results[engines[0]]["relevance_by_kind"])
        for kind in ["all", *kinds]:
            cells = []
            for name in engines:
                r = results[name]["relevance"] if kind == "all" else results[name]["relevance_by_kind"][kind]
                cells.append(f"{r['mrr']:.3f} / {r['hit1']:>2} / {r['hit5']:>2} / {r['no_result']}")
            print(f"  {kind:<12} " + "   ".join(f"{name}: {cell}" for name, cell in zip(engines, cells, strict=True)))
        print("\nQueries where an engine missed the first place:")
        for i, row in enumerate(rows[engines[0]]):
            ranks = [rows[name][i]["rank"] for name in engines]
            if any(rank != 1 for rank in ranks):
                print(
                    f"  {row['q']:<28} "
                    + "  ".join(f"{name} {rank}" for name, rank in zip(engines, ranks, strict=True))
                    + f"   katalog top: {row['top']}"
                )
    for name in engines:
        visits, diagnosis = details[name]
        first = visits[0]
        print(f"\n{name}: page load {first.page_bytes:,} B gzip (not counted); search files of run 1:")
        for path, size, phase in first.files[:40]:
            print(f"  {size:>12,} B  {phase:<6}  {path}")
        if diagnosis:
            print("  instrumented run (timers add a little):")
            for line in diagnosis:
                print(f"    {line}")
    k = results.get("katalog")
    if k:
        misses = []
        if k["bytes_before_first_result_gzip"] > 400 * 1024:
            misses.append(f"bytes {k['bytes_before_first_result_gzip'] / 1024:.0f} KB > 400 KB")
        if k["first_result_ms"] > 500:
            misses.append(f"first result {k['first_result_ms']:.0f} ms > 500 ms")
        if k["query_median_ms"] > 30:
            misses.append(f"query median {k['query_median_ms']:.0f} ms > 30 ms")
        if k["query_max_ms"] > 100:
            misses.append(f"query max {k['query_max_ms']:.0f} ms > 100 ms")
        if results["katalog_index"]["index_build_s"] > 10:
            misses.append(f"index build {results['katalog_index']['index_build_s']:.1f} s > 10 s")
        print(
            "\nKatalog targets (400 KB, 500 ms, 30/100 ms per query, 10 s index build): "
            + ("met" if not misses else "; ".join(misses))
        )


def arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, required=True, help="generated entries (0: the example site alone)")
    parser.add_argument("--workdir", type=Path, help="work folder (default benchmarks/out/n<N>-s<seed>)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generator (default 1)")
    parser.add_argument("--reuse", action="store_true", help="keep the sources and the built site if they exist")
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=list(ENGINES), help="engines to measure")
    parser.add_argument("--pagefind-version", default=PAGEFIND_VERSION, help=f"default {PAGEFIND_VERSION}")
    parser.add_argument("--queries-file", type=Path, default=QUERIES_FILE, help="relevance queries (YAML)")
    parser.add_argument("--no-relevance", dest="queries_file", action="store_const", const=None)
    parser.add_argument("--runs", type=int, default=3, help="cold visits per engine (default 3)")
    parser.add_argument("--first", default=FIRST_QUERY, help=f"the query typed key by key (default {FIRST_QUERY})")
    parser.add_argument("--queries", nargs="+", default=QUERIES, help="the further queries")
    parser.add_argument("--type-delay", type=float, default=50, help="ms between typed keys (default 50)")
    parser.add_argument("--no-diagnose", action="store_true", help="skip the instrumented Katalog visit")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"Chromium binary (default {CHROMIUM})")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = arguments()
    args = parser.parse_args(argv)
    if args.entries < 0 or args.runs < 1:
        parser.error("--entries must be at least 0 and --runs at least 1")
    try:
        result = run(args)
    except Failed as error:
        print(f"search_bench: {error}", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
