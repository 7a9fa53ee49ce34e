"""Danish search: the same analysis in Python and the browser, and real queries in Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from katalog.core.search.language import analysis_for, trim
from katalog.mkdocs_plugin.lunr_assets import lunr_scripts

from .browser_support import SEARCH_ANSWERED, browser_page, serve
from .build_support import build_ok
from .conftest import Site, copy_example_config, entry

DATA = Path(__file__).resolve().parent / "data"


def test_trimmer_keeps_letters_digits_and_danish_letters() -> None:
    assert [trim(w) for w in ["cykelsti", "2030", "(samskabelse)", "ørred,", "«åen»", "--"]] == [
        "cykelsti",
        "2030",
        "samskabelse",
        "ørred",
        "åen",
        "",
    ]


def test_python_stemmer_handles_the_known_cases() -> None:
    stem = analysis_for("da").stem
    assert stem("fællesskaber") == stem("fællesskab") == "fællesskab"
    assert stem("kommunerne") == stem("kommune") == "kommun"
    assert stem("2030") == "2030"
    assert stem("cykelsti") == "cykelsti"


@pytest.mark.browser
@pytest.mark.parametrize(("language", "code"), [("da", "da"), ("sv", "sv"), ("nb", "no")])
def test_python_and_browser_stemmers_agree_on_a_word_list(language: str, code: str) -> None:
    words = (DATA / f"words_{code}.txt").read_text(encoding="utf-8").split()
    assert len(words) >= (2000 if code == "da" else 400)
    python_stems = [analysis_for(language).stem(word) for word in words]
    with browser_page() as page:
        page.set_content("<!doctype html><title>stem</title>")
        for script in lunr_scripts(code).values():
            page.add_script_tag(content=script)
        browser_stems = page.evaluate(
            f"words => words.map(w => lunr.{code}.stemmer(new lunr.Token(w, {{}})).toString())", words
        )
    differences = [(w, p, b) for w, p, b in zip(words, python_stems, browser_stems, strict=True) if p != b]
    assert differences == []


# --- whole site in the browser ---------------------------------------------------------------

ENTRIES = {
    "catalogue/initiatives/faelleshaver.md": entry(
        "initiative",
        replace={"title:": 'title: "Fællesskab om haverne"'},
        body="## Baggrund\n\nBeboerne dyrker fællesskab i haverne frem mod 2030.\n",
    ),
    "catalogue/initiatives/cykelsti.md": entry(
        "initiative",
        replace={"title:": 'title: "En ny cykelsti langs åen"', "municipality:": "municipality: horsens"},
        body="Kommunen og borgerne planlægger stien sammen.\n",
    ),
    "catalogue/cases/samskabelse.md": entry(
        "case",
        replace={"title:": 'title: "Samskabelse i praksis"', "themes:": "themes: [frivillighed]"},
        body="Frivillige og medarbejdere skaber noget nyt sammen.\n",
    ),
}


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from .conftest import INDEX_MD, mkdocs_yml_for_tests

    root = tmp_path_factory.mktemp("search")
    copy_example_config(root / "site_config")
    (root / "mkdocs.yml").write_text(mkdocs_yml_for_tests(), encoding="utf-8")
    Site(root).write({"content/index.md": INDEX_MD, **ENTRIES})
    build_ok(root)
    yield root / "site"


def search(page: Any, query: str) -> list[str]:
    page.fill(".katalog-search__input", query)
    page.wait_for_function(SEARCH_ANSWERED, arg=query)
    titles: list[str] = page.locator(".katalog-search__title").all_inner_texts()
    return titles


@pytest.mark.browser
def test_danish_queries_find_inflections_prefixes_and_digits(search_site: Path) -> None:
    with serve(search_site) as url, browser_page() as page:
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url)
        assert not any("/search/index." in r for r in requests), "the index is fetched on first use only"
        page.focus(".katalog-search__input")
        page.wait_for_timeout(300)
        assert [r for r in requests if "/search/index." in r]
        assert search(page, "fællesskaber") == ["Fællesskab om haverne"]
        # Every entry carries the theme "Samskabelse"; the one with it in its title ranks first.
        assert search(page, "samsk")[0] == "Samskabelse i praksis"
        assert search(page, "2030") == ["Fællesskab om haverne"]
        assert search(page, "cykelsti") == ["En ny cykelsti langs åen"]
        assert search(page, "åen") == ["En ny cykelsti langs åen"]
        assert "En ny cykelsti langs åen" in search(page, "kommunerne")
        # Vocabulary labels and synonyms find the entries that carry the term.
        assert search(page, "Horsens") == ["En ny cykelsti langs åen"]
        assert search(page, "frivillige") == ["Samskabelse i praksis"]  # the theme Frivillighed's synonym
        assert sorted(search(page, "Århus")) == ["Fællesskab om haverne", "Samskabelse i praksis"]
        # Matched words are marked, as text: the title's "Samskabelse" is in a <mark>.
        search(page, "samskabelse")
        assert page.locator(".katalog-search__title mark").all_inner_texts() == ["Samskabelse"]
        assert page.locator(".katalog-search__meta").first.inner_text() == "Case · Aarhus"


def wait_for_status(page: Any, text: str) -> None:
    page.wait_for_function(
        "t => document.querySelector('.katalog-search__status').textContent === t", arg=text, timeout=5000
    )
    page.wait_for_timeout(50)


@pytest.mark.browser
def test_results_narrow_by_type_municipality_and_theme(search_site: Path) -> None:
    with serve(search_site) as url, browser_page() as page:
        page.goto(url)
        # Every summary says "... testene af kataloget", and so does the accessibility statement.
        found = search(page, "kataloget")
        assert len(found) == 4 and found[-1] == "Tilgængelighedserklæring"
        types = "select[aria-label='Alle typer']"
        # Each option counts the results that have it (once the filters' data is in).
        page.wait_for_function(f"document.querySelector(\"{types}\").options[1].textContent.includes('(')")
        assert page.locator(f"{types} option").all_inner_texts()[:3] == ["Alle typer", "Initiativ (2)", "Case (1)"]
        page.select_option(types, "initiative")
        wait_for_status(page, "2 resultater")
        assert sorted(page.locator(".katalog-search__title").all_inner_texts()) == [
            "En ny cykelsti langs åen",
            "Fællesskab om haverne",
        ]
        # Counts of one filter follow the others: of the two initiatives one is in Horsens.
        page.wait_for_function(
            "document.querySelector(\"select[aria-label='Kommuner'] option[value=horsens]\")"
            ".textContent === 'Horsens (1)'"
        )
        page.select_option("select[aria-label='Kommuner']", "horsens")
        wait_for_status(page, "1 resultat")
        assert page.locator(".katalog-search__title").all_inner_texts() == ["En ny cykelsti langs åen"]
        page.select_option(types, "")
        page.select_option("select[aria-label='Kommuner']", "")
        page.select_option("select[aria-label='Temaer']", "frivillighed")
        wait_for_status(page, "1 resultat")
        assert page.locator(".katalog-search__title").all_inner_texts() == ["Samskabelse i praksis"]


@pytest.mark.browser
def test_search_works_from_a_sub_path(search_site: Path, tmp_path: Path) -> None:
    shutil.copytree(search_site, tmp_path / "projekt" / "katalog")
    with serve(tmp_path) as url, browser_page() as page:
        page.goto(url + "projekt/katalog/initiativer/")
        assert search(page, "cykelsti") == ["En ny cykelsti langs åen"]
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url("**/projekt/katalog/initiativer/cykelsti/")
        assert page.locator("h1").inner_text() == "En ny cykelsti langs åen"
