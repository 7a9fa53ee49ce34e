"""Screenshots of every kind of page, at a desktop and a phone width, to look at before a release.

    .venv/bin/python benchmarks/screenshots.py OUT_DIR [--root .] [--site BUILT_SITE] [--widths 1280,390]

Builds the catalogue at --root (the example site by default) into a temporary folder unless --site
names a built one, serves it under its site_url's path (as a server would: unknown addresses get
404.html), and writes OUT_DIR/<kind>-<width>.png, full-page, with headless Chromium. Prints the
files written, one a line. Needs Chromium at /usr/bin/chromium and Playwright (the test extras).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from katalog.core.catalogue import build_catalogue
from katalog.render.model import SiteModel

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
SEARCH_QUERY = "samskabelse"


def page_kinds(root: Path) -> list[tuple[str, str]]:
    """(kind, address relative to the site's root) for each kind of page the catalogue has."""
    catalogue = build_catalogue(root, bodies=False)
    model = SiteModel(catalogue)
    kinds: list[tuple[str, str]] = [("front", "")]
    for entry_type in catalogue.config.schema.types.values():
        entries = sorted(catalogue.of_type(entry_type.name), key=lambda e: e.id)
        if entries:
            kinds.append((f"entry-{entry_type.name}", model.entry_url(entries[0])))
        kinds.append((f"overview-{entry_type.name}", model.url(model.overview_src(entry_type.name))))
    kinds.append(("overview-catalogue", model.url(model.overview_src(None))))
    kinds.append(("terms-index", model.url(model.terms_index_src())))
    taxonomy = model.taxonomies.get("themes") or next(iter(model.taxonomies.values()), None)
    if taxonomy is not None and taxonomy.terms:
        kinds.append(("taxonomy", model.url(model.taxonomy_src(taxonomy))))
        term = max(taxonomy.terms.values(), key=lambda info: (len(info.entries), info.slug))
        kinds.append(("term", model.url(model.term_src(taxonomy, term.slug))))
    kinds.append(("who-knows", model.url(f"{slug(catalogue.config.tr('ui.who_knows'))}/index.md")))
    kinds.append(("search", f"soeg/?q={SEARCH_QUERY}"))
    kinds.append(("statistics", model.url(f"{slug(catalogue.config.tr('stats.title'))}/index.md")))
    kinds.append(("statement", model.url(f"{slug(catalogue.config.tr('statement.title'))}/index.md")))
    kinds.append(("field-reference", model.url(f"{slug(catalogue.config.tr('reference.title'))}/index.md")))
    kinds.append(("guide", "vejledning/"))
    kinds.append(("not-found", "findes-ikke/"))
    return kinds


def slug(text: str) -> str:
    from katalog.core.slugs import slugify

    return slugify(text)


def site_path(site: Path) -> str:
    """The path the site is published under (from the sitemap's first address), e.g. /katalog/."""
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        text = sitemap.read_text(encoding="utf-8")
        start = text.find("<loc>")
        if start >= 0:
            path = urlsplit(text[start + 5 : text.find("</loc>", start)].strip()).path
            return path if path.endswith("/") else path + "/"
    return "/"


@contextmanager
def serve(site: Path, mount: str) -> Iterator[str]:
    """The site under `mount` on a free port; a missing file answers with 404.html, status 404."""
    base = Path(tempfile.mkdtemp(prefix="katalog-shots-"))
    target = base / mount.strip("/") if mount.strip("/") else base
    target.parent.mkdir(parents=True, exist_ok=True)
    if target != base:
        target.symlink_to(site.resolve(), target_is_directory=True)
    served = base if target != base else site

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            page = site / "404.html"
            if code != 404 or not page.is_file():
                super().send_error(code, message, explain)
                return
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()
        if target != base:
            target.unlink()


def build(root: Path, into: Path) -> None:
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "--strict",
            "-q",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(into),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stdout}{result.stderr}")


def shoot(base: str, kinds: Sequence[tuple[str, str]], widths: Sequence[int], out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            for width in widths:
                page = browser.new_page(viewport={"width": width, "height": 900})
                for kind, address in kinds:
                    page.goto(base + address, wait_until="networkidle")
                    path = out / f"{kind}-{width}.png"
                    page.screenshot(path=str(path), full_page=True)
                    written.append(path)
                page.close()
        finally:
            browser.close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--root", type=Path, default=REPO, help="the catalogue (default: the example site)")
    parser.add_argument("--site", type=Path, help="a built site (default: build --root into a temporary folder)")
    parser.add_argument("--widths", default="1280,390", help="viewport widths in CSS pixels, comma-separated")
    args = parser.parse_args(argv)
    widths = [int(width) for width in args.widths.split(",")]
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="katalog-site-") as temporary:
        site = args.site
        if site is None:
            site = Path(temporary) / "site"
            build(args.root.resolve(), site)
        kinds = page_kinds(args.root.resolve())
        with serve(site, site_path(site)) as base:
            for path in shoot(base, kinds, widths, args.out):
                print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
