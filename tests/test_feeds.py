"""Atom feeds (render/feeds.py): every feed of a whole build read by a real feed reader, their content,
their dates, escaping of hostile titles, privacy, and the links that lead to them."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest

from katalog.core.catalogue import build_catalogue
from katalog.render.feeds import Feeds, xml_attribute
from katalog.render.model import SiteModel
from katalog.render.views import EntryViews

from .build_support import build_ok
from .conftest import INDEX_MD, Site, copy_example_config, entry, mkdocs_yml_for_tests

SITE_URL = "https://example.org/kommune/katalog/"  # a sub-path: every address in a feed starts here
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = 'Tæt <på> & "citater" ]]> og slut'
SITE_NAME = "Kataloget <&> ]]>"


def initiative(title: str, start: str, *, themes: str = "[samskabelse]", place: str = "aarhus", add: str = "") -> str:
    return entry(
        "initiative",
        replace={
            "title:": f"title: {title}",
            "themes:": f"themes: {themes}",
            "municipality:": f"municipality: {place}",
        },
        add=f'period: {{start: "{start}"}}\n{add}',
    )


ENTRIES = {
    # Reviewed last: its <updated> is the review's date, not the period's start.
    "catalogue/initiatives/gammel-men-gennemgaaet.md": initiative(
        '"Gammelt, men gennemgået"', "2015", add="reviewed: 2026-03-01"
    ),
    "catalogue/initiatives/nyt.md": initiative('"Et nyt initiativ"', "2025-06", themes="[samskabelse, aeldre]"),
    "catalogue/initiatives/midt.md": initiative('"Et initiativ fra 2021"', "2021-02-03", place="odense"),
    "catalogue/initiatives/fjendtlig.md": initiative("'Tæt <på> & \"citater\" ]]> og slut'", "2020", place="odense"),
    "catalogue/cases/en-case.md": entry("case", replace={"year:": "year: 2023"}),
    # A visitkort without a date: it cannot be placed among the newest, so it is in no feed.
    "catalogue/units/uden-dato.md": entry("unit", replace={"municipality:": "municipality: vejle"}),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("feeds")
    copy_example_config(root / "site_config")
    settings = root / "site_config" / "site.yml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("https://example.org/samskabelseskataloget/", SITE_URL)
    settings.write_text(text.replace('name: "Samskabelseskataloget"', f"name: '{SITE_NAME}'"), encoding="utf-8")
    (root / "mkdocs.yml").write_text(mkdocs_yml_for_tests(), encoding="utf-8")
    Site(root).write({"content/index.md": INDEX_MD, **ENTRIES})
    build_ok(root)
    yield root / "site"
    shutil.rmtree(root, ignore_errors=True)


def feeds(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("feed.xml"))}


def entry_titles(data: bytes) -> list[str]:
    return [one.title for one in feedparser.parse(data).entries]


def test_every_feed_of_the_build_is_valid_atom(site: Path) -> None:
    found = feeds(site)
    assert found
    for path, data in found.items():
        ElementTree.fromstring(data)  # well-formed XML, or this raises
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.version == "atom10", path
        assert parsed.feed.id == SITE_URL + path
        assert parsed.feed.links[0].href == SITE_URL + path and parsed.feed.links[0].rel == "self"


def test_a_feed_for_the_catalogue_each_type_each_theme_and_each_municipality(site: Path) -> None:
    assert sorted(feeds(site)) == [
        "cases/feed.xml",
        "enheder/feed.xml",
        "initiativer/feed.xml",
        "katalog/feed.xml",
        "kommuner/aarhus/feed.xml",
        "kommuner/odense/feed.xml",
        "kommuner/vejle/feed.xml",
        "temaer/aeldre/feed.xml",
        "temaer/samskabelse/feed.xml",
        "vidensbank/feed.xml",
    ]


def test_newest_first_by_review_date_then_by_when_it_happened(site: Path) -> None:
    data = (site / "katalog" / "feed.xml").read_bytes()
    parsed = feedparser.parse(data)
    assert [(one.title, one.updated) for one in parsed.entries] == [
        ("Gammelt, men gennemgået", "2026-03-01T00:00:00Z"),
        ("Et nyt initiativ", "2025-06-01T00:00:00Z"),
        ("En lille case", "2023-01-01T00:00:00Z"),
        ("Et initiativ fra 2021", "2021-02-03T00:00:00Z"),
        (HOSTILE, "2020-01-01T00:00:00Z"),
    ]
    assert parsed.feed.updated == "2026-03-01T00:00:00Z"
    assert parsed.feed.title == f"{SITE_NAME}: Hele kataloget"
    assert parsed.feed.language == "da"
    # The undated visitkort is in no feed; its municipality's feed is empty but valid, dated by the catalogue.
    vejle = feedparser.parse((site / "kommuner" / "vejle" / "feed.xml").read_bytes())
    assert vejle.entries == [] and vejle.feed.updated == "2026-03-01T00:00:00Z"
    assert vejle.feed.title == f"{SITE_NAME}: Kommune: Vejle"


def test_an_entry_in_a_feed(site: Path) -> None:
    parsed = feedparser.parse((site / "temaer" / "aeldre" / "feed.xml").read_bytes())
    (one,) = parsed.entries
    address = SITE_URL + "initiativer/nyt/"
    assert (one.id, one.link, one.title) == (address, address, "Et nyt initiativ")
    assert one.summary == "Et initiativ, der kun findes i testene af kataloget."
    assert [(tag.term, tag.label, tag.scheme) for tag in one.tags] == [
        ("initiative", "Initiativ", SITE_URL + "initiativer/"),
        ("aarhus", "Aarhus", SITE_URL + "kommuner/"),
        ("samskabelse", "Samskabelse", SITE_URL + "temaer/"),
        ("aeldre", "Ældre", SITE_URL + "temaer/"),
    ]
    assert parsed.feed.link == SITE_URL + "temaer/aeldre/"


def test_hostile_titles_are_escaped(site: Path) -> None:
    data = (site / "kommuner" / "odense" / "feed.xml").read_bytes()
    assert '<title type="text">Tæt &lt;på&gt; &amp; "citater" ]]&gt; og slut</title>'.encode() in data
    assert b"<title>Kataloget &lt;&amp;&gt; ]]&gt;: Kommune: Odense</title>" in data
    root = ElementTree.fromstring(data)
    assert [node.text for node in root.iter(f"{ATOM}title")] == [
        f"{SITE_NAME}: Kommune: Odense",
        "Et initiativ fra 2021",
        HOSTILE,
    ]
    assert entry_titles(data) == ["Et initiativ fra 2021", HOSTILE]


def test_control_characters_are_left_out(site: Path) -> None:
    """`katalog check` refuses a control character in a title; should one reach a feed all the same (a
    fork's own field, a trusted intranet), the feed stays XML: XML 1.0 cannot hold it even escaped."""
    catalogue = build_catalogue(site.parent)
    model = SiteModel(catalogue)
    target = catalogue.entries["midt"]
    target.data["title"] = "Før\x01\x0b\x1f\x7f\x9f\ufffe efter & <så> ]]>"
    made = Feeds(model, EntryViews(model))
    feed = next(one for one in made.plan() if one.path == "kommuner/odense/feed.xml")
    data = made.atom(feed).encode("utf-8")
    ElementTree.fromstring(data)
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0
    assert [one.title for one in parsed.entries] == ["Før efter & <så> ]]>", HOSTILE]
    assert xml_attribute('a"b\n<\x00') == "'a\"b&#10;&lt;'"
    assert xml_attribute("a\"b'c") == '"a&quot;b\'c"'


def test_no_contact_is_ever_in_a_feed(site: Path) -> None:
    for path, data in feeds(site).items():
        text = data.decode("utf-8")
        assert "Test Testesen" not in text and "test@example.org" not in text, path


def test_term_pages_and_overviews_link_their_feed(site: Path) -> None:
    head = '<link rel="alternate" type="application/atom+xml" href="feed.xml" title="Tema: Ældre">'
    visible = (
        '<p class="katalog-feed-link"><a href="feed.xml" type="application/atom+xml"><svg class="katalog-feed-icon"'
    )
    text = "Følg med i de nyeste poster her som feed (Atom)</a></p>"
    page = (site / "temaer" / "aeldre" / "index.html").read_text(encoding="utf-8")
    assert head in page and visible in page and text in page
    for overview in ("katalog", "initiativer", "enheder"):
        html = (site / overview / "index.html").read_text(encoding="utf-8")
        assert '<link rel="alternate" type="application/atom+xml" href="feed.xml"' in html, overview
        assert text in html, overview
    # The front page: the whole catalogue's feed, named by the site's name.
    front = (site / "index.html").read_text(encoding="utf-8")
    discovery = '<link rel="alternate" type="application/atom+xml" href="katalog/feed.xml" title="{}">'
    assert discovery.format("Kataloget &lt;&amp;&gt; ]]&gt;") in front
    assert '<p class="katalog-feed-link"><a href="katalog/feed.xml" type="application/atom+xml">' in front
    # An entry page has no feed of its own.
    assert "application/atom+xml" not in (site / "initiativer" / "nyt" / "index.html").read_text(encoding="utf-8")


def test_the_feed_link_in_the_head_resolves_under_a_sub_path(site: Path) -> None:
    """Links in the page are relative; the feed file is where they lead."""
    for page in ("temaer/samskabelse/index.html", "kommuner/odense/index.html", "cases/index.html"):
        assert (site / page).with_name("feed.xml").is_file()
