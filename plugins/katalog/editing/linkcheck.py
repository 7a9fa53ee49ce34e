"""Check a built site's internal links and anchors: every href and src must reach a file and id."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class BrokenLink:
    page: str  # site-relative path of the HTML file
    target: str  # the href or src as written
    anchor_only: bool  # the file exists, the #fragment does not


@dataclass
class _PageScan:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = _PageScan()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.scan.ids.add(value)
            elif (name == "href" and tag in ("a", "link")) or (name == "src" and tag in ("img", "script")):
                self.scan.links.append(value)


def _scan(path: Path) -> _PageScan:
    scanner = _Scanner()
    scanner.feed(path.read_text(encoding="utf-8", errors="replace"))
    return scanner.scan


def published_path(site: Path) -> str:
    """The path the site is published under, from its sitemap's first address ("/katalog/"); "/" without one.
    MkDocs writes 404.html's links from it (the page is served at any address)."""
    try:
        text = (site / "sitemap.xml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "/"
    start, end = text.find("<loc>"), text.find("</loc>")
    if start < 0 or end < start:
        return "/"
    path = urlsplit(text[start + 5 : end].strip()).path or "/"
    return path if path.endswith("/") else posixpath.dirname(path) + "/"


def check_site(site: Path) -> list[BrokenLink]:
    scans = {p.relative_to(site).as_posix(): _scan(p) for p in sorted(site.rglob("*.html"))}
    mount = published_path(site)
    broken: list[BrokenLink] = []
    for page, scan in scans.items():
        for link in scan.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:")):
                continue
            if not parts.path:
                if parts.fragment and unquote(parts.fragment) not in scan.ids:
                    broken.append(BrokenLink(page, link, anchor_only=True))
                continue
            path = parts.path
            if path.startswith("/"):  # 404.html links from where the site is published
                if not (path + "/").startswith(mount) and path != mount.rstrip("/"):
                    broken.append(BrokenLink(page, link, anchor_only=False))
                    continue
                path = "/" + path[len(mount) :]
            base = "" if path.startswith("/") else posixpath.dirname(page)
            target = posixpath.normpath(posixpath.join(base, unquote(path).lstrip("/")))
            if target == ".":
                target = ""
            if parts.path.endswith("/") or (site / target).is_dir():
                target = posixpath.join(target, "index.html")
            if target.startswith("..") or not (site / target).is_file():
                broken.append(BrokenLink(page, link, anchor_only=False))
            elif parts.fragment and target in scans and unquote(parts.fragment) not in scans[target].ids:
                broken.append(BrokenLink(page, link, anchor_only=True))
    return broken
