"""Whole builds of cards and lists: what a card says, the overviews' sort and filters (type, expertise),
the script's card data, the A–Å page of who knows what, the search results page, plurals."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from katalog.render.collation import Collation

from .build_support import build_ok
from .conftest import INDEX_MD, REPO, copy_example_config, entry, mkdocs_yml_for_tests

ENTRIES = {
    "catalogue/initiatives/aeldre.md": entry(
        "initiative",
        replace={"title:": 'title: "Ældre i fællesskab"', "themes:": "themes: [samskabelse, aeldre]"},
        add='period: {start: "2019-03", end: "2021-06"}',
    ),
    "catalogue/initiatives/budget.md": entry(
        "initiative",
        replace={"title:": 'title: "Borgerbudget"', "municipality:": "municipality: varde", "status:": "status: idea"},
        add='period: {start: "2024"}',
    ),
    "catalogue/cases/haven.md": entry(
        "case",
        replace={"title:": 'title: "Haven ved åen"', "year:": "year: 2022", "municipality:": "municipality: varde"},
    ),
    "catalogue/units/aaben-skole.md": entry(
        "unit",
        replace={
            "title:": 'title: "Åben skole"',
            "expertise:": 'expertise: ["øko-haver", anerkendelse, æblemost, zoneterapi, "3D-print", Aarhusmodellen]',
        },
    ),
    "catalogue/units/borgerhuset.md": entry(
        "unit",
        replace={"title:": 'title: "Borgerhuset"', "expertise:": "expertise: [Anerkendelse, Åbne data]"},
    ),
}


def build(root: Path) -> Path:
    return build_ok(root)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("listings")
    copy_example_config(root / "site_config")
    (root / "mkdocs.yml").write_text(mkdocs_yml_for_tests(), encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text(INDEX_MD, encoding="utf-8")
    for relative, text in ENTRIES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return build(root)


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def cards(html: str) -> list[str]:
    return re.findall(r'<li class="katalog-card">.*?</li>', html, re.DOTALL)


def test_cards_show_type_place_when_status_and_themes(site: Path) -> None:
    html = page(site, "katalog")
    shown = {re.search(r'class="katalog-card-title"[^>]*>([^<]*)<', card).group(1): card for card in cards(html)}  # type: ignore[union-attr]
    aeldre = shown["Ældre i fællesskab"]
    assert (
        '<p class="katalog-card-meta"><span class="katalog-card-type">Initiativ</span> · Aarhus · '
        '<span class="katalog-card-when">2019–2021</span> <span class="katalog-card-badge">I gang</span></p>'
    ) in aeldre
    assert (
        '<p class="katalog-card-themes"><span class="katalog-hidden">Temaer: </span>Samskabelse, Ældre</p>'
    ) in aeldre
    assert (
        '<span class="katalog-card-when">fra 2024</span> <span class="katalog-card-badge">Idé</span>'
        in (shown["Borgerbudget"])
    )
    assert (
        '<span class="katalog-card-type">Case</span> · Varde · <span class="katalog-card-when">2022</span></p>'
        in (shown["Haven ved åen"])
    )
    # A visitkort: its kind as the badge, no date.
    assert (
        '<span class="katalog-card-type">Visitkort</span> · Aarhus <span class="katalog-card-badge">Afdeling</span>'
        in (shown["Borgerhuset"])
    )
    assert '<h2 class="katalog-card-heading"><a class="katalog-card-title" href="../initiativer/budget/">' in html


def test_overviews_say_their_order_and_offer_a_sort(site: Path) -> None:
    html = page(site, "initiativer")
    titles = re.findall(r'class="katalog-card-title" href="[^"]*">([^<]*)<', html)
    assert titles == ["Borgerbudget", "Ældre i fællesskab"]  # newest first, the documented default
    assert '<p class="katalog-sort-note">Sorteret med de nyeste først</p>' in html
    assert (
        '<p class="katalog-sort" hidden><label for="katalog-sort">Sortér</label> '
        '<select id="katalog-sort" class="katalog-sort-select">\n'
        '<option value="newest">Nyeste først</option>\n'
        '<option value="title">Titel (A–Å)</option>\n'
        '<option value="municipality">Kommune (A–Å)</option>\n</select></p>'
    ) in html
    # The count stays outside the disclosure that folds the filters on a narrow screen.
    count = html.index('<p class="katalog-count">2 poster</p>')
    status = html.index('<p class="katalog-filter-status"')
    details = html.index('<details class="katalog-filter-panel" open>\n<summary>Filtre</summary>')
    assert count < status < details
    assert 'data-status-one="{count} af {total} post matcher"' in html
    assert 'data-status-other="{count} af {total} poster matcher"' in html
    # A term page has the sort too, no filters.
    term = page(site, "temaer/samskabelse")
    assert 'data-fixed-facet="themes" data-fixed-term="samskabelse"' in term
    assert '<select id="katalog-sort" class="katalog-sort-select">' in term
    assert "<details" not in term


def test_one_entry_is_one_post(site: Path) -> None:
    assert '<p class="katalog-count">1 post</p>' in page(site, "cases")
    assert '<p class="katalog-count">5 poster</p>' in page(site, "katalog")


def test_the_whole_catalogue_filters_by_type(site: Path) -> None:
    html = page(site, "katalog")
    facet = html[html.index('<fieldset class="katalog-facet" data-facet="type">') :]
    facet = facet[: facet.index("</fieldset>")]
    assert re.findall(
        r'<a href="([^"]*)" data-term="([^"]*)">([^<]*)</a> <span class="katalog-term-count">(\d+)', facet
    ) == [
        ("../initiativer/", "initiative", "Initiativ", "2"),
        ("../cases/", "case", "Case", "1"),
        ("../enheder/", "unit", "Visitkort", "2"),
    ]
    assert "<legend>Type</legend>" in facet


def test_the_visitkort_overview_filters_by_expertise_in_danish_order(site: Path) -> None:
    html = page(site, "enheder")
    facet = html[html.index('data-facet="expertise"') :]
    facet = facet[: facet.index("</fieldset>")]
    assert "<legend>Særlig viden</legend>" in facet
    labels = re.findall(r'data-term="[^"]*">([^<]*)</a>', facet)
    # A keyword is shown as the newest entry writes it ("Anerkendelse" in Borgerhuset).
    assert labels == ["3D-print", "Anerkendelse", "zoneterapi", "æblemost", "øko-haver", "Åbne data", "Aarhusmodellen"]
    assert (
        '<a href="../saerlig-viden/anerkendelse/" data-term="anerkendelse">Anerkendelse</a> '
        '<span class="katalog-term-count">2</span>' in facet
    )
    assert '<p class="katalog-who-knows-link"><a href="../hvem-ved-noget-om/">' in html
    # Initiatives have no keywords of their own: tags are not a facet.
    assert 'data-facet="tags"' not in page(site, "initiativer")


def test_the_script_data_follows_the_search_data_row_by_row(site: Path) -> None:
    (docs_file,) = (site / "katalog" / "data").glob("docs.*.json")
    docs = json.loads(docs_file.read_text(encoding="utf-8"))
    data = json.loads((site / "katalog" / "data" / "cards.json").read_text(encoding="utf-8"))
    entries = [row for row in docs["docs"] if row[2] >= 0]
    assert data["count"] == len(entries) == len(data["rows"]) == 5
    assert data["themes"] == "Temaer"
    by_title = {row[0]: data["rows"][n] for n, row in enumerate(docs["docs"][: data["count"]])}
    when, badges, themes = by_title["Ældre i fællesskab"]
    assert data["texts"][when] == "2019–2021"
    assert [data["texts"][t] for t in badges] == ["I gang"]
    assert [data["texts"][t] for t in themes] == ["Samskabelse", "Ældre"]
    expertise = next(k for k in data["keywords"] if k["name"] == "expertise")
    anerkendelse = expertise["keys"].index("anerkendelse")
    having = sorted(docs["docs"][row][0] for row, terms in expertise["docs"] if anerkendelse in terms)
    assert having == ["Borgerhuset", "Åben skole"]


def jsdoc_objects(script: str) -> dict[str, set[str]]:
    """The property names of each object @typedef in a script's JSDoc ({{a: ..., b: ...}} Name)."""
    found: dict[str, set[str]] = {}
    for body, name in re.findall(r"@typedef \{\{(.*?)\}\} (\w+)", script, flags=re.S):
        depth, names, start = 0, set(), 0
        for index, char in enumerate(body + ","):
            if char in "[({":
                depth += 1
            elif char in "])}":
                depth -= 1
            elif char == "," and depth == 0:
                names.add(body[start:index].split(":")[0].strip(" *\n"))
                start = index + 1
        found[name] = names
    return found


def test_the_data_files_have_the_format_the_script_declares(site: Path) -> None:
    """The format is written down once, as JSDoc types in the script that reads the files."""
    types = jsdoc_objects((REPO / "plugins" / "katalog" / "assets" / "katalog-filter.js").read_text(encoding="utf-8"))
    (docs_file,) = (site / "katalog" / "data").glob("docs.*.json")
    docs = json.loads(docs_file.read_text(encoding="utf-8"))
    cards = json.loads((site / "katalog" / "data" / "cards.json").read_text(encoding="utf-8"))
    assert set(docs) == types["DocsFile"]
    assert {key for vocabulary in docs["vocabularies"] for key in vocabulary} == types["Vocabulary"]
    assert {len(row) for row in docs["docs"]} == {5}  # DocRow
    assert set(cards) == types["CardsFile"]
    assert {key for field in cards["keywords"] for key in field} == types["KeywordField"]
    assert {len(row) for row in cards["rows"]} <= {3, 4}  # CardRow: the image only where there is one


def test_who_knows_lists_units_under_each_term_from_a_to_aa(site: Path) -> None:
    html = page(site, "hvem-ved-noget-om")
    assert '<h1 id="katalog-title">Hvem ved noget om…</h1>' in html
    assert "<title>Hvem ved noget om…" in html
    letters = re.findall(r'<li><a href="#(letter-[a-z]+)">([^<]*)</a></li>', html)
    assert letters == [
        ("letter-other", "#"),
        ("letter-a", "A"),
        ("letter-z", "Z"),
        ("letter-ae", "Æ"),
        ("letter-oe", "Ø"),
        ("letter-aa", "Å"),
    ]
    terms = re.findall(r'<dt><a href="[^"]*">([^<]*)</a></dt>', html)
    assert terms == ["3D-print", "Anerkendelse", "zoneterapi", "æblemost", "øko-haver", "Åbne data", "Aarhusmodellen"]
    anerkendelse = html[html.index(">Anerkendelse</a></dt>") :]
    anerkendelse = anerkendelse[: anerkendelse.index("</dd>")]
    assert re.findall(r'<li><a href="([^"]*)">([^<]*)</a>', anerkendelse) == [
        ("../enheder/borgerhuset/", "Borgerhuset"),
        ("../enheder/aaben-skole/", "Åben skole"),
    ]
    assert '<h2 id="letter-aa">Å</h2>' in html


def test_the_search_page_is_generated_with_a_form_that_sends_the_query_to_itself(site: Path) -> None:
    html = page(site, "soeg")
    assert '<h1 id="katalog-title">Søg</h1>' in html
    assert '<form class="katalog-search-page__form" action="./" method="get" role="search">' in html
    assert '<input id="katalog-search-page-q" class="katalog-search-page__input" type="search" name="q"' in html
    assert "<noscript><p>Søgningen kræver JavaScript." in html
    script = (site / "katalog" / "katalog-search.js").read_text(encoding="utf-8")
    config = json.loads(re.search(r"var CONFIG = (\{.*?\});\n", script).group(1))  # type: ignore[union-attr]
    assert config["page"] == "soeg/" and config["cards"] == "data/cards.json"
    assert config["texts"]["page_empty"] == "Skriv et eller flere ord for at søge i kataloget."


@pytest.mark.parametrize(
    ("language", "words", "ordered", "initials"),
    [
        (
            "da",
            ["Åben", "zebra", "Ærø", "Aarhus", "øl", "abe", "Édith"],
            ["abe", "Édith", "zebra", "Ærø", "øl", "Åben", "Aarhus"],
            "AEZÆØÅÅ",
        ),
        ("sv", ["öl", "ål", "äng", "zebra"], ["zebra", "ål", "äng", "öl"], "ZÅÄÖ"),
        ("en", ["Ærø", "zebra", "abe"], ["abe", "Ærø", "zebra"], "AAZ"),
    ],
)
def test_alphabetical_order_is_the_languages(
    language: str, words: list[str], ordered: list[str], initials: str
) -> None:
    collation = Collation(language)
    assert sorted(words, key=collation.key) == ordered
    assert "".join(collation.initial(word) for word in ordered) == initials
