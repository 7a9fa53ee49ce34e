"""Entry pages by type: sections as the schema's display settings say, dates and counts in the site's
language, one related list, templates a fork overrides without Python, and axe at 1280 and 390 px."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from katalog.core.catalogue import build_catalogue
from katalog.core.config.siteconfig import load_site_config
from katalog.core.i18n import Translator
from katalog.render.formats import Formats
from katalog.render.model import SiteModel
from katalog.render.pages import PageRenderer

from .browser_support import browser_page, serve
from .build_support import build_ok
from .conftest import REPO, Site, copy_example_config, entry


def translator(language: str) -> Translator:
    return Translator(language, {}, {})


# --- dates, periods and counts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("da", "2026-10-01", "1. oktober 2026"),
        ("da", "2018-04", "april 2018"),
        ("da", "2018", "2018"),
        ("en", "2026-10-01", "October 1, 2026"),
        ("sv", "2018-04", "april 2018"),
        ("nb", "2026-10-01", "1. oktober 2026"),
        ("da", "2018-02-30", "2018-02-30"),  # not a day: as written
        ("da", "snart", "snart"),
    ],
)
def test_dates_in_the_sites_language(language: str, value: str, shown: str) -> None:
    assert Formats(translator(language)).date(value) == shown


def test_periods_and_counts() -> None:
    formats = Formats(load_site_config(REPO).tr)
    assert formats.period({"start": "2018-03-02", "end": "2018-03-02"}, "start", "end") == "2. marts 2018"
    assert formats.period({"start": "2018-03", "end": "2019"}, "start", "end") == "marts 2018 – 2019"
    assert formats.period({"start": "2018"}, "start", "end") == "fra 2018"
    assert formats.period({"end": "2020-06"}, "start", "end") == "til juni 2020"
    assert [formats.count("entries", n) for n in (0, 1, 2, 1234)] == ["0 poster", "1 post", "2 poster", "1.234 poster"]


# --- whole builds ------------------------------------------------------------------------------------

CASE = entry(
    "case",
    replace={"title:": 'title: "Haven"', "learnings:": "", '  - "Man lærer noget."': ""},
    add="""learnings:
  - "Spørg naboerne først."
interviews:
  - {role: "Beboer i panelet", kind: citizen, date: "2018-04"}
quotes:
  - {text: "Nu kender vi hinanden.", by: "Beboer"}
units: [centret]
reviewed: 2026-10-01""",
    body="## Sådan gik det\n\nBeboerne plantede.\n",
)
INITIATIVE = entry(
    "initiative",
    replace={"title:": 'title: "Dagen"'},
    add="""period: {start: "2018-03-02", end: "2018-03-02"}
links:
  - {title: "Om dagen", url: "https://example.org/dagen"}
units: [centret]
related: [haven]""",
    body="Se [[haven]].\n",
)
UNIT = entry("unit", replace={"title:": 'title: "Centret"', "expertise:": "expertise: [haver]"})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import INDEX_MD, mkdocs_yml_for_tests

    root = tmp_path_factory.mktemp("entries")
    copy_example_config(root / "site_config")
    (root / "mkdocs.yml").write_text(mkdocs_yml_for_tests(), encoding="utf-8")
    Site(root).write(
        {
            "content/index.md": INDEX_MD,
            "catalogue/cases/haven.md": CASE,
            "catalogue/initiatives/dagen.md": INITIATIVE,
            "catalogue/units/centret.md": UNIT,
        }
    )
    return build_ok(root)


def page(built: Path, path: str) -> str:
    return (built / path / "index.html").read_text(encoding="utf-8")


def toc(html: str) -> list[str]:
    """The headings the page's table of contents links to."""
    nav = html.split('data-md-component="toc"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="#([^"]+)" class="md-nav__link">', nav)


def headings(html: str) -> list[tuple[str, str]]:
    article = html.split('<div class="katalog-entry-header', 1)[1]
    return re.findall(r'<h2 id="([^"]+)">([^<]+)<a class="headerlink"', article)


def test_case_page_tells_the_story_then_its_sections(built: Path) -> None:
    html = page(built, "cases/haven")
    lead = '<p class="katalog-summary">En case, der kun findes i testene af kataloget.</p>'
    assert html.index(lead) < html.index("Beboerne plantede.")
    found = headings(html)
    titles = [title for _, title in found]
    assert titles[0] == "Sådan gik det"  # the editor's text first
    assert {"Læringer", "Interviews", "Citater", "Relaterede poster"} <= set(titles[1:])
    # Every generated section has an id and a line in the table of contents.
    assert [anchor for anchor, _ in found] == toc(html)
    assert "<li>Beboer i panelet, Borger, april 2018</li>" in html
    assert "<dt>Senest gennemgået</dt>\n<dd>1. oktober 2026</dd>" in html
    assert "2026-10-01" not in html.split("<article", 1)[1]


def test_initiative_shows_a_one_day_period_as_one_date_and_links_as_links(built: Path) -> None:
    html = page(built, "initiativer/dagen")
    assert "<dt>Periode</dt>\n<dd>2. marts 2018</dd>" in html
    links = html.split(">Links<", 1)[1].split("</ul>", 1)[0]
    assert '<li><a href="https://example.org/dagen" rel="noopener">Om dagen</a></li>' in links
    assert "Adresse" not in links and "Titel" not in links


def test_each_related_entry_appears_once_with_how_it_is_related(built: Path) -> None:
    initiative = page(built, "initiativer/dagen")
    related = initiative.split(">Relaterede poster<", 1)[1].split("</ul>", 1)[0]
    assert related.count('href="../../cases/haven/"') == 1
    assert "Case · Relaterede" in related  # named in `related:` and in the text: once, by the field
    assert related.count('href="../../enheder/centret/"') == 1
    unit = page(built, "enheder/centret")
    takes_part = unit.split(">Afprøvet og deltager i<", 1)[1].split("</ul>", 1)[0]
    assert "Dagen" in takes_part and "Haven" in takes_part
    assert "Relaterede poster" not in unit  # both already listed above, and nothing else links here


def test_unit_shows_its_contact_at_the_top_and_expertise_as_links(built: Path) -> None:
    html = page(built, "enheder/centret")
    assert next(title for _, title in headings(html)) == "Kontakt"
    assert html.index('<div class="katalog-contact">') < html.index("Brødtekst.")
    assert "<dt>Navn</dt><dd>Test Testesen</dd>" in html
    assert '<dt>Særlig viden</dt>\n<dd><a href="../../saerlig-viden/haver/">haver</a></dd>' in html


def test_counts_have_their_singular(built: Path) -> None:
    assert '<p class="katalog-count">1 post</p>' in page(built, "saerlig-viden/haver")
    assert '<p class="katalog-count">3 poster</p>' in page(built, "katalog")


def test_a_marker_copied_into_the_text_stays_empty(make_site: Callable[..., Site]) -> None:
    forged = '<div class="katalog-slot-0"></div>'
    site = make_site({"catalogue/cases/c.md": entry("case", body=f"Før.\n\n{forged}\n\nEfter.\n")})
    build_ok(site.root)
    html = (site / "site/cases/c/index.html").read_text(encoding="utf-8")
    assert html.index("Efter.") < html.index("Man lærer noget.")  # the section stays after the text


def set_display(schema: str, name: str, display: str) -> str:
    """The case field `name` (six spaces in) with `display: <display>` instead of any display it had."""
    start = schema.index(f"\n      {name}:\n") + len(f"\n      {name}:\n")
    end = re.search(r"\n {0,6}\S", schema[start - 1 :])
    assert end is not None
    block = re.sub(r"        display: \w+\n", "", schema[start : start - 1 + end.start() + 1])
    return schema[:start] + f"        display: {display}\n" + block + schema[start - 1 + end.start() + 1 :]


def test_display_settings_come_from_the_schema(make_site: Callable[..., Site]) -> None:
    site = make_site({"catalogue/cases/haven.md": CASE, "catalogue/units/centret.md": UNIT})
    schema = site / "site_config/schema.yml"
    text = schema.read_text(encoding="utf-8")
    for name, display in (("quotes", "quotes"), ("learnings", "highlight"), ("year", "hidden")):
        text = set_display(text, name, display)
    schema.write_text(text, encoding="utf-8")
    build_ok(site.root)
    html = (site / "site/cases/haven/index.html").read_text(encoding="utf-8")
    quote = '<figure class="katalog-quote">\n<blockquote><p>Nu kender vi hinanden.</p></blockquote>\n'
    assert quote + "<figcaption>Beboer</figcaption></figure>" in html
    assert '<div class="katalog-section katalog-section-highlight katalog-field-learnings">' in html
    assert "<dt>År</dt>" not in html


# --- templates a fork overrides ------------------------------------------------------------------------

OVERRIDE = """{% extends "katalog/entry.html" %}
{% block facts %}<p class="fork-case">{{ view.type_label }} fra forken: {{ view.title }}</p>{% endblock %}
"""


def test_templates_resolve_through_the_theme_dirs_per_entry_type(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    (overrides / "katalog/case").mkdir(parents=True)
    (overrides / "katalog/case/entry.html").write_text(OVERRIDE, encoding="utf-8")
    model = SiteModel(build_catalogue(REPO))
    renderer = PageRenderer(model, [str(overrides)])
    entries = model.catalogue.entries
    case_header, _ = renderer.entry_frame(entries["hedensted-borgerne-prioriterer"])
    assert '<p class="fork-case">Case fra forken: Borgere med ved bordet' in case_header
    assert '<dl class="katalog-facts">' not in case_header
    initiative_header, _ = renderer.entry_frame(entries["faxe-potentialer-i-spil"])
    assert "fork-case" not in initiative_header and '<dl class="katalog-facts">' in initiative_header


def test_a_fork_overrides_the_case_page_in_its_custom_dir(make_site: Callable[..., Site]) -> None:
    site = make_site(
        {
            "catalogue/cases/haven.md": CASE,
            "catalogue/units/centret.md": UNIT,
            "overrides/katalog/case/entry.html": OVERRIDE,
        }
    )
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    )
    build_ok(site.root)
    assert '<p class="fork-case">Case fra forken: Haven</p>' in (site / "site/cases/haven/index.html").read_text()
    assert "fork-case" not in (site / "site/enheder/centret/index.html").read_text()


# --- in the browser ------------------------------------------------------------------------------------

ENTRY_PAGES = {
    "case": "cases/hedensted-borgerne-prioriterer/",
    "unit": "enheder/faxe-digital-udvikling/",
    "initiative": "initiativer/faxe-potentialer-i-spil/",
}
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("example")
    build_ok(REPO, site_dir=out)
    with serve(out) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ENTRY_PAGES)
def test_entry_pages_have_no_axe_violations(example_site: str, name: str, width: int) -> None:
    """KATALOG_SCREENSHOTS=<folder> keeps a full-page picture of each (<name>-<width>.png)."""
    from axe_playwright_python.sync_playwright import Axe

    from .test_accessibility import WCAG_TAGS, describe

    with browser_page() as browser:
        browser.set_viewport_size({"width": width, "height": 900})
        browser.goto(example_site + ENTRY_PAGES[name], wait_until="networkidle")
        overflow: Any = browser.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        violations = Axe().run(browser, options=options).response["violations"]
        folder = os.environ.get("KATALOG_SCREENSHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            browser.wait_for_timeout(400)  # Material's tabs fade in
            browser.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)
    assert violations == [], f"axe found on {name} at {width} px:\n{describe(violations)}"
    assert overflow <= 0, f"{name} is {overflow} px wider than the screen at {width} px"
