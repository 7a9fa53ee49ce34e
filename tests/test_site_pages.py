"""Whole builds: term pages, pagination, slugs, links both ways, similar entries."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from katalog.core.config.settings import SimilarSettings
from katalog.core.link.similar import similar_entries
from katalog.core.slugs import slugify

from .build_support import build_ok
from .conftest import Site, entry


def build(site: Site) -> Path:
    return build_ok(site.root)


def card_titles(html: str) -> list[str]:
    return re.findall(r'class="katalog-card-title" href="[^"]*">([^<]*)<', html)


def initiative(title: str, start: str, tags: str = "[fælles]", extra: str = "") -> str:
    return entry(
        "initiative",
        replace={"title:": f'title: "{title}"', "themes:": "themes: [samskabelse, aeldre]"},
        add=f'period: {{start: "{start}"}}\ntags: {tags}\n{extra}',
    )


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("børn og unge", "boern-og-unge"),
        ("Ærø", "aeroe"),
        ("Å-strækningen", "aa-straekningen"),
        ("Café Über", "cafe-uber"),
        ("  2030 -- mål!  ", "2030-maal"),
    ],
)
def test_slugs_are_readable_ascii(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_term_pages_list_entries_newest_first_with_cards(make_site: Callable[..., Site]) -> None:
    site = make_site(
        {
            "catalogue/initiatives/gammel.md": initiative("Det gamle initiativ", "2019"),
            "catalogue/initiatives/ny.md": initiative("Det nye initiativ", "2024-05"),
            "catalogue/initiatives/midt.md": initiative("Det mellemste initiativ", "2021"),
        }
    )
    out = build(site)
    html = (out / "temaer" / "samskabelse" / "index.html").read_text(encoding="utf-8")
    assert card_titles(html) == ["Det nye initiativ", "Det mellemste initiativ", "Det gamle initiativ"]
    assert '<h1 id="katalog-title">Tema: Samskabelse</h1>' in html
    assert '<span class="katalog-card-type">Initiativ</span> · Aarhus' in html
    assert "Et initiativ, der kun findes i testene af kataloget." in html
    overview = (out / "temaer" / "index.html").read_text(encoding="utf-8")
    assert '<a href="samskabelse/">Samskabelse</a> <span class="katalog-term-count">3</span>' in overview
    assert '<a href="aeldre/">Ældre</a>' in overview
    # Tags get pages like terms, under a readable slug.
    assert card_titles((out / "emneord" / "faelles" / "index.html").read_text(encoding="utf-8"))[0] == (
        "Det nye initiativ"
    )
    assert (out / "kommuner" / "aarhus" / "index.html").is_file()
    assert (out / "status" / "running" / "index.html").is_file()


def test_term_pages_are_paginated(make_site: Callable[..., Site]) -> None:
    site = make_site(
        {f"catalogue/initiatives/nr-{n}.md": initiative(f"Initiativ nummer {n}", f"20{10 + n}") for n in range(5)}
    )
    config = site / "site_config/site.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("page_size: 50", "page_size: 2"), encoding="utf-8")
    out = build(site)
    folder = out / "emneord" / "faelles"
    first = (folder / "index.html").read_text(encoding="utf-8")
    second = (folder / "2" / "index.html").read_text(encoding="utf-8")
    third = (folder / "3" / "index.html").read_text(encoding="utf-8")
    assert card_titles(first) == ["Initiativ nummer 4", "Initiativ nummer 3"]
    assert card_titles(second) == ["Initiativ nummer 2", "Initiativ nummer 1"]
    assert card_titles(third) == ["Initiativ nummer 0"]
    assert not (folder / "4").exists()
    assert '<a href="2/">2</a>' in first and '<span aria-current="page">1</span>' in first
    assert '<a href="../">1</a>' in second and '<a href="../3/">3</a>' in second
    assert "5 poster" in second
    # The overview pages paginate the same way; page 1 carries the filters.
    overview = (out / "initiativer" / "index.html").read_text(encoding="utf-8")
    assert len(card_titles(overview)) == 2 and "data-katalog-filter" in overview
    assert len(card_titles((out / "initiativer" / "3" / "index.html").read_text(encoding="utf-8"))) == 1


def test_two_tags_that_slug_alike_are_an_error(
    make_site: Callable[..., Site], run_check: Callable[..., tuple[int, list[str], str]]
) -> None:
    site = make_site(
        {
            "catalogue/initiatives/a.md": initiative("Første initiativ", "2020", tags='["Børn og unge"]'),
            "catalogue/initiatives/b.md": initiative("Andet initiativ", "2021", tags='["børn-og-unge"]'),
        }
    )
    code, lines, _ = run_check(site)
    assert code == 1
    assert lines[0] == (
        'catalogue/initiatives/b.md:11:8: error: tags[0]: "børn-og-unge" og "Børn og unge" får samme adresse '
        '(boern-og-unge). Skriv det som "Børn og unge", eller vælg et andet ord.'
    )


def test_links_both_ways_labels_link_to_term_pages(make_site: Callable[..., Site]) -> None:
    site = make_site(
        {
            "catalogue/units/centret.md": entry("unit", replace={"title:": 'title: "Centret"'}),
            "catalogue/units/teamet.md": entry("unit", replace={"title:": 'title: "Teamet"'}, add="parent: centret"),
            "catalogue/initiatives/projektet.md": entry(
                "initiative",
                replace={"title:": 'title: "Projektet"'},
                add="units: [centret]",
                body="Se også [[sagen|den gode sag]] og [[teamet]].\n",
            ),
            "catalogue/cases/sagen.md": entry("case", replace={"title:": 'title: "Sagen"'}, add="related: [projektet]"),
        }
    )
    out = build(site)
    unit = (out / "enheder" / "centret" / "index.html").read_text(encoding="utf-8")
    # What names the unit in its `units` is what the unit takes part in; the rest is related, each once.
    assert listed(unit, "Afprøvet og deltager i") == [
        ("../../initiativer/projektet/", "Projektet", "Initiativ · Enheder")
    ]
    assert listed(unit, "Relaterede poster") == [("../teamet/", "Teamet", "Visitkort · Henviser hertil (Hører under)")]
    project = (out / "initiativer" / "projektet" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../cases/sagen/" class="katalog-ref" rel="noopener">den gode sag</a>' in project
    assert '<a href="../../enheder/teamet/" class="katalog-ref" rel="noopener">Teamet</a>' in project
    assert '<a href="../../kommuner/aarhus/">Aarhus</a>' in project
    assert '<a href="../../status/running/">I gang</a>' in project
    assert listed(project, "Relaterede poster") == [
        ("../../enheder/centret/", "Centret", "Visitkort · Enheder"),
        ("../../cases/sagen/", "Sagen", "Case · Nævnt i teksten, Henviser hertil (Relaterede)"),
        ("../../enheder/teamet/", "Teamet", "Visitkort · Nævnt i teksten"),
    ]
    case = (out / "cases" / "sagen" / "index.html").read_text(encoding="utf-8")
    assert listed(case, "Relaterede poster") == [
        ("../../initiativer/projektet/", "Projektet", "Initiativ · Relaterede, Henviser hertil i teksten")
    ]


def listed(html: str, heading: str) -> list[tuple[str, str, str]]:
    """(href, title, type and reasons) of each entry in the generated section under this heading."""
    match = re.search(f'<h2 id="[^"]+">{heading}<', html)
    assert match is not None, f"no heading {heading}"
    section = html[match.end() :].split("</ul>", 1)[0]
    pattern = r'<li><a href="([^"]*)">([^<]*)</a> <span class="katalog-relation-why">([^<]*)</span></li>'
    return re.findall(pattern, section)


def test_similar_entries_on_the_page(make_site: Callable[..., Site]) -> None:
    site = make_site(
        {
            "catalogue/initiatives/a.md": initiative("Alfa", "2020", tags="[haver, naboskab]"),
            "catalogue/initiatives/b.md": initiative("Beta", "2021", tags="[haver, naboskab]"),
            "catalogue/initiatives/c.md": initiative("Gamma", "2022", tags="[cykler]"),
        }
    )
    out = build(site)
    alfa = (out / "initiativer" / "a" / "index.html").read_text(encoding="utf-8")
    # Two shared tags outweigh none.
    assert [title for _, title, why in listed(alfa, "Relaterede poster") if why.endswith("Lignende emner")] == [
        "Beta",
        "Gamma",
    ]


def test_similar_ranks_by_weighted_shared_terms_with_threshold_and_limit() -> None:
    terms = {
        "a": [("themes", "x"), ("tags", "t1"), ("tags", "t2")],
        "b": [("themes", "x"), ("tags", "t1"), ("tags", "t2")],
        "c": [("themes", "x"), ("tags", "t1")],
        "d": [("themes", "x")],
        "e": [("statuses", "running")],
    }
    settings = SimilarSettings(weights={"themes": 1, "tags": 3, "statuses": 0}, threshold=2, limit=2)
    result = similar_entries(terms, settings)
    assert result["a"] == ["b", "c"]  # 7 and 4 points; d has 1, below the threshold; limit 2
    assert result["d"] == []
    assert result["e"] == []  # weight 0 counts for nothing


def test_taxonomy_overviews_are_paginated_too(make_site: Callable[..., Site]) -> None:
    tags = ", ".join(f"emne{n:02d}" for n in range(20))
    site = make_site({"catalogue/initiatives/a.md": initiative("Mange emner", "2020", tags=f"[{tags}]")})
    config = site / "site_config/site.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("page_size: 50", "page_size: 2"), encoding="utf-8")
    out = build(site)
    first = (out / "emneord" / "index.html").read_text(encoding="utf-8")
    third = (out / "emneord" / "3" / "index.html").read_text(encoding="utf-8")
    assert first.count('class="katalog-term-count"') == 8  # four terms per card of the page size
    assert '<a href="emne00/">emne00</a>' in first and '<a href="3/">3</a>' in first
    assert '<a href="../emne19/">emne19</a>' in third


def test_a_numeric_tag_moves_the_taxonomy_pages_aside(make_site: Callable[..., Site]) -> None:
    tags = ", ".join(["2", *(f"emne{n:02d}" for n in range(10))])
    site = make_site({"catalogue/initiatives/a.md": initiative("Tal som emne", "2020", tags=f"[{tags}]")})
    config = site / "site_config/site.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("page_size: 50", "page_size: 2"), encoding="utf-8")
    out = build(site)
    assert "Tal som emne" in (out / "emneord" / "2" / "index.html").read_text(encoding="utf-8")  # the tag "2"
    assert (out / "emneord" / "_2" / "index.html").is_file()  # page 2 of the tag list
