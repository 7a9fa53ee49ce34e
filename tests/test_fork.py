"""A fork changes only site_config/: a Swedish municipality's catalogue builds in Swedish."""

from __future__ import annotations

import re
from collections.abc import Callable

from .build_support import build_ok
from .conftest import Site, entry

SWEDISH_MUNICIPALITIES = """\
label: {sv: Kommuner, en: Municipalities}
singular: {sv: Kommun, en: Municipality}
terms:
  - key: goeteborg
    label: {sv: Göteborg, en: Gothenburg}
    synonyms: [Gbg]
  - key: umeaa
    label: {sv: Umeå, en: Umea}
"""

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n'


def swedish_fork(make_site: Callable[..., Site]) -> Site:
    site = make_site(
        {
            "site_config/vocabularies/municipalities.yml": SWEDISH_MUNICIPALITIES,
            "site_config/logo.svg": LOGO,
            "catalogue/initiatives/samskapande.md": entry(
                "initiative",
                replace={"title:": 'title: "Samskapande i Göteborg"', "municipality:": "municipality: goeteborg"},
                add='budget: "200 000 kronor"',
                body="Invånare och förvaltning planerar parken tillsammans.\n",
            ),
        }
    )
    config = site / "site_config/site.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace('name: "Samskabelseskataloget"', 'name: "Samskapandekatalogen"')
    text = text.replace('owner: "Eksempel Kommune"', 'owner: "Exempelkommun"')
    text = text.replace("language: da", "language: sv").replace('primary: "#00695c"', "primary: indigo")
    config.write_text(text + "\nlogo: logo.svg\n", encoding="utf-8")
    schema = site / "site_config/schema.yml"
    text = schema.read_text(encoding="utf-8")
    # A key added to the schema is validated and shown with no change to the code.
    text = text.replace(
        "      status:\n        kind: term\n        vocabulary: statuses\n",
        "      budget:\n        kind: text\n        max: 60\n        label: {da: Budget, sv: Budget, en: Budget}\n"
        "      status:\n        kind: term\n        vocabulary: statuses\n",
    )
    schema.write_text(text, encoding="utf-8")
    # The statistics page's address is its title's slug, so mkdocs.yml's nav names it in Swedish.
    mkdocs_yml = site / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8").replace("tal-og-overblik/", "siffror-och-oeverblick/"))
    return site


def test_a_swedish_fork_builds_in_swedish(make_site: Callable[..., Site]) -> None:
    site = swedish_fork(make_site)
    build_ok(site.root)
    page = (site / "site/initiativer/samskapande/index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in page
    assert "<title>Samskapande i Göteborg - Samskapandekatalogen</title>" in page
    assert '<p class="katalog-type">Initiativ</p>' in page
    assert '<dt>Kommun</dt>\n<dd><a href="../../kommuner/goeteborg/">Göteborg</a></dd>' in page
    assert "<dt>Budget</dt>\n<dd>200 000 kronor</dd>" in page  # the fork's own key
    assert "<dt>Teman</dt>" in page and ">Samskapande</a>" in page  # Swedish labels of the shared vocabularies
    assert 'data-md-color-primary="indigo"' in page
    assert 'src="../../katalog/logo.svg"' in page
    assert (site / "site/katalog/logo.svg").read_text(encoding="utf-8") == LOGO
    search = (site / "site/katalog/katalog-search.js").read_text(encoding="utf-8")
    assert '"placeholder": "Sök i katalogen"' in search
    (index,) = (site / "site/katalog/search").glob("index.*.json")
    assert '"lang":"sv"' in index.read_text(encoding="utf-8")
    overview = (site / "site/initiativer/index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Initiativ</h1>", overview)


def test_a_swedish_fork_reports_problems_in_swedish(
    make_site: Callable[..., Site], run_check: Callable[..., tuple[int, list[str], str]]
) -> None:
    site = swedish_fork(make_site)
    (site / "catalogue/initiatives/fel.md").write_text(
        entry("initiative", replace={"municipality:": "municipality: Goteborg"}, add="budget: [1, 2]"),
        encoding="utf-8",
    )
    code, lines, _ = run_check(site)
    assert code == 1
    assert lines[0].startswith('catalogue/initiatives/fel.md:4:15: error: municipality: okänd kommun: "Goteborg".')
    assert 'Menade du "Göteborg" (goeteborg)?' in lines[0]
    assert lines[1].startswith("catalogue/initiatives/fel.md:10:9: error: budget: ")
    assert lines[-1] == "2 fel och 0 varningar i 3 filer."
