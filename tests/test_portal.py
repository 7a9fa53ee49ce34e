"""The front page as a portal, breadcrumbs and the active tab, the help links in the footer, and
site.yml's `featured:` and `site_url:` as `katalog check` reads them. One small site, built once."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from katalog.core.config.siteconfig import ConfigError
from katalog.core.report import text_line

from .build_support import build_ok
from .conftest import Site, copy_example_config, entry, mkdocs_yml_for_tests, problem_lines


def check_lines(site: Site) -> list[str]:
    """What `katalog check` prints for each problem, site_config/'s own included."""
    try:
        return problem_lines(site)
    except ConfigError as error:
        return [text_line(problem, error.tr) for problem in error.problems]


INDEX = """\
# Vores katalog

Her er redaktørens egen indledning.

## Sådan bidrager du

Skriv til redaktionen.
"""


def initiative(title: str, start: str, themes: str = "[samskabelse]") -> str:
    return entry(
        "initiative",
        replace={"title:": f'title: "{title}"', "themes:": f"themes: {themes}"},
        add=f'period: {{start: "{start}"}}',
    )


FILES = {
    "content/index.md": INDEX,
    "catalogue/initiatives/gammelt.md": initiative("Det gamle initiativ", "2019"),
    "catalogue/initiatives/nyt.md": initiative("Det nye initiativ", "2025-03", "[samskabelse, aeldre]"),
    "catalogue/cases/haven.md": entry("case", replace={"title:": 'title: "Haven & <naboerne>"', "year:": "year: 2021"}),
    "catalogue/units/centret.md": entry("unit", replace={"title:": 'title: "Centret"'}),
}


def with_featured(root: Path, featured: str) -> None:
    path = root / "site_config" / "site.yml"
    path.write_text(path.read_text(encoding="utf-8") + f"\nfeatured: {featured}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("portal")
    copy_example_config(root / "site_config")
    (root / "mkdocs.yml").write_text(mkdocs_yml_for_tests(), encoding="utf-8")
    Site(root).write(FILES)
    with_featured(root, "[haven]")
    return build_ok(root)


def page(built: Path, path: str) -> str:
    return (built / path / "index.html").read_text(encoding="utf-8")


def squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def between(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def card_titles(html: str) -> list[str]:
    return re.findall(r'class="katalog-card-title" href="[^"]*">([^<]*)<', html)


def trail(html: str) -> str:
    found = re.search(r'<nav class="md-path katalog-path".*?</nav>', html, re.S)
    assert found is not None, "no breadcrumb trail"
    return squeezed(found.group(0))


def active_tabs(html: str) -> list[str]:
    return re.findall(
        r'<li class="md-tabs__item md-tabs__item--active">\s*<a href="[^"]*" class="md-tabs__link">\s*([^<]*?)\s*</a>',
        html,
    )


# --- the front page -----------------------------------------------------------------------------


def test_front_page_keeps_the_editors_introduction_and_puts_the_portal_after_it(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    article = between(html, '<article class="md-content__inner md-typeset">', "</article>")
    intro = article.index("Her er redaktørens egen indledning.")
    portal = article.index('<div class="katalog-portal">')
    section = article.index('id="saadan-bidrager-du"')
    assert intro < portal < section
    assert article.count('<div class="katalog-portal">') == 1
    assert "katalog-portal-slot" not in html


def test_front_page_search_box_submits_to_the_results_page(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    form = squeezed(between(html, '<form class="katalog-portal-search"', "</form>"))
    assert form.startswith('action="soeg/" method="get" role="search">')
    assert '<label class="katalog-portal-search-label" for="katalog-portal-q">Søg i kataloget</label>' in form
    assert '<input class="katalog-portal-search-input" id="katalog-portal-q" type="search" name="q"' in form
    assert ">Søg</button>" in form


def test_front_page_counts_entries_per_type_and_links_each_overview(built: Path) -> None:
    html = squeezed((built / "index.html").read_text(encoding="utf-8"))
    types = between(html, '<ul class="katalog-portal-tiles katalog-portal-types">', "</ul>")
    assert re.findall(
        r'<a href="([^"]*)"><span class="katalog-portal-tile-label">([^<]*)</span>'
        r'<span class="katalog-portal-tile-count">([^<]*)</span>',
        types,
    ) == [
        ("initiativer/", "Initiativer", "2 poster"),
        ("cases/", "Medborgerskabskatalog", "1 post"),
        ("enheder/", "Visitkort", "1 post"),
        ("vidensbank/", "Vidensbank", "0 poster"),
    ]


def test_front_page_shows_featured_entries_then_the_newest_others(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    featured = between(html, 'id="katalog-portal-featured"', 'id="katalog-portal-newest"')
    newest = between(html, 'id="katalog-portal-newest"', 'id="katalog-portal-themes"')
    assert card_titles(featured) == ["Haven &amp; &lt;naboerne&gt;"]
    # By their dates (period start, year, ...), newest first; a featured entry is not shown twice.
    assert card_titles(newest) == ["Det nye initiativ", "Det gamle initiativ", "Centret"]
    assert '<p class="katalog-portal-more"><a href="katalog/">Se alle poster, nyeste først</a></p>' in newest
    # Cards stand under the sections' h2 headings: their titles are h3 (h2 on overviews, under the h1).
    assert featured.count('<h3 class="katalog-card-heading">') == 1
    assert newest.count('<h3 class="katalog-card-heading">') == 3
    assert 'class="katalog-card-heading"' not in html.replace('<h3 class="katalog-card-heading">', "")


def test_front_page_theme_tiles_count_entries_and_link_term_pages(built: Path) -> None:
    html = squeezed((built / "index.html").read_text(encoding="utf-8"))
    assert '<h2 id="katalog-portal-themes">Temaer</h2>' in html
    themes = between(html, '<ul class="katalog-portal-tiles katalog-portal-themes">', "</ul>")
    tiles = re.findall(r'<a href="([^"]*)"><span class="katalog-portal-tile-label">([^<]*)</span>'
                       r'<span class="katalog-portal-tile-count">([^<]*)</span>', themes)  # fmt: skip
    assert ("temaer/samskabelse/", "Samskabelse", "3 poster") in tiles
    assert ("temaer/aeldre/", "Ældre", "1 post") in tiles
    assert [label for _, label, _ in tiles] == sorted((label for _, label, _ in tiles), key=str.casefold)
    assert '<p class="katalog-portal-more"><a href="emner/">Alle emner</a></p>' in html


def test_front_page_without_featured_has_no_featured_block(make_site: Callable[..., Site]) -> None:
    site = make_site({"catalogue/initiatives/nyt.md": initiative("Det nye initiativ", "2025")})
    build_ok(site.root)
    html = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert "katalog-portal-featured" not in html
    assert card_titles(between(html, 'id="katalog-portal-newest"', "</ul>")) == ["Det nye initiativ"]


# --- breadcrumbs and the active tab ---------------------------------------------------------------


def test_entry_page_has_a_breadcrumb_trail_under_its_type(built: Path) -> None:
    assert trail(page(built, "cases/haven")) == (
        '<nav class="md-path katalog-path" aria-label="Du er her"><ol class="md-path__list">'
        '<li class="md-path__item"><a href="../.." class="md-path__link"><span class="md-ellipsis">Forside</span>'
        "</a></li>"
        '<li class="md-path__item"><a href="../" class="md-path__link"><span class="md-ellipsis">Medborgerskabskatalog'
        "</span></a></li>"
        '<li class="md-path__item"><span class="md-path__link katalog-path-current" aria-current="page">'
        '<span class="md-ellipsis">Haven &amp; &lt;naboerne&gt;</span></span></li></ol></nav>'
    )


def test_term_and_taxonomy_pages_have_a_trail_under_the_terms_index(built: Path) -> None:
    crumbs = re.compile(r'<span class="md-ellipsis">([^<]*)</span>')
    assert crumbs.findall(trail(page(built, "temaer/samskabelse"))) == ["Forside", "Emner", "Temaer", "Samskabelse"]
    assert 'href="../../emner/"' in trail(page(built, "temaer/samskabelse"))
    assert crumbs.findall(trail(page(built, "temaer"))) == ["Forside", "Emner", "Temaer"]


def test_generated_pages_mark_the_tab_they_belong_under(built: Path) -> None:
    # Two entry pages of different types in a row: the navigation cache keeps their tabs apart.
    assert active_tabs(page(built, "cases/haven")) == ["Medborgerskabskatalog"]
    assert active_tabs(page(built, "initiativer/nyt")) == ["Initiativer"]
    assert active_tabs(page(built, "enheder/centret")) == ["Visitkort"]
    assert active_tabs(page(built, "temaer/samskabelse")) == ["Emner"]
    assert active_tabs(page(built, "emner")) == ["Emner"]
    assert active_tabs((built / "index.html").read_text(encoding="utf-8")) == ["Vores katalog"]
    # The active tab is only the page's: the next page does not inherit it.
    assert active_tabs(page(built, "felter-og-ordlister")) == []


@pytest.mark.parametrize(
    ("path", "prefix"),
    [("", ""), ("cases/haven", "../../"), ("temaer/samskabelse", "../../"), ("tilgaengelighedserklaering", "../")],
)
def test_help_pages_are_in_the_footer_of_every_page_not_in_the_tabs(built: Path, path: str, prefix: str) -> None:
    html = page(built, path) if path else (built / "index.html").read_text(encoding="utf-8")
    footer = squeezed(between(html, '<nav class="katalog-help-links"', "</nav>"))
    statement = (
        './" aria-current="page' if path == "tilgaengelighedserklaering" else f"{prefix}tilgaengelighedserklaering/"
    )
    assert footer == (
        f'aria-label="Hjælp og om sitet"><ul><li><a href="{prefix}felter-og-ordlister/">Felter og ordlister</a></li>'
        f'<li><a href="{statement}">Tilgængelighedserklæring</a></li></ul>'
    )
    tabs = between(html, '<ul class="md-tabs__list">', "</ul>")
    assert "Felter og ordlister" not in tabs and "Tilgængelighedserklæring" not in tabs


# --- featured: and site_url: in katalog check -------------------------------------------------------


def test_an_unknown_featured_id_is_an_error_at_its_line(make_site: Callable[..., Site]) -> None:
    site = make_site({"catalogue/cases/haven.md": entry("case")})
    with_featured(site.root, "[haven, haveen]")
    line = (site / "site_config/site.yml").read_text(encoding="utf-8").count("\n")
    assert check_lines(site) == [
        f'site_config/site.yml:{line}:19: error: featured[1]: der findes ingen post med id "haveen". '
        'Forventet: id på en eksisterende post. Fundet: "haveen". Mente du "haven"?'
    ]


@pytest.mark.parametrize(
    ("value", "column", "message"),
    [
        ("haven", 11, 'featured: forkert slags værdi. Forventet: en liste af id\'er på poster, fx [kommune-3-0, '
         'faxe-visitkort]. Fundet: teksten "haven".'),
        ("[haven, haven]", 19, 'featured[1]: "haven" står allerede i featured. Nævn hver post én gang.'),
        ("[3]", 12, "featured[0]: forkert slags værdi. Forventet: tekst. Fundet: tallet 3. Sæt værdien i "
         'anførselstegn: "3".'),
    ],
)  # fmt: skip
def test_featured_of_the_wrong_kind_is_an_error_at_its_line(
    make_site: Callable[..., Site], value: str, column: int, message: str
) -> None:
    site = make_site({"catalogue/cases/haven.md": entry("case")})
    with_featured(site.root, value)
    line = (site / "site_config/site.yml").read_text(encoding="utf-8").count("\n")
    assert check_lines(site) == [f"site_config/site.yml:{line}:{column}: error: {message}"]


def site_url_line(site: Site, new: str | None) -> int:
    """Replace (or, with None, delete) the site_url line; the line it stood on."""
    path = site / "site_config/site.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines) if line.startswith("site_url:"))
    if new is None:
        del lines[number]
    else:
        lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


HINT = (
    "Skriv adressen, sitet udgives på, fx site_url: https://kommune.dk/katalog/. Sitemap, kanoniske links og "
    "delte links bruger den."
)


def test_site_url_is_required(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site_url_line(site, None)
    assert check_lines(site) == [
        f'site_config/site.yml:2:1: error: site_url: den påkrævede nøgle "site_url" mangler. {HINT}'
    ]


@pytest.mark.parametrize("value", ['"kommune.dk/katalog"', '"ftp://kommune.dk/"', '"https://kommune.dk/?side=1"'])
def test_site_url_must_be_a_web_address(make_site: Callable[..., Site], value: str) -> None:
    site = make_site()
    line = site_url_line(site, f"site_url: {value}")
    shown = value.strip('"')
    assert check_lines(site) == [
        f'site_config/site.yml:{line}:11: error: site_url: "{shown}" er ikke en webadresse. Forventet: en webadresse, '
        f"der begynder med https://, fx https://kommune.dk/katalog/. {HINT}"
    ]
