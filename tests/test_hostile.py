"""Hostile content: payloads in every text and URL key never reach a built file live."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from katalog.editing.linkcheck import check_site

from .build_support import build, build_ok
from .conftest import REPO, Site

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
PAYLOADS = (SCRIPT, IMAGE, JS_URL)


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def hostile_site(make_site: Callable[..., Site]) -> Site:
    """Every text key of every type carries a payload; URL keys carry one inside a valid URL."""
    s, i = quoted(SCRIPT + " titel"), quoted(IMAGE + " resumé der er langt nok til at gælde")
    unit = f"""---
title: {s}
summary: {i}
municipality: aarhus
kind: department
expertise: [{quoted(SCRIPT)}, {quoted(IMAGE)}]
offers: [{quoted(SCRIPT)}]
address: {quoted(IMAGE)}
website: 'https://example.org/?q="><script>alert(1)</script>'
contacts:
  - name: {quoted(IMAGE)}
    role: {quoted(SCRIPT)}
    email: test@example.org
---

Tekst {SCRIPT} og <img src=x onerror=alert(1)> og [klik]({JS_URL}) og <a href="{JS_URL}">a</a>.

<div onclick="alert(1)">blok</div>

<iframe src="https://example.org"></iframe>
"""
    initiative = f"""---
title: {s}
summary: {i}
municipality: aarhus
status: running
themes: [samskabelse]
tags: [{quoted(SCRIPT)}, {quoted(IMAGE)}, {quoted(JS_URL)}]
units: [enhed]
links:
  - title: {quoted(SCRIPT)}
    url: 'https://example.org/"><script>alert(1)</script>'
---

[[enhed|{SCRIPT}]]
"""
    case = f"""---
title: {s}
summary: {i}
municipality: aarhus
year: 2024
themes: [samskabelse]
department: {quoted(IMAGE)}
citizen_roles: [volunteer]
interviews:
  - role: {quoted(SCRIPT)}
    kind: citizen
quotes:
  - text: {quoted(IMAGE)}
    by: {quoted(SCRIPT)}
learnings: [{quoted(SCRIPT)}]
---
"""
    return make_site(
        {
            "catalogue/units/enhed.md": unit,
            "catalogue/initiatives/initiativ.md": initiative,
            "catalogue/cases/sag.md": case,
        }
    )


class _LiveScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src") and value and "".join(value.split()).lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "object", "embed"):
            self.found.append(f"<{tag}>")

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(1)" in data:
            self.found.append("<script> with alert(1)")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False


def test_payloads_never_reach_a_built_file_live(make_site: Callable[..., Site]) -> None:
    site = hostile_site(make_site)
    result = build(site.root, strict=False)
    assert result.ok, result.output
    out = site.root / "site"
    files = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".js", ".xml")]
    assert len(files) > 30
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            scan = _LiveScan()
            scan.feed(text)
            assert scan.found == [], path
            assert SCRIPT not in text and "<img src=x" not in text, path
        elif path.suffix == ".json":
            assert "<" not in text and ">" not in text, path  # data files escape markup characters
    entry_page = (out / "enheder" / "enhed" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; titel" in entry_page  # shown as text, not dropped
    assert "blok" in entry_page and "<div>blok</div>" in entry_page  # the div stays, its onclick goes
    assert "[klik]" not in entry_page and "<span>klik</span>" in entry_page


def test_removed_html_is_reported_with_file_and_line(
    make_site: Callable[..., Site], run_check: Callable[..., tuple[int, list[str], str]]
) -> None:
    site = hostile_site(make_site)
    code, lines, _ = run_check(site, "--strict")
    assert code == 1
    unit = [line for line in lines if line.startswith("catalogue/units/enhed.md")]
    assert unit == [
        "catalogue/units/enhed.md:16:7: warning: HTML-mærket <script> fjernes fra siden. Fundet: <script>. "
        "Skriv indholdet med Markdown; kun almindelige tekstmærker som <p>, <strong> og <table> er tilladt.",
        "catalogue/units/enhed.md:16:36: warning: HTML-attributten onerror (<img>) fjernes fra siden. "
        "Fundet: onerror (<img>). Fjern attributten; scripts, style og hændelser som onclick er ikke tilladt.",
        'catalogue/units/enhed.md:16:75: warning: linket "javascript:alert(1)" fjernes fra siden. '
        "Fundet: javascript:alert(1). Kun links med http://, https://, mailto: og tel: samt interne links er tilladt.",
        'catalogue/units/enhed.md:16:99: warning: linket "javascript:alert(1)" fjernes fra siden. '
        "Fundet: javascript:alert(1). Kun links med http://, https://, mailto: og tel: samt interne links er tilladt.",
        "catalogue/units/enhed.md:18:1: warning: HTML-attributten onclick (<div>) fjernes fra siden. "
        "Fundet: onclick (<div>). Fjern attributten; scripts, style og hændelser som onclick er ikke tilladt.",
        "catalogue/units/enhed.md:20:1: warning: HTML-mærket <iframe> fjernes fra siden. Fundet: <iframe>. "
        "Skriv indholdet med Markdown; kun almindelige tekstmærker som <p>, <strong> og <table> er tilladt.",
    ]


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        (JS_URL, False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("ftp://example.org/fil", False),
        ("https://example.org/", True),
    ],
)
def test_only_web_urls_are_accepted_in_url_keys(
    make_site: Callable[..., Site], run_check: Callable[..., tuple[int, list[str], str]], url: str, accepted: bool
) -> None:
    from .conftest import entry

    site = make_site(
        {"catalogue/initiatives/a.md": entry("initiative", add=f"links:\n  - title: Link\n    url: {quoted(url)}")}
    )
    code, lines, _ = run_check(site)
    assert (code == 0) is accepted, lines


def test_external_links_get_noopener_and_the_example_site_has_no_broken_links(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_ok(REPO, site_dir=out)
    assert check_site(out) == []
    external = 0
    for page in out.rglob("*.html"):
        for tag in re.findall(r"<a [^>]*href=\"https?://[^\"]*\"[^>]*>", page.read_text(encoding="utf-8")):
            if "md-footer" in tag or "squidfunk" in tag or "mkdocs" in tag:
                continue  # the theme's own footer credit
            assert 'rel="noopener' in tag, (page, tag)
            external += 1
    assert external > 10


def test_building_twice_gives_byte_identical_files(tmp_path: Path) -> None:
    outputs = []
    for name in ("a", "b"):
        out = tmp_path / name
        build_ok(REPO, site_dir=out)
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outputs[0].keys() == outputs[1].keys()
    different = [name for name in outputs[0] if outputs[0][name] != outputs[1][name]]
    assert different == []
