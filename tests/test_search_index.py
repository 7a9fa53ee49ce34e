"""The search index in pieces (core/search/index.py): compounds, typos, structured fields, passages with
heading links, filters with counts, hostile text, and a site published under a sub-path, in Chromium."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from katalog.core.search import index as index_module
from katalog.core.search.analyser import Analyser
from katalog.core.search.build import SearchDocument, body_sections, search_index
from katalog.core.search.compounds import Compounds
from katalog.core.search.index import utf16_key
from katalog.core.search.language import analysis_for
from katalog.render.page_text import rendered_sections

from .browser_support import SEARCH_ANSWERED, browser_page, serve
from .build_support import build_ok
from .conftest import INDEX_MD, Site, copy_example_config, entry, mkdocs_yml_for_tests

SUB = "projekt/katalog/"
LABELS: dict[str, Any] = {"types": [["initiative", "Initiativ"]], "filters": []}


# --- Python ---------------------------------------------------------------------------------------


def test_compounds_split_into_words_the_catalogue_uses() -> None:
    analyser = Analyser(analysis_for("da"))
    words = ["borger", "inddragelse", "proces", "fælles", "land", "byen", "kommune", "kommunerne", "besøg"]
    words += ["samarbejde", "udvikling", "for", "ældre", "forældre", "over", "blik", "overblik"]
    compounds = Compounds(words, analyser)
    # A known word and a linking s mark the seam, though "venner" is never used alone; not without the s,
    # and not where a known word ends the compound ("samarbejde", not "amarbejde").
    assert compounds.parts("besøgsvenner") == ("ven",)
    assert compounds.parts("udviklingsforløbet") == ("forløb",)
    assert compounds.parts("besøgvenner") == ()
    assert compounds.parts("kommunesamarbejde") == ("samarbejd",)
    assert compounds.parts("kommunesby") == ()  # a tail of five letters at least
    assert compounds.parts("borgerinddragelse") == ("inddrag",)
    assert compounds.parts("borgerinddragelsesproces") == ("proc", "inddrag")  # a linking s, three parts
    assert compounds.parts("fælleshave") == ("hav",)  # "have" is a stop word, and a word
    assert compounds.parts("landsbyen") == ("byen",)
    assert compounds.parts("kommunerne") == ()  # "rne" is no word
    assert compounds.parts("samskabelse") == ()  # "sam" is no word of this catalogue
    assert compounds.parts("forældre") == () and compounds.parts("overblik") == ()  # stop words in front


def test_a_rendered_pages_parts_are_what_a_reader_sees_at_its_headings() -> None:
    html = (
        '<div><h1 id="t">Titlen</h1><p>Et <a href="x">link</a> &amp; <b>fed</b>\n  tekst.</p>'
        '<ul><li>Ét</li><li>To!</li></ul><h2 id="afsnit">Et <i>afsnit</i></h2><p>&lt;script&gt; er tekst</p>'
        "<h2>Uden id</h2><p>Sidst</p></div>"
    )
    assert rendered_sections(html) == [
        ("", "", "Et link & fed tekst. Ét. To!"),
        ("Et afsnit", "afsnit", "<script> er tekst."),
        ("Uden id", "", "Sidst."),  # a heading with no id: a passage shows no link to it
    ]


# Any text but NUL (which ends a block, page_text.py) and surrogates; line breaks and tabs included.
_WORDS = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t\r"), min_size=1).filter(
    lambda t: t.split() != []
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_WORDS, st.from_regex(r"[a-z][a-z-]{0,10}", fullmatch=True), _WORDS), max_size=5), _WORDS)
def test_a_rendered_pages_parts_keep_every_word_of_any_text(parts: list[tuple[str, str, str]], first: str) -> None:
    """Whatever the texts (markup characters, entities, any letters), each heading and paragraph comes
    back whole, in its part, with white space folded: nothing a reader sees is lost or changed."""
    html = f"<h1>Titel</h1><p>{escape(first)}</p>" + "".join(
        f'<h2 id="{anchor}">{escape(heading)}</h2><p>{escape(text)}</p>' for heading, anchor, text in parts
    )

    def fold(text: str) -> str:
        return " ".join(text.split())

    def ended(text: str) -> str:
        return text if text[-1] in ".!?:;…" else text + "."

    expected = [("", "", ended(fold(first)))]
    expected += [(fold(heading), anchor, ended(fold(text))) for heading, anchor, text in parts]
    assert rendered_sections(html) == expected


def test_body_sections_are_anchored_as_the_pages_headings() -> None:
    body = "Før.\n\n## Læringer fra Ærø\n\nEt.\n\n```\n# kode, ingen overskrift\n```\n\n## Læringer fra Ærø\n\nTo.\n"
    assert body_sections(body) == [
        ("", "", "Før."),
        ("Læringer fra Ærø", "laeringer-fra-aeroe", "Et."),
        ("Læringer fra Ærø", "laeringer-fra-aeroe_1", "To."),
    ]


def test_plain_text_keeps_code_and_words_with_underscores_as_written() -> None:
    """A passage shows what the page says: a code span's text and a name with an underscore as written,
    emphasis and the other markup gone."""
    from katalog.core.search.plaintext import plain_text

    text = "Grænsen i `site_config/site.yml`, får _besked_ **nu**: `katalog stale`."
    assert plain_text(text) == "Grænsen i site_config/site.yml, får besked nu: katalog stale."


def shard_terms(
    files: dict[str, str], meta: dict[str, Any], ends: dict[str, list[str]] | None = None
) -> dict[str, list[int]]:
    """Every term's postings, decoded: {term: [document numbers]}; the ends' keys and their words into ends."""
    out: dict[str, list[int]] = {}
    for first, name in meta["shards"]:
        shard = json.loads(files[f"katalog/search/{name}"])
        assert shard["t"][0] == first and shard["t"] == sorted(shard["t"], key=utf16_key)
        for term, flat in zip(shard["t"], shard["p"], strict=True):
            if term.startswith("~"):
                assert ends is not None, term
                ends[term] = flat
                continue
            numbers, doc = [], 0
            for i in range(0, len(flat), 2):
                doc += flat[i]
                numbers.append(doc)
            out[term] = numbers
    return out


def test_index_files_hold_every_word_in_shards_result_rows_in_chunks_and_passages_per_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("katalog.core.search.index.SHARD_CHARS", 40)  # many small shards
    words = " ".join(f"ord{n}" for n in range(3000))  # a long body: every word is indexed
    documents = [
        SearchDocument(
            "Fælleshave", "a/", "initiative", "Om haver.", {"title": "Fælleshave", "body": words}, {}, [("", "", words)]
        ),
        SearchDocument("Cykelsti", "b/", "initiative", "", {"title": "Cykelsti", "people": "Trafikplanlægger"}),
    ]
    index = search_index("da", documents, LABELS)
    meta = json.loads(index.files[index.meta_name])
    assert index.meta_name.startswith("katalog/search/index.") and meta["lang"] == "da" and meta["count"] == 2
    assert len(meta["shards"]) > 10
    assert [first for first, _ in meta["shards"]] == sorted((first for first, _ in meta["shards"]), key=utf16_key)
    ends: dict[str, list[str]] = {}
    terms = shard_terms(index.files, meta, ends)
    assert terms["ord2999"] == [0] and terms["fælleshav"] == [0] and terms["trafikplanlæg"] == [1]
    # A word no known word splits is listed under its ends, for a query word found nowhere else.
    assert ends["~planlæg"] == ["trafikplanlæg"] and ends["~ikplanlæg"] == ["trafikplanlæg"]
    assert "~hav" not in ends and all(words for words in ends.values())
    # Each shard holds the rows of its terms' best documents.
    for _, name in meta["shards"]:
        shard = json.loads(index.files[f"katalog/search/{name}"])
        expected = sorted({number for term in shard["t"] if term in terms for number in terms[term]})
        assert [row[0] for row in shard["r"]] == expected
    rows = json.loads(index.files[f"katalog/search/{meta['rows']}0.json"])
    assert meta["rowSize"] >= 2 and rows[1] == ["Cykelsti", "b/", "", "", 0]
    assert rows[0][:2] == ["Fælleshave", "a/"] and rows[0][4] == 1
    passages = json.loads(index.files[f"katalog/search/{meta['passages']}0.json"])
    assert passages[0][2].startswith("ord0 ord1") and f"katalog/search/{meta['passages']}1.json" not in index.files
    facets = json.loads(index.files[f"katalog/search/{meta['facets']}"])
    assert facets == {"type": [0, 0], "v": []}


def test_structured_fields_are_indexed_and_names_only_with_full_contacts(tmp_path: Path) -> None:
    from katalog.core.catalogue import build_catalogue
    from katalog.core.search.build import entry_document

    copy_example_config(tmp_path / "site_config")
    Site(tmp_path).write({"content/index.md": INDEX_MD, **STRUCTURED})
    catalogue = build_catalogue(tmp_path)
    case = next(e for e in catalogue.entries.values() if e.id == "aebler")
    document = entry_document(catalogue, case, "cases/aebler/")
    assert document.fields["people"] == "Skolepædagog · Skolepædagog"  # values apart: no phrase across
    assert "Vi plantede æbletræer sammen." in document.fields["details"]
    assert "Teknik og Miljø" in document.fields["details"] and "2024" in document.fields["details"]
    # The citizen role's label in the site's language; its other labels and synonyms weigh less.
    assert "Frivillig" in document.fields["terms"] and "Volunteer" not in document.fields["terms"]
    assert "Volunteer" in document.fields["aliases"] and "Frivillig" not in document.fields["aliases"]
    assert ("Citater", "citater", "Vi plantede æbletræer sammen. · Skolepædagog") in document.sections
    initiative = next(e for e in catalogue.entries.values() if e.id == "raadet")
    assert "Test Testesen" in entry_document(catalogue, initiative, "x/").fields["contacts"]
    settings = tmp_path / "site_config" / "site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("contacts: full", "contacts: role_only"))
    catalogue = build_catalogue(tmp_path)
    initiative = next(e for e in catalogue.entries.values() if e.id == "raadet")
    contacts = entry_document(catalogue, initiative, "x/").fields["contacts"]
    assert "Testesen" not in contacts and "Trafikplanlægger" in contacts


def test_a_keyword_listed_twice_is_one_reason_line(tmp_path: Path) -> None:
    from katalog.core.catalogue import build_catalogue
    from katalog.core.search.build import entry_document

    copy_example_config(tmp_path / "site_config")
    tags = "tags: [cykelparkering, cykelparkering, fællesrum]"
    Site(tmp_path).write({"content/index.md": INDEX_MD, "catalogue/cases/to.md": entry("case", add=tags)})
    catalogue = build_catalogue(tmp_path)
    document = entry_document(catalogue, catalogue.entries["to"], "cases/to/")
    lines = document.labels.split("\n\n")
    assert [line for line in lines if "cykelparkering" in line] == ["Emneord: cykelparkering"]
    assert "Emneord: fællesrum" in lines


# --- in the browser, under a sub-path ------------------------------------------------------------

STRUCTURED = {
    "catalogue/cases/aebler.md": entry(
        "case",
        replace={"title:": 'title: "Æbletræer i skolegården"', "citizen_roles:": "citizen_roles: [volunteer]"},
        add=(
            'department: "Teknik og Miljø"\n'
            "interviews:\n  - role: Skolepædagog\n    kind: employee\n    date: '2020-02'\n"
            'quotes:\n  - text: "Vi plantede æbletræer sammen."\n    by: Skolepædagog'
        ),
    ),
    "catalogue/initiatives/raadet.md": entry(
        "initiative",
        replace={
            "title:": 'title: "Et nyt råd for borgerne"',
            "summary:": 'summary: "Hver borger kan foreslå en sag til rådet i kommunen."',
            '  - name: "Test Testesen"': '  - name: "Test Testesen"\n    role: "Trafikplanlægger"',
        },
        body=(
            "## Idéen\n\nRådet styrker borgerinddragelse i alle kommunens planer.\n\n"
            "## Læringer undervejs\n\nMødet om cykelstil samlede mange.\n"
        ),
    ),
}

ENTRIES = {
    **STRUCTURED,
    "catalogue/initiatives/unge.md": entry(
        "initiative",
        replace={"title:": 'title: "Inddragelse af unge i planlægningen"'},
        body="## Baggrund\n\nDe unge blev spurgt om byens rum.\n",
    ),
    "catalogue/cases/haven.md": entry(
        "case",
        replace={"title:": 'title: "Beboerne og deres fælleshave"'},
        body="Et fælles projekt i gården.\n",
    ),
    "catalogue/initiatives/cykelsti.md": entry(
        "initiative",
        replace={"title:": 'title: "En ny cykelsti langs åen"', "municipality:": "municipality: horsens"},
        body="Stien bygges sammen med borgerne fra busstoppestedet.\n",
    ),
    "catalogue/initiatives/fjendtlig.md": entry(
        "initiative",
        replace={"title:": """title: '<b>Fed</b> & "citat" <img src=x onerror=window.__pwned=1>'"""},
        body="## <i>Kursiv</i> afsnit\n\nHemmeligt ord: zebrafisk <img src=x onerror=window.__pwned=2>.\n",
    ),
    "content/vejledning.md": "# Vejledning\n\nSådan bruger du kataloget med en kompasnål.\n",
}


def write_site(root: Path, files: dict[str, str]) -> None:
    """A site of the example's configuration: these files and a front page."""
    copy_example_config(root / "site_config")
    (root / "mkdocs.yml").write_text(mkdocs_yml_for_tests(), encoding="utf-8")
    Site(root).write({"content/index.md": "# Forside\n\nEn lille testside.\n", **files})


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built, and served under a sub-path: yields the site's address."""
    root = tmp_path_factory.mktemp("search-index")
    write_site(root, ENTRIES)
    top = root / "published"
    out = top / SUB
    build_ok(root, site_dir=out)
    shutil.copy(out / "index.html", top / "index.html")  # something else at the host's root
    with serve(top) as url:
        yield url + SUB


def results(page: Any, query: str) -> list[dict[str, Any]]:
    page.fill(".katalog-search__input", query)
    page.wait_for_function(SEARCH_ANSWERED, arg=query)
    return read_results(page)


def read_results(page: Any) -> list[dict[str, Any]]:
    return page.evaluate(  # type: ignore[no-any-return]
        """() => Array.from(document.querySelectorAll('.katalog-search__list .katalog-search__result'), li => {
          const section = li.querySelector('.katalog-search__section');
          const reason = li.querySelector('.katalog-search__reason');
          return {
            title: li.querySelector('.katalog-search__title').textContent,
            href: li.querySelector('.katalog-search__link').getAttribute('href'),
            passage: li.querySelector('.katalog-search__summary').textContent,
            marks: Array.from(li.querySelectorAll('mark'), m => m.textContent),
            section: section ? [section.textContent, section.getAttribute('href')] : null,
            reason: reason ? reason.textContent : null,
          };
        })"""
    )


def titles(page: Any, query: str) -> list[str]:
    return [r["title"] for r in results(page, query)]


@pytest.mark.browser
def test_compounds_typos_and_stop_words(published: str) -> None:
    with browser_page() as page:
        page.goto(published)
        # A word finds the compounds it is part of, after the entries that use the word itself.
        assert titles(page, "inddragelse") == ["Inddragelse af unge i planlægningen", "Et nyt råd for borgerne"]
        # A query of one stop word still finds something: "have" in "fælleshave".
        assert titles(page, "have") == ["Beboerne og deres fælleshave"]
        # One typo in a word of five letters or more: swapped, missing, wrong, extra letter.
        for typo in ("cykelsit", "cykelst", "cykelsto", "cykkelsti"):
            assert "En ny cykelsti langs åen" in titles(page, typo), typo
        assert titles(page, "cykel") == ["En ny cykelsti langs åen", "Et nyt råd for borgerne"]  # prefixes
        # A word the catalogue uses only at the end of a compound finds it: "busstoppestedet".
        assert titles(page, "stoppested") == ["En ny cykelsti langs åen"]
        assert titles(page, "stoppestedet") == ["En ny cykelsti langs åen"]
        # A typo ranks below an exact match, even one in the title.
        assert titles(page, "cykelstil") == ["Et nyt råd for borgerne", "En ny cykelsti langs åen"]
        assert titles(page, "kat") != [] and titles(page, "ka") == []  # prefixes from three letters
        # Typed without Danish letters: "ae", "oe" and "aa" are also "æ", "ø" and "å".
        assert titles(page, "faelleshave") == ["Beboerne og deres fælleshave"]
        assert titles(page, "aebletraeer") == ["Æbletræer i skolegården"]
        assert titles(page, "cykelsti aaen") == ["En ny cykelsti langs åen"]
        assert titles(page, "skolegaar")[:1] == ["Æbletræer i skolegården"]  # and as a prefix
        # Structured fields: a contact's role and name, an interview's role, a quote, a department, a year.
        assert titles(page, "trafikplanlægger") == ["Et nyt råd for borgerne"]
        assert titles(page, "skolepædagog") == ["Æbletræer i skolegården"]
        assert titles(page, "teknik miljø") == ["Æbletræer i skolegården"]
        assert "Æbletræer i skolegården" in titles(page, "2024")
        # Every word must match; a word with "-" in front leaves out what it matches.
        assert titles(page, "inddragelse unge") == ["Inddragelse af unge i planlægningen"]
        assert titles(page, "inddragelse -unge") == ["Et nyt råd for borgerne"]


@pytest.mark.browser
def test_results_show_the_passage_that_matched_with_a_link_to_its_heading(published: str) -> None:
    with browser_page() as page:
        page.goto(published + "initiativer/")
        (first, second) = results(page, "inddragelse")
        # A match in the title only: the summary, and no heading to link to.
        assert first["marks"] == ["Inddragelse"] and first["section"] is None
        assert first["passage"] == "Et initiativ, der kun findes i testene af kataloget."
        assert second["passage"] == "Rådet styrker borgerinddragelse i alle kommunens planer."
        assert second["marks"] == ["borgerinddragelse"]
        assert second["section"] == ["Afsnit: Idéen", published + "initiativer/raadet/#ideen"]
        (quote,) = results(page, "æbletræer sammen")
        assert quote["section"] == ["Afsnit: Citater", published + "cases/aebler/#citater"]
        assert quote["marks"] == ["Æbletræer", "æbletræer", "sammen"]
        page.click(".katalog-search__section >> nth=0")
        page.wait_for_url("**/" + SUB + "cases/aebler/#citater")
        assert page.locator("#citater").inner_text().startswith("Citater")


@pytest.mark.browser
def test_hostile_titles_and_bodies_stay_text(published: str) -> None:
    with browser_page() as page:
        page.goto(published)
        (hit,) = results(page, "zebrafisk")
        assert hit["title"] == '<b>Fed</b> & "citat" <img src=x onerror=window.__pwned=1>'
        assert hit["marks"] == ["zebrafisk"] and "Hemmeligt ord: zebrafisk" in hit["passage"]
        assert hit["section"] is not None and hit["section"][0] == "Afsnit: Kursiv afsnit"
        tags = page.evaluate("() => Array.from(document.querySelectorAll('#katalog-search-results *'), n => n.tagName)")
        assert set(tags) <= {"P", "DIV", "SELECT", "OPTION", "OL", "LI", "A", "SPAN", "MARK", "BUTTON"}
        assert page.evaluate("() => typeof window.__pwned") == "undefined"


@pytest.mark.browser
def test_under_a_sub_path_every_result_links_into_the_site(published: str) -> None:
    with browser_page() as page:
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(published + "cases/")
        assert not [r for r in requests if "/katalog/search/" in r], "the index is fetched on first use only"
        (guide,) = results(page, "kompasnål")
        assert guide["href"] == published + "vejledning/"  # a top-level page keeps its first letter
        (front,) = results(page, "testside")
        assert front["href"] == published  # the front page, not the host's root
        page.click(".katalog-search__link")
        page.wait_for_url(published)
        # What was fetched: the first file, shards (with the results' rows: a small site's results are
        # among each term's best), and the passages of the results shown that have any; no more.
        fetched = [r.split("/katalog/search/", 1)[1] for r in requests if "/katalog/search/" in r]
        assert fetched[0].startswith("index.")
        assert [f for f in fetched if f.startswith("r")] == []
        assert len([f for f in fetched if f.startswith("c")]) <= 2
        # The accessibility statement, which Katalog renders from site_config/accessibility.yml.
        (statement,) = results(page, "tilgængelighedserklæring")
        assert statement["href"] == published + "tilgaengelighedserklaering/"
        assert statement["title"] == "Tilgængelighedserklæring"
        (statement,) = results(page, "alternativ tekst")  # one of its known issues
        assert "alternativ tekst" in statement["passage"] and statement["marks"][:2] == ["alternativ", "tekst"]


@pytest.mark.browser
def test_the_results_page_shows_passages_counts_and_keeps_the_query_in_the_address(published: str) -> None:
    with browser_page() as page:
        page.goto(published + "soeg/?q=inddragelse&type=initiative")
        page.wait_for_selector(".katalog-search-page__results .katalog-search__section")
        assert page.locator(".katalog-search-page__status").inner_text() == "2 resultater"
        links = page.locator(".katalog-search-page__results .katalog-search__section")
        assert links.last.get_attribute("href") == published + "initiativer/raadet/#ideen"
        types = page.locator(".katalog-search-page__filters select").first
        page.wait_for_function(
            "() => document.querySelector('.katalog-search-page__filters select').options[1].textContent"
            " === 'Initiativ (2)'"
        )
        assert types.input_value() == "initiative"
        page.locator(".katalog-search-page__filters select").nth(1).select_option("horsens")
        page.wait_for_function(
            "document.querySelector('.katalog-search-page__status').textContent === 'Ingen resultater'"
        )
        assert "municipalities=horsens" in page.url and "q=inddragelse" in page.url


@pytest.mark.browser
def test_a_word_shows_its_results_from_the_shards_without_row_files(published: str) -> None:
    """A query of one word needs no file of result rows for its first results: each term's best
    documents' rows are in its shard. In a small catalogue that is every result."""
    asked: list[str] = []
    with browser_page() as page:
        page.route("**/katalog/search/r*/*.json", lambda route: asked.append(route.request.url))  # never answered
        page.goto(published)
        assert titles(page, "cykelsti") == ["En ny cykelsti langs åen", "Et nyt råd for borgerne"]
        assert titles(page, "inddragelse") == ["Inddragelse af unge i planlægningen", "Et nyt råd for borgerne"]
        assert titles(page, "skolepædagog") == ["Æbletræer i skolegården"]
        assert asked == []


@pytest.mark.browser
def test_a_newer_query_cancels_the_result_rows_an_older_one_still_waits_for(big_shaped: tuple[str, str]) -> None:
    """Over HTTP/1.1 a browser opens six connections to a host: an older query's downloads would queue
    the newer one's behind them. A row file both need is fetched again for the newer one. (The site
    shaped as a big catalogue's has one row in a shard per term: the others come from row files.)"""
    held: list[Any] = []
    failed: list[str] = []
    with browser_page() as page:
        hold = True

        def rows(route: Any) -> None:
            if hold:
                held.append(route)  # never answered: the download stays open until the page cancels it
            else:
                route.continue_()

        page.route("**/katalog/search/r*/*.json", rows)
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.goto(big_shaped[1])
        page.fill(".katalog-search__input", "fællesrum")
        for _ in range(100):  # the worker loads lunr and the shards first: slow on a busy machine
            if held:
                break
            page.wait_for_timeout(100)
        page.wait_for_timeout(200)  # the query's other row files, asked at once
        assert held, "the first query asked for no row file"
        asked = sorted({route.request.url for route in held})
        hold = False
        assert titles(page, "cykelsti") == ["En ny cykelsti langs åen", "Et nyt råd for borgerne"]
        page.wait_for_timeout(200)
        assert sorted(set(failed) & set(asked)) == asked  # every held download was cancelled


@pytest.mark.browser
def test_while_typing_only_the_last_query_fetches_its_passages(published: str) -> None:
    """What can wait (the passages, a common word's whole list) waits until no newer query has come for
    a moment: typed letter by letter, each keystroke's query is replaced before it asks for any."""
    asked: list[str] = []

    def passages(route: Any) -> None:
        asked.append(route.request.url)
        route.continue_()

    with browser_page() as page:
        page.route("**/katalog/search/c*/*.json", passages)  # routed: never from the browser's cache
        page.goto(published)
        page.click(".katalog-search__input")
        page.keyboard.type("inddragelse", delay=50)
        page.wait_for_function(SEARCH_ANSWERED, arg="inddragelse")
        found = read_results(page)
        assert [r["title"] for r in found] == ["Inddragelse af unge i planlægningen", "Et nyt råd for borgerne"]
        assert found[1]["marks"] == ["borgerinddragelse"]  # its passage
        assert len(asked) <= len(found), asked  # the last query's own, at most one a result


@pytest.mark.browser
def test_a_result_found_through_its_vocabulary_terms_shows_them(tmp_path: Path) -> None:
    """Where only the entry's vocabulary terms (a label, a synonym, a label in another language) or
    keywords hold the word, the summary (nothing in it marked) gets a line under it that says which term matched, the
    word marked; where the title, the summary or a section of the page matched, that shows instead."""
    summary = 'summary: "Et initiativ, der kun findes i testene af kataloget."'
    write_site(
        tmp_path,
        {
            "catalogue/initiatives/titlen.md": entry("initiative", replace={"title:": 'title: "Samskabelse i titlen"'}),
            "catalogue/initiatives/temaet.md": entry(
                "initiative", replace={"title:": 'title: "Kun i temaet"'}, add="tags: [bytræer, cykelparkering]"
            ),
            "catalogue/initiatives/teksten.md": entry(
                "initiative",
                replace={"title:": 'title: "Også i teksten"', "summary:": summary},
                body="## Forløbet\n\nVi prøvede samskabelse med foreningerne.\n",
            ),
        },
    )
    build_ok(tmp_path)
    with serve(tmp_path) as url, browser_page() as page:
        page.goto(url + "site/")
        found = {r["title"]: r for r in results(page, "samskabelse")}
        assert found["Samskabelse i titlen"]["passage"] == "Et initiativ, der kun findes i testene af kataloget."
        assert found["Også i teksten"]["passage"] == "Vi prøvede samskabelse med foreningerne."
        assert found["Også i teksten"]["section"][0] == "Afsnit: Forløbet"
        theme = found["Kun i temaet"]
        assert theme["passage"] == "Et initiativ, der kun findes i testene af kataloget."
        assert theme["reason"] == "Tema: Samskabelse" and theme["marks"] == ["Samskabelse"]
        assert theme["section"] is None and found["Samskabelse i titlen"]["reason"] is None
        # A synonym, or a label in another language: after the term, what matched.
        for word, shown in (
            ("samskaping", "Tema: Samskabelse (Samskaping)"),
            ("co-creation", "Tema: Samskabelse (Co-creation)"),
            ("århus", "Kommune: Aarhus (Århus)"),
            ("cykelparkering", "Emneord: cykelparkering"),  # a keyword
            ("bytræ", "Emneord: bytræer"),
        ):
            (first,) = [r for r in results(page, word) if r["title"] == "Kun i temaet"]
            assert first["reason"] == shown, (word, first)


# One word ("xylofonen") at different places in a long section, and once in three places at once.
PLACES = (0, 2, 3, 4, 26, 27, 28, 29, 31, 60, 199)


def _section(hits: tuple[int, ...]) -> str:
    words = [f"fyld{i}" for i in range(200)]
    for place in hits:
        words[place] = "xylofonen"
    return "## Afsnittet\n\n" + " ".join(words) + "\n\n## Et andet afsnit\n\nIntet her.\n"


PASSAGES = {
    **{
        f"catalogue/initiatives/sted-{place}.md": entry(
            "initiative", replace={"title:": f'title: "Sted {place}"'}, body=_section((place,))
        )
        for place in PLACES
    },
    "catalogue/initiatives/klynge.md": entry(
        "initiative", replace={"title:": 'title: "Klynge"'}, body=_section((5, 100, 150, 155, 160))
    ),
}


@pytest.fixture(scope="module")
def passages_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("passages")
    write_site(root, PASSAGES)
    build_ok(root)
    with serve(root) as url:
        yield url + "site/"


@pytest.mark.browser
def test_the_passage_shown_holds_the_matched_word_wherever_it_is(passages_site: str) -> None:
    """A passage is the window of words around the most matched words, with a few words before the
    first: the matched word is in it whether it starts the section, ends it or is anywhere between."""
    with browser_page() as page:
        page.goto(passages_site)
        found = {r["title"]: r for r in results(page, "xylofon")}
        assert sorted(found) == sorted([f"Sted {place}" for place in PLACES] + ["Klynge"])
        for title, result in found.items():
            words = result["passage"].replace("…", "").split()
            assert "xylofonen" in result["marks"] and len(words) <= 28, (title, result["passage"])
            assert result["section"][0] == "Afsnit: Afsnittet", title
        for p in PLACES:  # three words before the word, where there are three
            start = ["…", f"fyld{p - 3}"] if p > 3 else ["fyld0"] if p else ["xylofonen"]
            assert found[f"Sted {p}"]["passage"].split()[: len(start)] == start, p
        assert found["Klynge"]["marks"] == ["xylofonen"] * 3  # the three close together, not the lone ones


# A common word: in twelve entries, each with it a different number of times (so they rank apart);
# and a rare compound it begins, in a title.
COMMON = {
    **{
        f"catalogue/initiatives/faellesrum-{k}.md": entry(
            "initiative", replace={"title:": f'title: "Fællesrum {k}"'}, body="Et fællesrum. " * k + "\n"
        )
        for k in range(1, 13)
    },
    "catalogue/initiatives/udvalget.md": entry("initiative", replace={"title:": 'title: "Fællesrumsudvalget"'}),
}


@pytest.fixture(scope="module")
def big_shaped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The site and more entries of a common word, built as is and with its index shaped as a big
    catalogue's: every term in a shard of its own (a common term has one), and only each term's three
    best documents in its shard (the rest in its tail), with the row of its best one (the others' rows
    come from the row files). Yields both sites' addresses."""
    root = tmp_path_factory.mktemp("big-shaped")
    write_site(root, {**ENTRIES, **COMMON})
    build_ok(root, site_dir="whole")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_module, "SHARD_CHARS", 1)
        patch.setattr(index_module, "HEAD", 3)
        patch.setattr(index_module, "ROWS_INLINE", 1)
        site = build_ok(root)
    meta = json.loads(next((site / "katalog" / "search").glob("index.*.json")).read_text(encoding="utf-8"))
    assert len(meta["shards"]) > 50
    with serve(root) as url:
        yield url + "whole/", url + "site/"


@pytest.mark.browser
def test_a_typo_finds_its_word_in_another_shard(big_shaped: tuple[str, str]) -> None:
    """In a big catalogue the shard a typo sorts into is not the word's."""
    with browser_page() as page:
        page.goto(big_shaped[1])
        for typo in ("cykelsri", "cykelsit", "cykelstti", "cykelstii"):  # replaced, swapped, added letters
            assert titles(page, typo)[:1] == ["En ny cykelsti langs åen"], typo


@pytest.mark.browser
def test_a_typo_looks_in_other_shards_even_when_its_own_shard_has_a_common_match(many_site: str) -> None:
    """A typo, "skovsti", is one edit from "skovst" (in 55 entries, in the shard "skovsti" sorts into)
    and from "skovstu" (in one, in the next shard): either may be meant, so both are found, however
    many entries the first is in (the worker looks further when the word itself finds few)."""
    with browser_page() as page:
        page.goto(many_site)
        found = titles(page, "skovsti")
        assert found[0] == "Den eneste skovstu", found
        assert page.inner_text(".katalog-search__status") == "56 resultater"


@pytest.mark.browser
def test_the_box_shows_twenty_results_and_more_on_request(many_site: str) -> None:
    """The header box shows 20 results and a button for 20 more while there are more (the list does not
    shrink to the first five meanwhile); no button when all are shown, at a desk and on a phone."""
    with browser_page() as page:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(many_site)
            more = page.locator(".katalog-search__more")
            assert len(titles(page, "skovst")) == 20 and more.is_visible()
            for shown in (40, 56):  # "skovstu" too: "skovst" is its prefix
                page.evaluate(SHRINKS)
                more.click()
                page.wait_for_function(
                    "n => document.querySelectorAll('.katalog-search__list .katalog-search__result').length === n",
                    arg=shown,
                )
                assert page.evaluate("() => window.__fewest") >= shown - 20
            assert not more.is_visible(), width
            assert titles(page, "skovstu") == ["Den eneste skovstu"] and not more.is_visible(), width


# Records the fewest results the box's list holds from now on.
SHRINKS = """() => {
  const list = document.querySelector('.katalog-search__list');
  window.__fewest = list.children.length;
  new MutationObserver(() => { window.__fewest = Math.min(window.__fewest, list.children.length || Infinity); })
    .observe(list, { childList: true });
}"""


@pytest.fixture(scope="module")
def many_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """55 entries with "skovst", one with "skovstu", a term a shard: yields the site's address."""
    root = tmp_path_factory.mktemp("many")
    many = {
        f"catalogue/initiatives/mange-{k}.md": entry(
            "initiative", replace={"title:": f'title: "Nummer {k}"'}, body="Et skovst her.\n"
        )
        for k in range(55)
    }
    one = entry("initiative", replace={"title:": 'title: "Den eneste skovstu"'})
    write_site(root, {**many, "catalogue/initiatives/eneste.md": one})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_module, "SHARD_CHARS", 1)
        build_ok(root)
    with serve(root) as url:
        yield url + "site/"


@pytest.mark.browser
def test_a_rare_compound_ranks_below_the_word_itself(big_shaped: tuple[str, str]) -> None:
    """A compound the word begins counts no more per occurrence than the word: its rarity alone (a
    high idf) does not lift it above every entry that uses the word, in the title as it does."""
    with browser_page() as page:
        for site in big_shaped:
            page.goto(site)
            found = titles(page, "fællesrum")
            assert found[-1] == "Fællesrumsudvalget" and len(found) == 13, (site, found)
            # Where the word itself is in no entry, a compound it begins ranks as before.
            assert titles(page, "fællesrumsudv") == ["Fællesrumsudvalget"]


# Every list of results a worker posts, as {total (null: not counted yet), titles}.
POSTED = """
(() => {
  const Real = window.Worker;
  window.__posted = [];
  window.Worker = function (url, options) {
    const worker = new Real(url, options);
    worker.addEventListener("message", (event) => {
      const m = event.data;
      if (m && m.type === "results") {
        const titles = m.hits.map((hit) => hit.title.map((part) => part[0]).join(""));
        window.__posted.push({ total: m.total, titles: titles });
      }
    });
    return worker;
  };
})();
"""


@pytest.mark.browser
def test_the_results_page_shows_its_first_results_before_the_others_rows(big_shaped: tuple[str, str]) -> None:
    """The results page asks for 50 results: it shows the first five as soon as their rows are in,
    then the whole list with its count (from the heads first where the index has them)."""
    with browser_page() as page:
        page.add_init_script(POSTED)
        for site in big_shaped:
            page.goto(site + "soeg/?q=fællesrum")
            page.wait_for_function(
                "() => document.querySelectorAll('.katalog-search-page__results .katalog-search__result').length === 13"
            )
            posted = page.evaluate("() => window.__posted.map((p) => [p.total, p.titles.length])")
            assert posted[0][1] <= 5 and posted[-1] == [13, 13], (site, posted)
            assert page.inner_text(".katalog-search-page__status") == "13 resultater"


@pytest.mark.browser
def test_heads_of_common_terms_answer_as_their_whole_lists(big_shaped: tuple[str, str]) -> None:
    """The first results from the heads, then the whole list: the same results, in the same order, with
    the same count, as the index with every list whole; for one word, several, "-word" and prefixes."""
    queries = ["inddragelse", "borgerne", "cykel", "kat", "have", "en", "inddragelse unge", "inddragelse -unge"]
    queries += ["æbletræer sammen", "samskabelse", "kommune", "2024", "cykelsit", "borger -cykelsti", "råd"]
    queries += ["fælles", "fællesrum", "fæl", "fællesrum 7", "fællesrum -7"]
    errors: list[str] = []
    with browser_page() as whole:
        heads = whole.context.browser.new_page()
        heads.on("pageerror", lambda error: errors.append(str(error)))
        heads.add_init_script(POSTED)
        whole.goto(big_shaped[0])
        heads.goto(big_shaped[1])
        early = 0
        for query in queries:
            heads.evaluate("() => { window.__posted = []; }")
            expected = [(r["title"], r["passage"], r["marks"]) for r in results(whole, query)]
            got = [(r["title"], r["passage"], r["marks"]) for r in results(heads, query)]
            for _ in range(30):  # the passages come after the list
                if got == expected:
                    break
                heads.wait_for_timeout(100)
                expected = [(r["title"], r["passage"], r["marks"]) for r in read_results(whole)]
                got = [(r["title"], r["passage"], r["marks"]) for r in read_results(heads)]
            assert got == expected, query
            status = ".katalog-search__status"
            assert heads.inner_text(status) == whole.inner_text(status), query
            # What the heads showed first is the start of the whole list.
            titles_first = [t for t, _, _ in expected]
            for first in heads.evaluate("() => window.__posted.filter((p) => p.total === null).map((p) => p.titles)"):
                assert first == titles_first[: len(first)], query
                early += 1
    assert errors == [] and early > 0


@pytest.mark.browser
def test_only_a_word_found_nowhere_looks_up_the_words_it_ends(big_shaped: tuple[str, str]) -> None:
    """The ends' keys ("~...") are looked up for a word of five letters or more that finds nothing
    itself, not for a shorter one nor for a word the index has: typing costs no extra download."""
    site = big_shaped[1]
    with browser_page() as page:
        fetched: list[str] = []
        page.on("requestfinished", lambda request: fetched.append(request.url))
        page.goto(site)
        meta = page.evaluate(
            """async () => {
              const script = await (await fetch("katalog/katalog-search.js")).text();
              const index = /"index": "([^"]+)"/.exec(script)[1];
              return await (await fetch("katalog/" + index)).json();
            }"""
        )
        shards = {name: first for first, name in meta["shards"]}
        assert any(first.startswith("~") for first in shards.values())

        def ends_fetched(query: str) -> bool:
            fetched.clear()
            results(page, query)
            return any(first.startswith("~") for url in fetched for name, first in shards.items() if url.endswith(name))

        assert not ends_fetched("zq") and not ends_fetched("zqxw") and not ends_fetched("fællesrum")
        assert ends_fetched("zqxwv")
        # In a big catalogue's shards too, a word found only at the end of a compound finds it.
        assert ends_fetched("stoppested") and titles(page, "stoppested") == ["En ny cykelsti langs åen"]
