"""The overview filters in a real browser, on the example site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser_support import browser_page, serve
from .build_support import build_ok

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("site")
    build_ok(ROOT, site_dir=out)
    with serve(out) as url:
        yield url


def card_titles(page: object) -> list[str]:
    return page.locator(".katalog-results .katalog-card-title").all_inner_texts()  # type: ignore[attr-defined, no-any-return]


def test_facets_combine_with_live_counts(example_site: str) -> None:
    with browser_page() as page:
        page.goto(example_site + "initiativer/")
        page.wait_for_selector(".katalog-facet-options input")
        assert len(card_titles(page)) == 13
        page.get_by_label("Nordfyns").check()
        assert page.locator(".katalog-filter-status").inner_text() == "3 af 13 poster matcher"
        assert sorted(card_titles(page)) == [
            "Borgernetværk om opgaver fra børnepasning til snerydning",
            "Innovationsakademi 3.0 i Nordfyns Kommune",
            "Nordfyns: ledere og medarbejdere lærer at lede innovation",
        ]
        # Counts of another facet follow the selection: only Nordfyns' statuses remain possible.
        running = page.locator("fieldset[data-facet=statuses] label", has_text="I gang")
        assert running.locator(".katalog-term-count").inner_text() == "2"
        page.get_by_label("I gang").check()
        assert page.locator(".katalog-filter-status").inner_text() == "2 af 13 poster matcher"
        assert page.get_by_label("Prøvehandling").is_disabled()
        # A second term in the same facet widens (OR), across facets narrows (AND).
        page.get_by_label("Varde").check()
        assert page.locator(".katalog-filter-status").inner_text() == "4 af 13 poster matcher"
        page.get_by_role("button", name="Nulstil filtre").click()
        assert len(card_titles(page)) == 13
        assert page.locator(".katalog-filter-status").is_hidden()


def test_filters_work_from_the_keyboard(example_site: str) -> None:
    with browser_page() as page:
        page.goto(example_site + "cases/")
        page.wait_for_selector(".katalog-facet-options input")
        page.get_by_label("Hedensted").focus()
        page.keyboard.press("Space")
        assert page.get_by_label("Hedensted").is_checked()
        assert len(card_titles(page)) == 2


def test_without_javascript_the_overview_links_term_pages(example_site: str) -> None:
    with browser_page() as page:
        page.route("**/*.js", lambda route: route.abort())
        page.goto(example_site + "initiativer/")
        link = page.locator("fieldset[data-facet=municipalities] a", has_text="Nordfyns")
        assert link.get_attribute("href") == "../kommuner/nordfyns/"
        assert len(card_titles(page)) == 13
        link.click()
        assert page.locator("h1").inner_text() == "Kommune: Nordfyns"
        assert len(card_titles(page)) == 5  # 3 initiatives, a visitkort and a case
