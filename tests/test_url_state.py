"""State in the address, in a real browser: filters and sort of overviews and term pages, and the full
search results page (soeg/?q=...), on the example site served under a sub-path (/katalog/)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from .browser_support import browser_page, serve
from .build_support import build_ok

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.browser
SUB = "katalog-site/"  # the site is published under a sub-path, as at https://example.org/katalog-site/
CARD_TITLES = ".katalog-results .katalog-card-title"
NORDFYNS = [
    "Borgernetværk om opgaver fra børnepasning til snerydning",
    "Innovationsakademi 3.0 i Nordfyns Kommune",
    "Nordfyns: ledere og medarbejdere lærer at lede innovation",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    top = tmp_path_factory.mktemp("published")
    out = top / SUB
    build_ok(ROOT, site_dir=out)
    shutil.copy(out / "index.html", top / "index.html")  # something else at the host's root
    with serve(top) as url:
        yield url + SUB


def titles(page: Any) -> list[str]:
    return page.locator(CARD_TITLES).all_inner_texts()  # type: ignore[no-any-return]


def query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def danish_order(page: Any, words: list[str]) -> list[str]:
    return page.evaluate("words => words.slice().sort(new Intl.Collator('da').compare)", words)  # type: ignore[no-any-return]


def test_filters_and_sort_live_in_the_address_and_come_back_with_reload_and_back(site: str) -> None:
    with browser_page() as page:
        page.goto(site + "initiativer/")
        page.wait_for_selector(".katalog-facet-options input")
        assert page.locator(".katalog-sort-note").is_hidden() and page.locator(".katalog-sort-select").is_visible()
        page.get_by_label("Nordfyns").check()
        assert query(page) == {"municipalities": ["nordfyns"]}
        page.locator(".katalog-sort-select").select_option("title")
        assert query(page) == {"municipalities": ["nordfyns"], "sort": ["title"]}
        assert titles(page) == danish_order(page, NORDFYNS) == NORDFYNS
        assert page.locator(".katalog-filter-status").inner_text() == "3 af 13 poster matcher"
        # Reload: the same view.
        page.reload()
        page.wait_for_selector(".katalog-facet-options input")
        assert page.get_by_label("Nordfyns").is_checked()
        assert page.locator(".katalog-sort-select").input_value() == "title"
        assert titles(page) == NORDFYNS
        # Open an entry, come back: the same view.
        page.locator(CARD_TITLES).first.click()
        page.wait_for_url("**/initiativer/nordfyns-borgernetvaerk/")
        page.go_back()
        page.wait_for_selector(".katalog-facet-options input:checked")
        assert titles(page) == NORDFYNS
        assert query(page) == {"municipalities": ["nordfyns"], "sort": ["title"]}
        # Reset: the address is the overview's own again, the static list back.
        page.get_by_role("button", name="Nulstil filtre").click()
        page.locator(".katalog-sort-select").select_option("newest")
        assert urlsplit(page.url).query == ""
        assert len(titles(page)) == 13


def test_a_shared_address_opens_the_filtered_view(site: str) -> None:
    with browser_page() as page:
        # The whole catalogue by type, with a theme.
        page.goto(site + "katalog/?type=case&themes=medborgerskab")
        page.wait_for_selector(".katalog-facet-options input:checked")
        assert page.locator("fieldset[data-facet=type] input:checked").count() == 1
        shown = titles(page)
        assert shown and len(shown) < 6
        types = page.locator(".katalog-results .katalog-card-type").all_inner_texts()
        assert set(types) == {"Case"}
        # Visitkort by expertise, sorted by municipality.
        page.goto(site + "enheder/?expertise=trivsel&sort=municipality")
        page.wait_for_selector(".katalog-facet-options input:checked")
        assert titles(page) == ["Børn og Unge, Skanderborg Kommune", "Eksempelskolen, Skanderborg Kommune"]
        assert page.locator(".katalog-filter-status").inner_text() == "2 af 9 poster matcher"
        # Unknown names and keys in the address are left alone.
        page.goto(site + "initiativer/?municipalities=atlantis&constructor=1&sort=__proto__")
        page.wait_for_selector(".katalog-facet-options input")
        assert len(titles(page)) == 13 and page.locator(".katalog-sort-select").input_value() == "newest"


def test_a_term_page_sorts_by_title_in_danish_order(site: str) -> None:
    with browser_page() as page:
        page.goto(site + "temaer/samskabelse/")
        newest = titles(page)
        page.locator(".katalog-sort-select").select_option("title")
        assert query(page) == {"sort": ["title"]}
        by_title = titles(page)
        assert sorted(by_title) == sorted(newest) and by_title == danish_order(page, newest) != newest
        page.goto(site + "temaer/samskabelse/?sort=title")
        page.wait_for_function("document.querySelector('.katalog-sort-select').value === 'title'")
        assert titles(page) == by_title


def test_the_results_page_works_as_a_link_and_keeps_its_query_in_the_address(site: str) -> None:
    with browser_page() as page:
        page.goto(site + "soeg/?q=samskabelse")
        page.wait_for_selector(".katalog-search-page__results .katalog-search__title")
        assert page.locator("h1").inner_text() == "Søg"
        assert page.locator(".katalog-search-page__input").input_value() == "samskabelse"
        results = page.locator(".katalog-search-page__results .katalog-search__link")
        count = results.count()
        status = page.locator(".katalog-search-page__status").inner_text()
        assert status == f"{count} resultater" and count > 20  # all of them, not the header's first 20
        first = results.first.get_attribute("href")
        assert first is not None and first.startswith(site)  # under the sub-path
        # A filter from the address, then one chosen here: both in the address.
        page.goto(site + "soeg/?q=samskabelse&type=case")
        page.wait_for_selector(".katalog-search-page__results .katalog-search__title")
        metas = page.locator(".katalog-search-page__results .katalog-search__meta").all_inner_texts()
        assert metas and all(meta.startswith("Case") for meta in metas)
        page.locator(".katalog-search-page__filters select").nth(1).select_option("varde")
        assert query(page) == {"q": ["samskabelse"], "type": ["case"], "municipalities": ["varde"]}
        page.locator(".katalog-search-page__filters select").nth(1).select_option("")
        page.locator(".katalog-search-page__filters select").nth(0).select_option("")
        assert query(page) == {"q": ["samskabelse"]}
        # A new query from the page's own form: a new history entry; Back gives the last one.
        page.fill(".katalog-search-page__input", "borgere")
        page.keyboard.press("Enter")
        page.wait_for_function("new URLSearchParams(location.search).get('q') === 'borgere'")
        page.wait_for_selector(".katalog-search-page__results .katalog-search__title")
        page.go_back()
        page.wait_for_function("document.querySelector('.katalog-search-page__input').value === 'samskabelse'")


def test_enter_in_the_header_box_opens_the_results_page(site: str) -> None:
    with browser_page() as page:
        page.goto(site + "cases/")
        page.fill(".katalog-search__input", "forældre")
        page.keyboard.press("Enter")
        page.wait_for_url("**/" + SUB + "soeg/?q=for%C3%A6ldre")
        page.wait_for_selector(".katalog-search-page__results .katalog-search__title")
        assert page.locator(".katalog-search-page__input").input_value() == "forældre"
        # A plain form anywhere on the site (the front page's) sends ?q= to the same page.
        page.goto(site + "soeg/?q=")
        assert page.locator(".katalog-search-page__status").inner_text() == (
            "Skriv et eller flere ord for at søge i kataloget."
        )
