"""Whole builds with the real `mkdocs build --strict`: pages, links, and failing on problems."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from .build_support import build
from .conftest import CASE, REPO, Site, entry, problem_lines

INI = "catalogue/initiatives/faelleshaver.md"
CAS = "catalogue/cases/b.md"

MakeSite = Callable[..., Site]


def url_prefix(root: Path, type_name: str) -> str:
    schema = yaml.safe_load((root / "site_config" / "schema.yml").read_text(encoding="utf-8"))
    return str(schema["types"][type_name]["url"])


def primary_nav(html: str) -> str:
    """The navigation of a Material page: the tabs and the primary sidebar (not the page's own header)."""
    start = html.index('<nav class="md-tabs"')
    end = html.index('<div class="md-sidebar md-sidebar--secondary"')
    return html[start:end]


@pytest.fixture
def built_site(make_site: MakeSite) -> Site:
    site = make_site(
        {
            INI: entry("initiative", add="related: [b]", body="Se casen [[b]] for detaljer.\n"),
            CAS: CASE,
        }
    )
    result = build(site.root)
    assert result.ok, result.output
    return site


def test_entry_page_shows_the_entry(built_site: Site) -> None:
    prefix = url_prefix(built_site.root, "initiative")
    assert prefix == "initiativer"
    page = built_site / f"site/{prefix}/faelleshaver/index.html"
    assert page.is_file()
    html = page.read_text(encoding="utf-8")
    assert "<title>Et lille initiativ - Samskabelseskataloget</title>" in html
    assert '<h1 id="katalog-title">Et lille initiativ</h1>' in html
    assert '<p class="katalog-summary">Et initiativ, der kun findes i testene af kataloget.</p>' in html
    # Vocabulary labels, not keys, linked to their term pages.
    assert '<a href="../../kommuner/aarhus/">Aarhus</a>' in html
    assert '<a href="../../temaer/samskabelse/">Samskabelse</a>' in html
    assert '<a href="../../status/running/">I gang</a>' in html
    # The contact.
    assert "<dd>Test Testesen</dd>" in html
    assert '<a href="mailto:test@example.org">test@example.org</a>' in html
    # The related case, by its title, from `related:` and from `[[b]]` in the body.
    why = '<span class="katalog-relation-why">Case · Relaterede</span>'
    assert f'<li><a href="../../cases/b/">En lille case</a> {why}</li>' in html
    # The sanitiser gives every link in a body rel="noopener"; harmless on internal ones.
    link = '<a href="../../cases/b/" class="katalog-ref" rel="noopener">En lille case</a>'
    assert f"<p>Se casen {link} for detaljer.</p>" in html


def test_related_entry_links_back(built_site: Site) -> None:
    html = (built_site / f"site/{url_prefix(built_site.root, 'case')}/b/index.html").read_text(encoding="utf-8")
    assert '<h2 id="relaterede-poster">Relaterede poster' in html
    why = '<span class="katalog-relation-why">Initiativ · Henviser hertil (Relaterede)</span>'
    assert f'<li><a href="../../initiativer/faelleshaver/">Et lille initiativ</a> {why}</li>' in html


def test_entries_are_not_in_the_navigation(built_site: Site) -> None:
    index = (built_site / "site/index.html").read_text(encoding="utf-8")
    # The front page's portal lists the newest entries as cards; its navigation does not.
    assert "Et lille initiativ" not in primary_nav(index)
    assert "faelleshaver" not in primary_nav(index)
    for page in ("initiativer/index.html", "initiativer/faelleshaver/index.html", "cases/b/index.html"):
        nav = primary_nav((built_site / "site" / page).read_text(encoding="utf-8"))
        assert "Et lille initiativ" not in nav, page
        assert not re.search(r'href="[^"]*faelleshaver/?"', nav), page
    # The overview lists it (as a card), and the overview itself is in the navigation.
    overview = (built_site / "site/initiativer/index.html").read_text(encoding="utf-8")
    assert "Et lille initiativ" in overview
    assert 'href="initiativer/"' in primary_nav(index)


@pytest.mark.parametrize(
    "files",
    [
        pytest.param({INI: entry("initiative", replace={"status:": "status: running: x"})}, id="yaml-error"),
        pytest.param({INI: entry("initiative", body="Se [[findes-ikke]].\n")}, id="unknown-wikilink"),
        pytest.param({INI: entry("initiative", replace={"municipality:": "municipality: Arhus"})}, id="unknown-term"),
    ],
)
def test_broken_entry_fails_the_build_with_the_check_message(make_site: MakeSite, files: dict[str, str]) -> None:
    site = make_site(files)
    [line] = problem_lines(site)
    location, message = line.split(": error: ", 1)
    result = build(site.root)
    assert not result.ok
    matching = [out for out in result.lines if f"{location}: {message}" in out]
    assert len(matching) == 1, result.output
    assert matching[0].startswith("ERROR")
    assert "Kataloget har 1 fejl; se meddelelserne ovenfor." in result.output


def test_synonym_warning_fails_only_a_strict_build(make_site: MakeSite) -> None:
    site = make_site({INI: entry("initiative", replace={"municipality:": "municipality: Århus"})})
    [line] = problem_lines(site)
    location, message = line.split(": warning: ", 1)

    strict = build(site.root)
    assert not strict.ok
    assert any(out.startswith("WARNING") and f"{location}: {message}" in out for out in strict.lines)

    lenient = build(site.root, strict=False)
    assert lenient.ok, lenient.output
    assert (site / "site/initiativer/faelleshaver/index.html").is_file()


def test_example_site_builds_strict(tmp_path: Path) -> None:
    site_dir = tmp_path / "example-site"
    result = build(REPO, site_dir=site_dir)
    assert result.ok, result.output
    assert "WARNING" not in result.output
    assert (site_dir / "index.html").is_file()
    assert (site_dir / "initiativer/aarhus-netvaerksmoeder/index.html").is_file()
    assert (site_dir / "vidensbank/kommune-3-0/index.html").is_file()


def build_example(
    tmp_path: Path, name: str, *, plugin_options: dict[str, object], custom_dir: Path | None = None
) -> tuple[Path, str]:
    """The example catalogue built from a copy of mkdocs.yml with other plugin options: site_dir, log."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(REPO / "content")
    config["site_dir"] = str(tmp_path / name)
    config["plugins"] = [{"katalog": {"root": str(REPO), **plugin_options}}]
    if custom_dir is not None:
        config["theme"]["custom_dir"] = str(custom_dir)
    config_file = tmp_path / f"{name}.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(tmp_path, config_file=config_file, verbose=True)
    assert result.ok, result.output
    return tmp_path / name, result.output


def site_files(site_dir: Path) -> dict[str, bytes]:
    return {path.relative_to(site_dir).as_posix(): path.read_bytes() for path in site_dir.rglob("*") if path.is_file()}


def test_the_navigation_cache_changes_no_byte_of_the_site(tmp_path: Path) -> None:
    cached, cached_log = build_example(tmp_path, "cached", plugin_options={})
    uncached, uncached_log = build_example(tmp_path, "uncached", plugin_options={"navigation_cache": False})
    cached_files, uncached_files = site_files(cached), site_files(uncached)
    assert sorted(cached_files) == sorted(uncached_files)
    different = [name for name in cached_files if cached_files[name] != uncached_files[name]]
    assert different == []
    # And the cache was used: the example's pages outside the navigation share a few renders.
    pages = sum(name.endswith(".html") for name in cached_files)
    renders = re.search(r"navigation partials rendered (\d+) time", cached_log)
    assert renders is not None, cached_log
    assert pages > 150 and int(renders.group(1)) <= 20
    assert "navigation partials rendered 0 time" in uncached_log


def test_a_forks_own_navigation_partial_wins_over_the_cache(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "nav.html").write_text('<nav class="fork-nav">Fork</nav>\n', encoding="utf-8")
    site_dir, _ = build_example(tmp_path, "fork", plugin_options={}, custom_dir=tmp_path / "overrides")
    for page in ("index.html", "initiativer/aarhus-netvaerksmoeder/index.html"):
        assert '<nav class="fork-nav">Fork</nav>' in (site_dir / page).read_text(encoding="utf-8")


def test_rendering_in_a_second_process_changes_no_byte_of_the_site(tmp_path: Path) -> None:
    one, one_log = build_example(tmp_path, "one", plugin_options={"workers": 1})
    two, two_log = build_example(tmp_path, "two", plugin_options={"workers": 2})
    assert "pages rendered in place" in one_log
    assert "pages rendered ahead, in a second process" in two_log
    one_files, two_files = site_files(one), site_files(two)
    assert sorted(one_files) == sorted(two_files)
    assert [name for name in one_files if one_files[name] != two_files[name]] == []
    assert any(name.startswith("katalog/search/index.") for name in one_files)


def test_heading_anchors_are_spelled_as_katalogs_addresses(make_site: Callable[..., Site]) -> None:
    body = "## Læringer fra Ærø og Åbenrå\n\nTekst.\n\n## Sådan\n\nMere.\n"
    site = make_site({"catalogue/cases/ankre.md": entry("case", body=body)})
    assert build(site.root).ok
    html = (site / f"site/{url_prefix(site.root, 'case')}/ankre/index.html").read_text(encoding="utf-8")
    assert '<h2 id="laeringer-fra-aeroe-og-aabenraa">Læringer fra Ærø og Åbenrå' in html
    assert '<h2 id="saadan">Sådan' in html
    assert 'title="Link til dette afsnit"' in html
