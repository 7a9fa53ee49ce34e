"""How the search ranks what it finds, in Chromium: two typed words one after the other rank a title or a
role that holds them so above the texts that hold them apart; another word that begins with a typed
word's stem counts no more than the word itself; only the word being typed finds the compounds it begins."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser_support import browser_page, serve
from .build_support import build_ok
from .conftest import entry
from .test_search_index import titles, write_site


def case(title: str, *roles: str) -> str:
    interviews = "".join(f"\n  - role: {role}\n    kind: employee\n    date: '2020-02'" for role in roles)
    return entry("case", replace={"title:": f'title: "{title}"'}, add="interviews:" + interviews)


ENTRIES = {
    # The same words in the title, in both orders: the order typed decides.
    "catalogue/initiatives/by.md": entry("initiative", replace={"title:": 'title: "Grøn omstilling i byen"'}),
    "catalogue/initiatives/skov.md": entry("initiative", replace={"title:": 'title: "Omstilling af en grøn skov"'}),
    # The same words in the roles of each; one role holds three of them as a phrase, stop words between.
    "catalogue/cases/legeplads.md": case("Legepladsen", "Projektleder i park og vej", "Formand for borgerne"),
    "catalogue/cases/trafik.md": case("Trafikken", "Projektleder", "Formand for vej og park"),
    # A word in many entries, and a rare one that begins with its stem: a street's name.
    **{
        f"catalogue/initiatives/inddrager-{k}.md": entry(
            "initiative", replace={"title:": f'title: "Naboer nummer {k}"'}, body="Vi inddrager naboerne.\n"
        )
        for k in range(1, 9)
    },
    "catalogue/initiatives/kontoret.md": entry(
        "initiative", replace={"title:": 'title: "Kontoret"'}, body="Inddragervej.\n"
    ),
    # A word that begins a compound, and a form of a word the stemmer leaves apart ("grønt" for "grøn").
    "catalogue/initiatives/katalog.md": entry("initiative", replace={"title:": 'title: "Katalog over hunde"'}),
    "catalogue/initiatives/kat.md": entry("initiative", replace={"title:": 'title: "En kat og en hund"'}),
    "catalogue/initiatives/tag.md": entry("initiative", replace={"title:": 'title: "Et grønt tag"'}),
}


@pytest.fixture(scope="module")
def ranked_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("search-ranking")
    write_site(root, ENTRIES)
    out: Path = root / "site"
    build_ok(root, site_dir=out)
    with serve(out) as url:
        yield url


@pytest.mark.browser
def test_words_typed_one_after_the_other_rank_the_text_that_holds_them_so_first(ranked_site: str) -> None:
    with browser_page() as page:
        page.goto(ranked_site)
        assert titles(page, "grøn omstilling") == ["Grøn omstilling i byen", "Omstilling af en grøn skov"]
        assert titles(page, "omstilling grøn") == ["Omstilling af en grøn skov", "Grøn omstilling i byen"]
        # Without the phrases the shorter roles would come first.
        assert titles(page, "projektleder park og vej") == ["Legepladsen", "Trafikken"]
        assert titles(page, "projektleder vej og park") == ["Trafikken", "Legepladsen"]
        # Two values of a field are no phrase: "vej" ends one role and "Formand" begins the next.
        assert titles(page, "vej formand") == ["Trafikken", "Legepladsen"]
        # A word left out breaks no phrase, and its documents stay out.
        assert titles(page, "grøn -byen omstilling") == ["Omstilling af en grøn skov"]


@pytest.mark.browser
def test_another_word_on_the_typed_words_stem_ranks_below_the_word(ranked_site: str) -> None:
    """ "inddragelse" is stemmed "inddrag", as "inddrager" is; "Inddragervej" begins with that stem but is
    no form of the typed word: found, as a compound would be, but never above the word's own entries,
    however rare it is."""
    with browser_page() as page:
        page.goto(ranked_site)
        found = titles(page, "inddragelse")
        assert found[-1] == "Kontoret" and sorted(found[:-1]) == [f"Naboer nummer {k}" for k in range(1, 9)]


@pytest.mark.browser
def test_only_the_word_being_typed_finds_the_compounds_it_begins(ranked_site: str) -> None:
    """The last word may be half typed: "kat" finds "Katalog". A word followed by another is typed to its
    end: it finds its own forms, not the compounds it begins."""
    with browser_page() as page:
        page.goto(ranked_site)
        assert titles(page, "hund kat") == ["En kat og en hund", "Katalog over hunde"]
        assert titles(page, "kat hund") == ["En kat og en hund"]
        assert titles(page, "grøn tag") == ["Et grønt tag"]
