"""'Tal og overblik' and the map of Denmark (render/statistics.py, charts.py, denmark_map.py): a whole
build's charts, tables and links, the map's marks and its list, the colours' contrast, site_config's
places checked at their lines, byte-for-byte reproducibility, and axe on the new pages."""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from katalog.core.config.places import SiteMap
from katalog.render.charts import AA_TEXT, MATERIAL_PRIMARY, WHITE, chart_colour, contrast
from katalog.render.denmark_map import LAND, radius

from .browser_support import CHROMIUM, CHROMIUM_ARGS, require_chromium, serve
from .build_support import build_ok
from .conftest import INDEX_MD, Site, copy_example_config, entry, mkdocs_yml_for_tests

ROOT = Path(__file__).resolve().parents[1]
STATS = "tal-og-overblik/index.html"


def initiative(title: str, place: str, status: str, groups: str = "[]") -> str:
    return entry(
        "initiative",
        replace={
            "title:": f'title: "{title}"',
            "municipality:": f"municipality: {place}",
            "status:": f"status: {status}",
        },
        add=f'period: {{start: "2024"}}\ntarget_groups: {groups}',
    )


ENTRIES = {
    "catalogue/initiatives/a.md": initiative("Første initiativ", "aarhus", "running", "[aeldre, unge]"),
    "catalogue/initiatives/b.md": initiative("Andet initiativ", "aarhus", "running", "[aeldre]"),
    "catalogue/initiatives/c.md": initiative("Tredje initiativ", "odense", "trial"),
    "catalogue/cases/d.md": entry(
        "case", replace={"municipality:": "municipality: [aarhus, bornholm]"}, add="participation: collaborate"
    ),
    "catalogue/units/e.md": entry("unit", replace={"municipality:": "municipality: vejle"}),
}


def build(root: Path, out: str = "site") -> Path:
    return build_ok(root, site_dir=out)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("stats")
    copy_example_config(root / "site_config")
    (root / "mkdocs.yml").write_text(mkdocs_yml_for_tests(), encoding="utf-8")
    Site(root).write({"content/index.md": INDEX_MD, **ENTRIES})
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def site(root: Path) -> Path:
    return build(root)


class Links(HTMLParser):
    """Every href under the first element with the given class, and the text of table rows there."""

    def __init__(self, css_class: str) -> None:
        super().__init__()
        self.css_class = css_class
        self.depth = 0
        self.hrefs: list[str] = []
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.depth == 0 and self.css_class in (values.get("class") or "").split():
            self.depth = 1
            return
        if self.depth == 0:
            return
        if tag not in ("path", "circle", "rect", "br", "img", "input"):
            self.depth += 1
        if values.get("href"):
            self.hrefs.append(str(values["href"]))
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0:
            return
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None
        if tag not in ("path", "circle", "rect", "br", "img", "input"):
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def parsed(page: Path, css_class: str) -> Links:
    links = Links(css_class)
    links.feed(page.read_text(encoding="utf-8"))
    return links


def resolves(site: Path, page: str, href: str) -> bool:
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))
    path = site / target
    return (path / "index.html").is_file() if href.endswith("/") or path.is_dir() else path.is_file()


def section(page_html: str, section_id: str) -> str:
    start = page_html.index(f'aria-labelledby="{section_id}"')
    return page_html[start : page_html.index("</section>", start)]


def test_every_chart_has_its_data_as_a_table(site: Path) -> None:
    rows = parsed(site / STATS, "katalog-stats").rows
    assert ["Initiativer", "3"] in rows and ["Medborgerskabskatalog", "1"] in rows and ["Visitkort", "1"] in rows
    page = (site / STATS).read_text(encoding="utf-8")
    statuses = section(page, "katalog-stats-statuses")
    assert re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(\d+)</td></tr>", statuses) == [
        ("Idé", "0"),
        ('<a href="../status/trial/">Prøvehandling</a>', "1"),
        ('<a href="../status/running/">I gang</a>', "2"),
        ("Afsluttet", "0"),
        ("Forankret i drift", "0"),
    ]
    assert '<h2 id="katalog-stats-statuses">Status</h2>' in statuses
    assert (
        '<figcaption id="katalog-stats-statuses-summary">3 poster fordelt på 2 værdier. Flest: I gang (2).</figcaption>'
        in statuses
    )
    participation = section(page, "katalog-stats-participation")
    assert '<a href="../deltagelsesniveauer/collaborate/">Samarbejde</a></th><td>1</td>' in participation
    years = section(page, "katalog-stats-years")
    assert re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(\d+)</td></tr>", years) == [("2024", "4")]
    # The map's vocabulary is the map, not a chart.
    assert 'id="katalog-stats-municipalities"' not in page


def test_every_bar_is_a_link_to_what_its_row_links_to(site: Path) -> None:
    page = (site / STATS).read_text(encoding="utf-8")
    groups = section(page, "katalog-stats-target-groups")
    svg = groups[groups.index("<svg") : groups.index("</svg>")]
    bars = re.findall(r'<a class="katalog-chart-link" href="([^"]+)" aria-label="([^":]+): ', svg)
    table = re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a>', groups)
    assert bars == table == [("../maalgrupper/unge/", "Unge"), ("../maalgrupper/aeldre/", "Ældre")]
    # Twelve terms, twelve rows; the bar of the most is full width, the others in proportion.
    assert '<a class="katalog-chart-link" href="../maalgrupper/aeldre/" aria-label="Ældre: 2 poster">' in svg
    assert svg.count('class="katalog-chart-bar"') == 12
    assert 'width="100.00%"' in svg and 'width="50.00%"' in svg
    assert 'role="group" aria-labelledby="katalog-stats-target-groups"' in svg
    assert 'aria-describedby="katalog-stats-target-groups-summary"' in svg


def test_every_link_of_the_statistics_page_and_the_front_page_map_resolves(site: Path) -> None:
    for page, css_class in ((STATS, "katalog-stats"), ("index.html", "katalog-map")):
        hrefs = parsed(site / page, css_class).hrefs
        assert len(hrefs) > 8, page
        missing = [href for href in hrefs if not resolves(site, page, href)]
        assert missing == [], page


def test_the_map_marks_each_municipality_with_entries(site: Path) -> None:
    page = (site / STATS).read_text(encoding="utf-8")
    marks = re.findall(r'<a class="katalog-map-mark" href="([^"]+)" aria-label="([^"]+)"><circle ([^/]+)/>', page)
    assert [(href, label) for href, label, _ in marks] == [
        ("../kommuner/aarhus/", "Aarhus: 3 poster"),
        ("../kommuner/bornholm/", "Bornholm: 1 post"),
        ("../kommuner/odense/", "Odense: 1 post"),
        ("../kommuner/vejle/", "Vejle: 1 post"),
    ]
    circles = [dict(re.findall(r'(\w+)="([^"]+)"', attributes)) for _, _, attributes in marks]
    assert [circle["r"] for circle in circles] == ["16.0", "4.0", "4.0", "4.0"]
    # Bornholm lies east of everything else; Aarhus north of Odense.
    assert float(circles[1]["cx"]) > 500 and float(circles[0]["cy"]) < float(circles[2]["cy"])
    assert '<figcaption id="katalog-stats-map-summary">Poster fra 4 kommuner. Flest: Aarhus (3).' in page
    rows = parsed(site / STATS, "katalog-map").rows
    assert rows == [["Kommune", "Poster"], ["Aarhus", "3"], ["Bornholm", "1"], ["Odense", "1"], ["Vejle", "1"]]


def test_the_front_page_shows_the_map_small_with_a_link_to_the_figures(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    block = section(page, "katalog-portal-map")
    assert block.count('class="katalog-map-mark"') == 4
    assert '<p class="katalog-portal-more"><a href="tal-og-overblik/">Se kortet og alle tallene</a></p>' in block
    assert '<a href="kommuner/aarhus/">Aarhus</a></th><td>3</td>' in block


def test_two_builds_give_the_same_bytes(root: Path, site: Path) -> None:
    again = build(root, "site-again")
    made = [STATS, "index.html", *(p.relative_to(site).as_posix() for p in site.rglob("feed.xml"))]
    assert len(made) > 5
    for name in made:
        assert (site / name).read_bytes() == (again / name).read_bytes(), name


@pytest.mark.parametrize(
    ("language", "address", "title", "mark", "feed"),
    [
        ("en", "facts-and-figures", "Facts and figures", "Aarhus: 1 entry", "The whole catalogue"),
        ("sv", "siffror-och-oeverblick", "Siffror och överblick", "Aarhus: 1 post", "Hela katalogen"),
    ],
)
def test_in_the_sites_language(
    make_site: Callable[..., Site], language: str, address: str, title: str, mark: str, feed: str
) -> None:
    site = make_site({"catalogue/initiatives/a.md": ENTRIES["catalogue/initiatives/a.md"]})
    settings = site / "site_config" / "site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("language: da", f"language: {language}"))
    # The statistics page's address is its title's slug, so mkdocs.yml's nav names it in the site's language.
    mkdocs_yml = site / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8").replace("tal-og-overblik/", f"{address}/"))
    out = build(site.root)
    page = (out / address / "index.html").read_text(encoding="utf-8")
    assert f'<h1 id="katalog-title">{title}</h1>' in page
    assert f'aria-label="{mark}"' in page
    assert f"<title>Samskabelseskataloget: {feed}</title>" in (out / "katalog" / "feed.xml").read_text(encoding="utf-8")


# --- colours --------------------------------------------------------------------------------------


@pytest.mark.parametrize("colour", ["#00695c", "#ffec3d", "#cbdc38", "#fff", "#000000", *MATERIAL_PRIMARY])
def test_bars_and_marks_have_aa_contrast(colour: str) -> None:
    chosen = chart_colour({"primary": colour})
    assert contrast(chosen, WHITE) >= AA_TEXT
    assert contrast(chosen, LAND) >= 3  # WCAG 1.4.11: a graphic against what is around it


def test_contrast_is_computed_as_wcag_says() -> None:
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54
    assert chart_colour({"primary": "#00695c"}) == "#00695c"  # the example's colour passes as it is
    assert chart_colour({"primary": "yellow"}) != MATERIAL_PRIMARY["yellow"]  # darkened until it passes
    assert chart_colour({}) == MATERIAL_PRIMARY["indigo"]  # Material's default


def test_a_circles_area_grows_with_its_count() -> None:
    assert radius(1, 9) == 4.0 and radius(9, 9) == 16.0
    assert radius(5, 9) == pytest.approx(4 + 12 * (0.5**0.5))
    outline = SiteMap(8.0, 54.5, 15.0, 58.0, 600, 500, "M0 0z")
    assert outline.point(8.0, 58.0) == (0.0, 0.0)
    assert outline.point(15.0, 54.5)[0] == pytest.approx(600)


# --- site_config/places.yml and map.yml, checked --------------------------------------------------

PLACES = """\
vocabulary: municipalities
places:
  aarhus: [56.16, 10.2]
  nowhere: [10, 56]
  odense: "10.39, 55.40"
  vejle: [9.54]
  aalborg: [9.92, 57.05]
"""


def test_bad_places_are_reported_at_their_lines(
    make_site: Callable[..., Site], run_check: Callable[..., tuple[int, list[str], str]]
) -> None:
    site = make_site({"site_config/places.yml": PLACES})
    code, lines, _ = run_check(site)
    found = [line for line in lines if line.startswith("site_config/places.yml")]
    assert code == 1
    assert found == [
        "site_config/places.yml:3:11: error: places.aarhus: stedet (56.16, 10.2) ligger uden for kortet "
        "(8.0–15.25, 54.53–57.78). Skriv længdegraden (grader øst) først og breddegraden (grader nord) "
        "bagefter, i WGS 84.",
        'site_config/places.yml:4:3: error: places.nowhere: ukendt værdi "nowhere". Mente du "odsherred"?',
        "site_config/places.yml:5:11: error: places.odense: forkert slags værdi. "
        'Forventet: [længdegrad, breddegrad], fx [10.2, 56.16]. Fundet: teksten "10.39, 55.40".',
        "site_config/places.yml:6:10: error: places.vejle: forkert slags værdi. Forventet: [længdegrad, "
        "breddegrad], fx [10.2, 56.16]. Fundet: en liste med 1 element. Skriv længdegraden (grader øst) først "
        "og breddegraden (grader nord) bagefter, i WGS 84.",
    ]


def test_a_broken_outline_is_reported(
    make_site: Callable[..., Site], run_check: Callable[..., tuple[int, list[str], str]]
) -> None:
    text = (ROOT / "site_config" / "map.yml").read_text(encoding="utf-8")
    broken = re.sub(r'path: ".*"', 'path: "M0 0<script>"', text).replace("bounds: [8.0,", "bounds: [18.0,")
    code, lines, _ = run_check(make_site({"site_config/map.yml": broken}))
    found = [line.split(": error: ")[1].split(".")[0] for line in lines if line.startswith("site_config/map.yml")]
    assert code == 1 and found == ["bounds: tallet er for lille", "path: forkert slags værdi"]


def test_a_fork_without_a_map_builds_without_one(make_site: Callable[..., Site], tmp_path: Path) -> None:
    site = make_site({"catalogue/initiatives/a.md": ENTRIES["catalogue/initiatives/a.md"]})
    (site / "site_config" / "map.yml").unlink()
    (site / "site_config" / "places.yml").unlink()
    out = build(site.root)
    assert "katalog-map" not in (out / "index.html").read_text(encoding="utf-8")
    assert 'id="katalog-stats-statuses"' in (out / STATS).read_text(encoding="utf-8")


def test_a_fork_with_its_own_municipalities_and_our_places_has_no_map(make_site: Callable[..., Site]) -> None:
    """Katalog's places are Danish: a fork that replaced the vocabulary is not told to fix them."""
    vocabulary = (
        "label: {sv: Kommuner}\nsingular: {sv: Kommun}\nterms:\n  - key: goeteborg\n    label: {sv: Göteborg}\n"
    )
    site = make_site(
        {
            "site_config/vocabularies/municipalities.yml": vocabulary,
            "catalogue/initiatives/a.md": entry("initiative", replace={"municipality:": "municipality: goeteborg"}),
        }
    )
    out = build(site.root)
    assert "katalog-map" not in (out / "index.html").read_text(encoding="utf-8")
    assert "katalog-map" not in (out / STATS).read_text(encoding="utf-8")


# --- axe ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("example")
    build_ok(ROOT, site_dir=out)
    with serve(out) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One Chromium for the module's browser tests (each opens a page of its own in it)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["tal-og-overblik/", "", "temaer/samskabelse/"])
def test_no_wcag_violations_on_the_new_pages(example: str, chromium: Any, path: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from .test_accessibility import WCAG_TAGS, describe

    page = chromium.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(example + path, wait_until="networkidle")
        # The tables behind "Vis tallene som tabel" are checked too.
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        options: dict[str, Any] = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        violations = Axe().run(page, options=options).response["violations"]
    finally:
        page.close()
    assert violations == [], f"axe on /{path} at {width} px:\n{describe(violations)}"


@pytest.mark.browser
def test_bars_and_marks_are_reached_with_the_keyboard(example: str, chromium: Any) -> None:
    page = chromium.new_page()
    try:
        page.goto(example + "tal-og-overblik/", wait_until="networkidle")
        marks = []
        for _ in range(30):  # from the top of the page: the marks come first, then the bars
            page.keyboard.press("Tab")
            marks.append(page.evaluate("document.activeElement.getAttribute('aria-label') || ''"))
            if marks[-1].startswith("Initiativer"):
                break
        assert "Nordfyns: 5 poster" in marks
        assert marks[-1] == "Initiativer: 13 poster"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("/initiativer/"), page.url
    finally:
        page.close()
