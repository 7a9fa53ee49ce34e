"""Entries that used to pass silently, crash a later command, or mislead: each class is a located
problem now, and generated inputs show the rules hold beyond the examples."""

from __future__ import annotations

import datetime
import re
import string
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from katalog.cli import main as cli_main
from katalog.core.catalogue import build_catalogue
from katalog.core.report import text_line
from katalog.core.slugs import slugify

from .conftest import Site, copy_example_config, entry, problem_lines

CASES = "catalogue/cases"
UNITS = "catalogue/units"


@pytest.fixture(scope="module")
def site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    copy_example_config(root / "site_config")
    return root


def lines_of(site: Site, path: str) -> list[str]:
    return [line for line in problem_lines(site) if line.startswith(path + ":")]


def test_full_width_digits_are_not_a_date_and_stale_does_not_crash(
    make_site: Callable[..., Site], capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site({f"{CASES}/bred.md": entry("case", add="reviewed: ２０２６-01-01")})
    assert lines_of(site, f"{CASES}/bred.md") == [
        f'{CASES}/bred.md:10:11: error: reviewed: "２０２６-01-01" er ikke en dato. Forventet: en dato ÅÅÅÅ-MM-DD. '
        'Fundet: teksten "２０２６-01-01". Skriv datoen som ÅÅÅÅ-MM-DD, fx 2024-03-01.'
    ]
    assert cli_main(["stale", str(site.root)]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_an_entry_cannot_take_the_name_of_an_overview_page(make_site: Callable[..., Site]) -> None:
    site = make_site({f"{CASES}/index.md": entry("case"), f"{UNITS}/2.md": entry("unit")})
    assert lines_of(site, f"{CASES}/index.md") == [
        f'{CASES}/index.md:1:1: error: id: id "index" er forbeholdt oversigtssiden for cases/. Fundet: "index". '
        "Giv posten et andet navn, fx case-index."
    ]
    assert lines_of(site, f"{UNITS}/2.md") == [
        f'{UNITS}/2.md:1:1: error: id: id "2" er forbeholdt oversigtssiden for enheder/. Fundet: "2". '
        "Giv posten et andet navn, fx unit-2."
    ]


def test_references_to_itself_and_parent_cycles_are_errors(make_site: Callable[..., Site]) -> None:
    site = make_site(
        {
            f"{UNITS}/selv.md": entry("unit", add="parent: selv"),
            f"{UNITS}/ring-a.md": entry("unit", add="parent: ring-b"),
            f"{UNITS}/ring-b.md": entry("unit", add="parent: ring-c"),
            f"{UNITS}/ring-c.md": entry("unit", add="parent: ring-a"),
            f"{UNITS}/uden-for.md": entry("unit", add="parent: ring-a"),  # leads into the ring, is not in it
            f"{CASES}/egen.md": entry("case", add="related: [egen]"),
        }
    )
    assert problem_lines(site) == [
        f'{CASES}/egen.md:10:11: error: related[0]: posten henviser til sig selv. Fundet: "egen". '
        "Slet henvisningen; en post kan ikke henvise til sig selv.",
        *[
            f"{UNITS}/ring-{x}.md:10:9: error: parent: henvisningerne danner en ring: ring-a → ring-b → ring-c → "
            "ring-a. Ret én af henvisningerne, så kæden ender et sted."
            for x in "abc"
        ],
        f'{UNITS}/selv.md:10:9: error: parent: posten henviser til sig selv. Fundet: "selv". '
        "Slet henvisningen; en post kan ikke henvise til sig selv.",
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parents=st.lists(st.integers(min_value=-1, max_value=7), min_size=2, max_size=8))
def test_every_parent_cycle_is_found_and_nothing_else(
    tmp_path_factory: pytest.TempPathFactory, parents: list[int]
) -> None:
    root = tmp_path_factory.mktemp("cycles")
    copy_example_config(root / "site_config")
    count = len(parents)
    chosen = {i: p for i, p in enumerate(parents) if 0 <= p < count}
    for i in range(count):
        add = f"parent: u{chosen[i]}" if i in chosen else ""
        path = root / UNITS / f"u{i}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(entry("unit", add=add), encoding="utf-8")
    # Who is on a cycle, computed the slow and obvious way.
    on_cycle = set()
    for i in chosen:
        seen, current = [], i
        while current in chosen and current not in seen:
            seen.append(current)
            current = chosen[current]
        if current == i:
            on_cycle.add(i)
    catalogue = build_catalogue(root)
    cycles = {p.path for p in catalogue.problems if p.code == "reference_cycle"}
    selves = {p.path for p in catalogue.problems if p.code == "self_reference"}
    assert cycles == {f"{UNITS}/u{i}.md" for i in on_cycle if chosen[i] != i}
    assert selves == {f"{UNITS}/u{i}.md" for i in on_cycle if chosen[i] == i}


def test_empty_list_items_and_invisible_titles_are_errors(make_site: Callable[..., Site]) -> None:
    site = make_site(
        {
            f"{CASES}/tom.md": entry("case", replace={"learnings:": 'learnings:\n  -\n  - "  "\n  - "Noget"'}),
            f"{CASES}/usynlig.md": entry("case", replace={"title:": 'title: "\u200b\u200b\u200b\u200b"'}),
            f"{CASES}/retning.md": entry("case", replace={"title:": 'title: "Titel \\u202e txet"'}),
            f"{CASES}/styre.md": entry("case", replace={"title:": 'title: "Titel \\e[31mRØD"'}),
        }
    )
    assert problem_lines(site) == [
        f"{CASES}/retning.md:2:8: error: title: usynligt tegn eller kontroltegn U+202E. "
        "Slet tegnet; det kommer ofte med, når tekst kopieres fra Word eller en PDF.",
        f"{CASES}/styre.md:2:8: error: title: usynligt tegn eller kontroltegn U+001B. "
        "Slet tegnet; det kommer ofte med, når tekst kopieres fra Word eller en PDF.",
        f"{CASES}/tom.md:9:4: error: learnings[0]: listen har et tomt element. Forventet: tekst på højst 400 tegn. "
        "Fundet: ingen værdi. Skriv en værdi på linjen, eller slet den.",
        f"{CASES}/tom.md:10:5: error: learnings[1]: listen har et tomt element. Forventet: tekst på højst 400 tegn. "
        'Fundet: teksten " ". Skriv en værdi på linjen, eller slet den.',
        f"{CASES}/usynlig.md:2:8: error: title: teksten består kun af usynlige tegn. Forventet: tekst på 3 til 120 "
        "tegn. Fundet: U+200B U+200B U+200B U+200B. Skriv synlig tekst, eller slet nøglen.",
    ]


def test_a_review_date_after_today_is_an_error(make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2026, 11, 29, tzinfo=datetime.UTC).timestamp())))
    site = make_site(
        {
            f"{CASES}/frem.md": entry("case", add="reviewed: 2026-11-30"),
            f"{CASES}/nu.md": entry("case", add="reviewed: 2026-11-29"),
        }
    )
    assert problem_lines(site) == [
        f"{CASES}/frem.md:10:11: error: reviewed: datoen 2026-11-30 ligger efter i dag (2026-11-29). Forventet: en "
        'dato ÅÅÅÅ-MM-DD. Fundet: "2026-11-30". Skriv den dag, indholdet faktisk blev gennemgået.'
    ]


def test_one_broken_file_gives_one_problem_not_one_in_every_file_naming_it(make_site: Callable[..., Site]) -> None:
    site = make_site(
        {
            f"{UNITS}/brudt.md": entry("unit", add="expertise: [ulukket"),
            f"{CASES}/nævner.md".replace("æ", "ae"): entry("case", add="related: [brudt]", body="Se [[brudt]].\n"),
            f"{UNITS}/under.md": entry("unit", add="parent: brudt"),
            "content/side.md": "# Side\n\nSe [[brudt]].\n",
        }
    )
    lines = problem_lines(site)
    assert [line.split(":", 1)[0] for line in lines] == [f"{UNITS}/brudt.md"], lines


def test_a_hint_names_an_entry_the_key_accepts(make_site: Callable[..., Site]) -> None:
    # "en-enhe" is closest to the case "en-enhed-case", but a unit's parent must be a unit.
    site = make_site(
        {
            f"{CASES}/en-enhed-case.md": entry("case"),
            f"{UNITS}/enheden.md": entry("unit"),
            f"{UNITS}/barn.md": entry("unit", add="parent: en-enhed"),
        }
    )
    assert lines_of(site, f"{UNITS}/barn.md") == [
        f'{UNITS}/barn.md:10:9: error: parent: der findes ingen post med id "en-enhed". Forventet: id på en '
        'eksisterende post. Fundet: "en-enhed". Mente du "enheden"?'
    ]


def test_decomposed_file_names_get_the_same_hint_as_composed_ones(make_site: Callable[..., Site]) -> None:
    composed, decomposed = "Tøj på Ærø.md", unicodedata.normalize("NFD", "Töj på Ærø.md")
    site = make_site({f"{CASES}/{composed}": entry("case"), f"{CASES}/{decomposed}": entry("case")})
    hints = [line.rsplit(". ", 1)[-1] for line in problem_lines(site)]
    assert hints == ['Omdøb filen til "toej-paa-aeroe.md" eller angiv et id med nøglen id.'] * 2


def test_the_leftovers_of_katalog_new_are_warnings(make_site: Callable[..., Site]) -> None:
    site = make_site(
        {f"{CASES}/rester.md": entry("case", add="quotes:\n  - text:\n    by:\ninterviews:\n  - role:\n    kind:")}
    )
    assert problem_lines(site) == [
        f"{CASES}/rester.md:11:5: warning: quotes[0]: blokken er tom. Forventet: et objekt med nøglerne text, by. "
        "Udfyld nøglerne, eller slet blokken.",
        f"{CASES}/rester.md:14:5: warning: interviews[0]: blokken er tom. Forventet: et objekt med nøglerne role, "
        "kind, date. Udfyld nøglerne, eller slet blokken.",
    ]


def test_a_long_keyword_says_how_long(make_site: Callable[..., Site]) -> None:
    site = make_site({f"{CASES}/ord.md": entry("case", add="tags: [" + "x" * 90 + "]")})
    assert lines_of(site, f"{CASES}/ord.md") == [
        f"{CASES}/ord.md:10:8: error: tags[0]: teksten er for lang (90 tegn). Forventet: højst 80 tegn. "
        "Fundet: 90 tegn. Forkort teksten."
    ]


# --- generated: any text in any text key ----------------------------------------------------

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
DIGITS = "0123456789" + "０１２３４５６７８９" + "٠١٢٣٤٥٦٧٨٩" + "०१२३४५६७८९" + "𝟎𝟏𝟐"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(min_size=0, max_size=150), tag=st.text(max_size=100), date=st.text(DIGITS + "-", max_size=12))
def test_any_text_gives_problems_on_one_printable_line(site_root: Path, title: str, tag: str, date: str) -> None:
    text = entry(
        "case",
        replace={"title:": "title: " + _double_quoted(title)},
        add=f"tags: [{_double_quoted(tag)}]\nreviewed: {_double_quoted(date)}",
    )
    path = site_root / CASES / "x.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    catalogue = build_catalogue(site_root)
    for problem in catalogue.problems:
        line = text_line(problem, catalogue.config.tr)
        assert line.isprintable(), line
        assert PLACEHOLDER.search(problem.message) is None, line
    entry_ = catalogue.entries.get("x")
    if entry_ is not None and "reviewed" in entry_.data:
        datetime.date.fromisoformat(entry_.data["reviewed"])  # what check accepts, every command can read
    if entry_ is not None and "title" in entry_.data:
        shown = entry_.data["title"]
        assert shown == title and any(unicodedata.category(ch)[0] in "LNPS" for ch in shown)


@given(st.text(alphabet=string.ascii_letters + "æøåÆØÅöäüé -_", min_size=1, max_size=30))
def test_slugs_do_not_depend_on_how_letters_are_composed(text: str) -> None:
    assert slugify(unicodedata.normalize("NFD", text)) == slugify(unicodedata.normalize("NFC", text))


def _double_quoted(text: str) -> str:
    """Any text as a YAML double-quoted scalar, control characters as escapes."""
    escaped = []
    for ch in text:
        if ch in '"\\':
            escaped.append("\\" + ch)
        elif not ch.isprintable() or ch in "\u2028\u2029\x85":
            escaped.append(f"\\U{ord(ch):08x}")
        else:
            escaped.append(ch)
    return '"' + "".join(escaped) + '"'


def test_a_link_reference_definition_alone_is_checked(make_site: Callable[..., Site]) -> None:
    # No `<`, `](` or `{` in the body: only the definition carries the link.
    site = make_site({f"{CASES}/ref.md": entry("case", body="Se [her][x].\n\n[x]: javascript:alert(1)\n")})
    assert lines_of(site, f"{CASES}/ref.md") == [
        f'{CASES}/ref.md:14:6: warning: linket "javascript:alert(1)" fjernes fra siden. Fundet: javascript:alert(1). '
        "Kun links med http://, https://, mailto: og tel: samt interne links er tilladt."
    ]


def test_a_body_over_the_limit_is_an_error_at_the_character_that_crosses_it(make_site: Callable[..., Site]) -> None:
    from katalog.core.load.readfile import MAX_BODY_CHARS

    at_limit = "ord " * 25_000 + "\n" + "x" * 99_998  # with the blank line after the front-matter: the limit
    over = at_limit + "``"
    site = make_site({f"{CASES}/lige.md": entry("case", body=at_limit), f"{CASES}/over.md": entry("case", body=over)})
    assert len(at_limit) + 1 == MAX_BODY_CHARS
    assert lines_of(site, f"{CASES}/lige.md") == []
    assert lines_of(site, f"{CASES}/over.md") == [
        f"{CASES}/over.md:13:99999: error: brødteksten er for lang (200002 tegn; højst 200000). "
        "Del teksten op i flere poster eller sider, eller link til et dokument med den lange tekst."
    ]


def test_an_html_comment_is_named_as_a_comment_that_stays_in_the_file(make_site: Callable[..., Site]) -> None:
    site = make_site({f"{CASES}/note.md": entry("case", body="Tekst <!-- ring Bo --> mere.\n")})
    assert lines_of(site, f"{CASES}/note.md") == [
        f"{CASES}/note.md:12:7: warning: kommentaren <!-- --> fjernes fra siden. Fundet: <!-- -->. Kommentarer "
        "vises ikke på sitet, men står stadig i filen, som alle med adgang til repositoriet kan læse. "
        "Slet den, hvis den ikke skal stå der."
    ]
