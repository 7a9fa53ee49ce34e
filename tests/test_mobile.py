"""Mobile and reflow in a real browser, on the example site with 4 entries to a page (so overviews have
a pager): the search panel inside the screen from 320 px, filters folded with the count outside, tap
targets of at least 24 by 24 px (WCAG 2.2, 2.5.8), no word broken in the middle, no sideways scrolling."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser_support import browser_page, serve
from .build_support import build_ok

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.browser

# Every page kind this part of the site has, with a narrow and a wide screen.
PAGES = {
    "front page": "",
    "overview": "initiativer/",
    "overview page 2": "initiativer/2/",
    "whole catalogue": "katalog/",
    "visitkort overview": "enheder/",
    "initiative": "initiativer/faxe-potentialer-i-spil/",
    "case": "cases/hedensted-borgerne-prioriterer/",
    "visitkort": "enheder/faxe-udvikling-og-samskabelse/",
    "term page": "temaer/samskabelse/",
    "taxonomy": "saerlig-viden/",
    "terms index": "emner/",
    "who knows": "hvem-ved-noget-om/",
    "search results": "soeg/?q=samskabelse",
}

BROKEN_WORDS = """() => {
    // Each word of the page's text that wraps onto two lines, though it would fit on one line of the page.
    const broken = [];
    const main = document.querySelector(".md-content");
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const width = main.getBoundingClientRect().width;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !parent.offsetParent || parent.closest(".katalog-hidden, script, style")) continue;
        for (const match of node.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
            const lines = new Set(rects.map(r => Math.round(r.top)));
            const total = rects.reduce((sum, r) => sum + r.width, 0);
            // A word longer than the whole block it is in (a long web address) may break; no other may.
            // The block it is in, or the grid or flex container that block is a cell of.
            let block = parent.closest("dl, ul, ol, p, div, section, figure, blockquote, table, h1, h2, h3") || main;
            while (block !== main && /grid|flex/.test(getComputedStyle(block.parentElement).display)) {
                block = block.parentElement;
            }
            const style = getComputedStyle(block);
            const room = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            if (lines.size > 1 && total <= Math.min(room, width)) broken.push(match[0]);
        }
    }
    return broken;
}"""

TARGETS = """(selector) => Array.from(document.querySelectorAll(selector))
    .filter(el => el.offsetParent !== null)
    .map(el => {
        const r = el.getBoundingClientRect();
        const name = el.textContent.trim().slice(0, 30) || el.outerHTML.slice(0, 60);
        return [name, Math.round(r.width * 10) / 10, Math.round(r.height * 10) / 10];
    })"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("mobile")
    for folder in ("catalogue", "content", "site_config"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    site_yml = root / "site_config" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    site_yml.write_text(re.sub(r"(?m)^page_size: \d+$", "page_size: 4", text), encoding="utf-8")
    out = root / "out"
    build_ok(root, site_dir=out)
    with serve(out) as url:
        yield url


def open_page(page: Any, url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(url, wait_until="networkidle")


@pytest.mark.parametrize("width", [320, 390])
def test_the_search_panel_stays_inside_the_screen(site: str, width: int) -> None:
    with browser_page() as page:
        open_page(page, site + "initiativer/", width)
        page.fill(".katalog-search__input", "samskabelse")
        page.wait_for_selector(".katalog-search__title")
        for selector in (".katalog-search__input", ".katalog-search__panel", ".katalog-search__filter"):
            for box in page.locator(selector).all():
                bounds = box.bounding_box()
                assert bounds is not None
                assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= width, (selector, bounds)
        assert page.evaluate("document.documentElement.scrollWidth") == width
        # The list closes with a tap elsewhere.
        page.mouse.click(width / 2, 700)
        assert page.locator(".katalog-search__panel").is_hidden()


def test_filters_fold_on_a_narrow_screen_with_the_count_outside(site: str) -> None:
    with browser_page() as page:
        open_page(page, site + "initiativer/?municipalities=nordfyns", 390)
        page.wait_for_selector(".katalog-facet-options input:checked", state="attached")
        assert page.locator("details.katalog-filter-panel").evaluate("d => d.open") is False
        assert page.locator(".katalog-count").inner_text() == "13 poster"
        status = page.locator(".katalog-filter-status")
        assert status.is_visible() and status.inner_text() == "3 af 13 poster matcher"
        # The first card is on the first screen.
        first = page.locator(".katalog-results .katalog-card").first.bounding_box()
        assert first is not None and first["y"] < 800
        page.locator("details.katalog-filter-panel > summary").click()
        assert page.get_by_label("Nordfyns").is_visible()
        # A wide screen shows them open.
        open_page(page, site + "initiativer/", 1280)
        page.wait_for_selector(".katalog-facet-options input")
        assert page.locator("details.katalog-filter-panel").evaluate("d => d.open") is True


@pytest.mark.parametrize("width", [390, 1280])
def test_tap_targets_are_at_least_24_by_24_px(site: str, width: int) -> None:
    small: list[tuple[str, str, str, float, float]] = []
    with browser_page() as page:
        checks = {
            "initiativer/": [
                ".katalog-facet-options label",
                ".katalog-pager a",
                ".katalog-pager span",
                ".katalog-sort-select",
                "details.katalog-filter-panel > summary",
                ".katalog-facet-options input",
            ],
            "hvem-ved-noget-om/": [".katalog-letters a", ".katalog-who a"],
            "saerlig-viden/": [".katalog-terms a"],
            "emner/": [".katalog-taxonomies a"],
            "soeg/?q=samskabelse": [".katalog-search-page__filters select", ".katalog-search-page__row .md-button"],
        }
        for path, selectors in checks.items():
            open_page(page, site + path, width)
            if path == "initiativer/":
                page.wait_for_selector(".katalog-facet-options input", state="attached")
                page.evaluate("document.querySelector('details.katalog-filter-panel').open = true")
            if path.startswith("soeg"):
                page.wait_for_selector(".katalog-search-page__filters select")
            for selector in selectors:
                found = page.evaluate(TARGETS, selector)
                assert found, f"nothing matches {selector} on /{path}"
                # A checkbox is inside its label, which is the target (2.5.8 counts the label's area).
                least = 16 if selector.endswith("input") else 24
                small += [(path, selector, text, w, h) for text, w, h in found if w < least or h < least]
    assert small == []


@pytest.mark.parametrize("width", [320, 390])
def test_no_word_is_broken_and_nothing_scrolls_sideways(site: str, width: int) -> None:
    found: dict[str, tuple[bool, list[str]]] = {}
    with browser_page() as page:
        for name, path in PAGES.items():
            open_page(page, site + path, width)
            if name == "search results":
                page.wait_for_selector(".katalog-search-page__results .katalog-search__title")
            scrolls = page.evaluate("document.documentElement.scrollWidth") != width
            broken = page.evaluate(BROKEN_WORDS)
            if scrolls or broken:
                found[name] = (scrolls, broken)
    assert found == {}, "(scrolls sideways, words broken) per page"
