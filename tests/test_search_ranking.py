"""How the search ranks what it finds, in Chromium: two typed words one after the other rank a title or a
role that holds them so above the texts that hold them apart."""

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
