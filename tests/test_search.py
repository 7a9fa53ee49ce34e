"""Danish search: the same analysis in Python and the browser, and real queries in Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from katalog.core.search.language import analysis_for, trim
from katalog.mkdocs_plugin.lunr_assets import lunr_scripts

from .browser_support import browser_page, serve
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
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, check=True)
    yield root / "site"


def search(page: Any, query: str) -> list[str]:
    page.fill(".katalog-search__input", query)
    page.wait_for_function(
        "q => { const s = document.querySelector('.katalog-search__status');"
        " return s && s.textContent !== '' && document.querySelector('.katalog-search__input').value === q; }",
        arg=query,
    )
    page.wait_for_timeout(100)  # the worker answers each keystroke; let the last answer land
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


@pytest.mark.browser
def test_results_narrow_by_type_municipality_and_theme(search_site: Path) -> None:
    with serve(search_site) as url, browser_page() as page:
        page.goto(url)
        assert len(search(page, "kataloget")) == 3  # every summary says "... testene af kataloget"
        page.select_option("select[aria-label='Alle typer']", label="Initiativ")
        assert sorted(page.locator(".katalog-search__title").all_inner_texts()) == [
            "En ny cykelsti langs åen",
            "Fællesskab om haverne",
        ]
        page.select_option("select[aria-label='Kommuner']", label="Horsens")
        assert page.locator(".katalog-search__title").all_inner_texts() == ["En ny cykelsti langs åen"]
        page.select_option("select[aria-label='Alle typer']", label="Alle typer")
        page.select_option("select[aria-label='Kommuner']", label="Kommuner")
        page.select_option("select[aria-label='Temaer']", label="Frivillighed")
        assert page.locator(".katalog-search__title").all_inner_texts() == ["Samskabelse i praksis"]
        assert page.locator(".katalog-search__status").inner_text() == "1 resultat"


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


def test_index_file_is_content_hashed_and_holds_a_serialized_lunr_index(search_site: Path) -> None:
    (index_file,) = (search_site / "katalog" / "search").glob("index.*.json")
    data: dict[str, Any] = json.loads(index_file.read_text(encoding="utf-8"))
    assert data["index"]["version"] == "2.3.9"
    assert data["index"]["pipeline"] == ["katalog-stemmer"]
    assert data["lang"] == "da" and "og" in data["stopwords"]
    script = (search_site / "katalog" / "katalog-search.js").read_text(encoding="utf-8")
    assert f'"index": "search/{index_file.name}"' in script


def small_index() -> tuple[dict[str, Any], list[str]]:

    from katalog.core.search.build import SearchDocument, _ref, build_index

    documents = [
        SearchDocument("Fællesskab", "a/", "initiative", "", {"title": "Fællesskab", "about": "haver og naboer"}),
        SearchDocument("Cykelsti", "b/", "case", "", {"title": "Cykelsti", "body": "åen og haverne 2030"}),
        SearchDocument("Tom", "c/", "unit", "", {}),
    ]
    return build_index(documents, analysis_for("da")), [_ref(n) for n in range(len(documents))]


def test_compact_index_expands_to_lunrs_own_serialization() -> None:
    from katalog.core.search.compact import expand

    compact, refs = small_index()
    expanded = expand(compact)
    assert expanded["version"] == "2.3.9" and expanded["fields"] == ["title", "about", "body"]
    postings = dict(expanded["invertedIndex"])
    assert postings["fællesskab"]["title"] == {"0": {}}
    assert postings["hav"]["about"] == {"0": {}} and postings["hav"]["body"] == {"1": {}}
    assert postings["2030"]["body"] == {"1": {}}
    vectors = dict(expanded["fieldVectors"])
    assert sorted(vectors) == sorted(f"{field}/{ref}" for field in expanded["fields"] for ref in refs)
    assert vectors["title/2"] == []
    # Every posting is in its document's field vector and the other way round.
    for term, posting in expanded["invertedIndex"]:
        for field in expanded["fields"]:
            for ref in posting[field]:
                assert posting["_index"] in vectors[f"{field}/{ref}"][::2], (term, field, ref)


@pytest.mark.browser
def test_browser_expands_the_compact_index_exactly_as_python_does() -> None:
    from katalog.core.search.compact import expand

    compact, _ = small_index()
    worker = (Path(__file__).resolve().parents[1] / "plugins/katalog/assets/katalog-search-worker.js").read_text()
    decoder = worker[worker.index("function expand(") : worker.index("function setup(")]
    with browser_page() as page:
        page.set_content("<!doctype html><title>expand</title>")
        assert page.evaluate(f"compact => {{ {decoder}; return expand(compact); }}", compact) == expand(compact)
