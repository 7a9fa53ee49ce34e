"""Accessibility of the example site in Chromium: axe-core (WCAG 2.2 A/AA) on every page kind at 1280 and
390 px, and keyboard-only use.

axe-core comes bundled with axe-playwright-python (axe.min.js in that package).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from .browser_support import CHROMIUM, CHROMIUM_ARGS, browser_page, require_chromium, serve
from .build_support import build_ok

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
STATEMENT = "tilgaengelighedserklaering/"
SEARCH_INPUT = ".katalog-search__input"
FACET_BOX = ".katalog-facet-options input[type=checkbox]"
IS_SEARCH_INPUT = f"() => document.activeElement && document.activeElement.matches('{SEARCH_INPUT}')"


class Site(NamedTuple):
    out: Path
    url: str


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    out = tmp_path_factory.mktemp("site")
    build_ok(ROOT, site_dir=out)
    with serve(out) as url:
        yield Site(out, url)


def wait_until_quiet(page: Any, selector: str, quiet_ms: int = 300) -> None:
    """Wait until nothing under `selector` has changed for `quiet_ms` (the search worker answers each key)."""
    page.evaluate(
        """([selector, quiet]) => new Promise(resolve => {
            let timer = setTimeout(done, quiet);
            const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quiet); });
            observer.observe(document.querySelector(selector), { subtree: true, childList: true, characterData: true });
            const limit = setTimeout(done, 15000);  // never forever
            function done() { clearTimeout(limit); observer.disconnect(); resolve(); }
        })""",
        [selector, quiet_ms],
    )


def open_search(page: Any, query: str) -> None:
    page.fill(SEARCH_INPUT, query)
    page.wait_for_selector(".katalog-search__title")
    wait_until_quiet(page, ".katalog-search__panel")


def wait_for_filters(page: Any) -> None:
    page.wait_for_selector(FACET_BOX)


def describe(violations: list[dict[str, Any]], shown: int = 3) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, node["target"])) for node in v["nodes"]]
        more = f" (+{len(targets) - shown} more)" if len(targets) > shown else ""
        lines.append(f"{v['id']} [{v['impact']}] {v['help']}: {' | '.join(targets[:shown])}{more}")
        lines.append(f"    e.g. {v['nodes'][0]['html'][:200]}")
    return "\n".join(lines)


# The keyboard tests come first: each starts its own Chromium, which must not run while the
# module's shared one (below) does.


def tab_until(page: Any, is_target: str, limit: int) -> int:
    """Press Tab until `is_target` (a JS predicate) holds; return how many presses it took, or 0."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(is_target):
            return presses
    return 0


def test_search_works_from_the_keyboard_alone(example_site: Site) -> None:
    with browser_page() as page:
        page.goto(example_site.url, wait_until="networkidle")
        presses = tab_until(page, IS_SEARCH_INPUT, 15)
        assert presses, "15 Tabs from page load do not reach the search input"
        page.keyboard.type("samskabelse")
        page.wait_for_selector(".katalog-search__title")
        wait_until_quiet(page, ".katalog-search__panel")
        page.keyboard.press("ArrowDown")
        first = page.locator(".katalog-search__link").first
        assert first.evaluate("link => link === document.activeElement"), "ArrowDown does not focus the first result"
        href = first.get_attribute("href")
        page.keyboard.press("Enter")
        page.wait_for_url(href)


def test_facet_filters_work_from_the_keyboard_alone(example_site: Site) -> None:
    with browser_page() as page:
        page.goto(example_site.url + "initiativer/", wait_until="networkidle")
        wait_for_filters(page)
        before = page.locator(".katalog-results .katalog-card-title").count()
        first_box = f"() => document.activeElement === document.querySelector('{FACET_BOX}')"
        presses = tab_until(page, first_box, 60)
        assert presses, "60 Tabs from page load do not reach the first facet checkbox"
        page.keyboard.press("Space")
        assert page.locator(FACET_BOX).first.is_checked()
        assert page.locator(".katalog-filter-status").is_visible()
        assert page.locator(".katalog-results .katalog-card-title").count() < before


def open_filters(page: Any) -> None:
    page.wait_for_selector(FACET_BOX, state="attached")  # folded on a narrow screen
    page.evaluate("document.querySelectorAll('details.katalog-filter-panel').forEach(d => { d.open = true; })")


def wait_for_results_page(page: Any) -> None:
    page.wait_for_selector(".katalog-search-page__results .katalog-search__title")


# (path, what to do once the page has loaded): every page kind, each at a wide and a narrow width.
PAGES = {
    "front page": ("", None),
    "overview with filters": ("initiativer/", open_filters),
    "overview filtered and sorted": ("initiativer/?municipalities=nordfyns&sort=title", open_filters),
    "whole catalogue": ("katalog/", open_filters),
    "visitkort overview": ("enheder/", open_filters),
    "initiative": ("initiativer/faxe-potentialer-i-spil/", None),
    "case": ("cases/hedensted-borgerne-prioriterer/", None),
    "unit": ("enheder/faxe-udvikling-og-samskabelse/", None),
    "knowledge page": ("vidensbank/kommune-3-0/", None),
    "term page": ("temaer/samskabelse/", None),
    "taxonomy": ("saerlig-viden/", None),
    "terms index": ("emner/", None),
    "who knows": ("hvem-ved-noget-om/", None),
    "search results page": ("soeg/?q=samskabelse", wait_for_results_page),
    "search results": ("", lambda page: open_search(page, "samskabelse")),
    "accessibility statement": (STATEMENT, None),
}
WIDTHS = [1280, 390]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium for the module's pages (each test opens its own page in it)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@contextmanager
def new_page(browser: Any, width: int = 1280) -> Iterator[Any]:
    """A page of the module's browser; a script error on it fails the test."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        page.close()
    assert errors == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_pages_have_no_wcag_22_aa_violations(example_site: Site, browser: Any, name: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    path, prepare = PAGES[name]
    if path == STATEMENT and not (example_site.out / STATEMENT / "index.html").exists():
        pytest.skip(f"the site has no accessibility statement page at /{STATEMENT} yet")
    with new_page(browser, width) as page:
        page.goto(example_site.url + path, wait_until="networkidle")
        if prepare:
            prepare(page)
        options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        violations = Axe().run(page, options=options).response["violations"]
    assert violations == [], f"axe found on /{path} ({name}) at {width} px:\n{describe(violations)}"
