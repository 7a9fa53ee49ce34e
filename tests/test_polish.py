"""Polish: a site published under a sub-path (sitemap, canonical links, 404 page, link check), the
footer and permalink titles in the site's language, og:/twitter: tags, the print stylesheet (in
Chromium's print mode and as a PDF), a Swedish site, and `katalog init` asking for site_url."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from katalog.commands import init

from .browser_support import browser_page, serve
from .build_support import build_ok
from .conftest import Site, copy_example_config, entry, mkdocs_yml_for_tests

SUB_PATH_URL = "https://example.org/kommune/katalog/"
EPOCH = "1767312000"  # 2026-01-02
HOSTILE = 'Haven & "naboerne" <i>'
CASE = entry(
    "case",
    replace={"title:": f"title: '{HOSTILE}'"},
    add='quotes:\n  - {text: "Vi gjorde det sammen.", by: "Borger"}\nrelated: [dagen]',
    body="## Baggrund\n\nTekst.\n",
)
INITIATIVE = entry("initiative", replace={"title:": 'title: "Dagen"'})


def set_site_yml(root: Path, **values: str) -> None:
    path = root / "site_config" / "site.yml"
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, count = re.subn(rf"(?m)^{key}:.*$", f"{key}: {value}", text)
        assert count == 1, key
    path.write_text(text, encoding="utf-8")


def build_site(root: Path, files: dict[str, str], **site_yml: str) -> Path:
    copy_example_config(root / "site_config")
    (root / "mkdocs.yml").write_text(mkdocs_yml_for_tests(), encoding="utf-8")
    Site(root).write(files)
    set_site_yml(root, **site_yml)
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return build_ok(root)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {
        "content/index.md": "# Forside\n\nIndledning.\n",
        "catalogue/cases/haven.md": CASE,
        "catalogue/initiatives/dagen.md": INITIATIVE,
    }
    return build_site(tmp_path_factory.mktemp("polish"), files, site_url=f'"{SUB_PATH_URL}"')


def read(built: Path, path: str) -> str:
    return (built / path).read_text(encoding="utf-8")


# --- a site under a sub-path -----------------------------------------------------------------------


def test_sitemap_lists_every_page_at_its_published_address(built: Path) -> None:
    locs = re.findall(r"<loc>([^<]*)</loc>", read(built, "sitemap.xml"))
    assert f"{SUB_PATH_URL}cases/haven/" in locs
    assert f"{SUB_PATH_URL}initiativer/dagen/" in locs
    assert f"{SUB_PATH_URL}temaer/samskabelse/" in locs
    assert all(loc.startswith(SUB_PATH_URL) for loc in locs)


def test_canonical_links_and_relative_paths_under_the_sub_path(built: Path) -> None:
    html = read(built, "cases/haven/index.html")
    assert f'<link rel="canonical" href="{SUB_PATH_URL}cases/haven/">' in html
    assert '<link rel="stylesheet" href="../../katalog/katalog-portal.css">' in html
    assert '<a href="../../initiativer/dagen/">Dagen</a>' in html


def test_not_found_page_is_in_the_sites_language_with_search_and_links(built: Path) -> None:
    html = read(built, "404.html")
    article = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    squeezed = re.sub(r">\s+<", "><", re.sub(r"\s+", " ", article)).strip()
    assert squeezed.startswith(
        "<h1>Siden findes ikke</h1><p>Adressen er måske skrevet forkert, eller siden er flyttet. Søg efter det, du "
        'leder efter, eller gå videre herfra.</p><form class="katalog-portal-search" action="/kommune/katalog/soeg/" '
        'method="get" role="search">'
    )
    assert 'name="q"' in squeezed and ">Søg</button>" in squeezed
    links = re.findall(r'<li><a href="([^"]*)">([^<]*)</a></li>', squeezed)
    assert links[:3] == [
        ("/kommune/katalog/.", "Forside"),
        ("/kommune/katalog/initiativer/", "Initiativer"),
        ("/kommune/katalog/cases/", "Medborgerskabskatalog"),
    ]
    assert "404 - Not found" not in html and "Not found" not in html


def test_link_check_follows_the_404_pages_links_under_the_sub_path(built: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "katalog.cli", "links", str(built)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("No broken links in ")


def test_a_root_absolute_link_outside_the_sub_path_is_broken(built: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built, site)
    page = site / "404.html"
    html = page.read_text(encoding="utf-8").replace('href="/kommune/katalog/initiativer/"', 'href="/initiativer/"')
    page.write_text(html, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "katalog.cli", "links", str(site)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "404.html: error: broken link: /initiativer/"


# --- texts in the site's language ----------------------------------------------------------------


def test_footer_and_permalinks_are_in_the_sites_language(built: Path) -> None:
    for path in ("index.html", "cases/haven/index.html", "temaer/samskabelse/index.html", "404.html"):
        html = read(built, path)
        assert "Made with" not in html and "Permanent link" not in html, path
        assert re.search(r"Lavet med\s*<a href=\"https://squidfunk.github.io/mkdocs-material/\"", html), path
    html = read(built, "cases/haven/index.html")
    assert '<a class="headerlink" href="#baggrund" title="Link til dette afsnit" rel="noopener">' in html


# --- og: and twitter: ------------------------------------------------------------------------------


def test_entry_pages_have_escaped_og_and_twitter_tags(built: Path) -> None:
    head = read(built, "cases/haven/index.html").split("</head>", 1)[0]
    tags = re.findall(r'<meta (?:property|name)="((?:og|twitter):[a-z_]+)" content="([^"]*)">', head)
    title = "Haven &amp; &#34;naboerne&#34; &lt;i&gt;"
    summary = "En case, der kun findes i testene af kataloget."
    assert tags == [
        ("og:type", "article"),
        ("og:title", title),
        ("og:description", summary),
        ("og:site_name", "Samskabelseskataloget"),
        ("og:url", f"{SUB_PATH_URL}cases/haven/"),
        ("twitter:card", "summary"),
        ("twitter:title", title),
        ("twitter:description", summary),
    ]
    # Pages that are not entries carry none.
    assert "og:title" not in read(built, "temaer/samskabelse/index.html")


# --- print ------------------------------------------------------------------------------------------


def test_print_stylesheet_and_paper_header(built: Path) -> None:
    html = read(built, "cases/haven/index.html")
    assert '<link rel="stylesheet" href="../../katalog/katalog-print.css" media="print">' in html
    header = re.search(r'<div class="katalog-print-header" hidden>(.*?)</div>', html, re.S)
    assert header is not None
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", header.group(1))).strip()
    assert text == f"Samskabelseskataloget Adresse: {SUB_PATH_URL}cases/haven/ · Sidens version: 2. januar 2026"
    assert (built / "katalog" / "katalog-print.css").is_file()


PRINT_STATE = """() => {
  const shown = (selector) => {
    const element = document.querySelector(selector);
    return element !== null && getComputedStyle(element).display !== 'none';
  };
  const quote = document.querySelector('figure.katalog-quote, blockquote');
  return {
    header: shown('.md-header'), tabs: shown('.md-tabs'), footer: shown('.md-footer'), path: shown('.md-path'),
    sidebar: shown('.md-sidebar--primary'), related: shown('.katalog-relations'),
    relatedHeading: shown('#relaterede-poster'), paperHeader: shown('.katalog-print-header'),
    title: shown('h1'), quoteBreak: quote ? getComputedStyle(quote).breakInside : null,
  };
}"""


def test_printed_entry_page_leaves_out_navigation_and_related_lists(built: Path) -> None:
    with serve(built) as base, browser_page() as page:
        page.goto(base + "cases/haven/")
        on_screen = page.evaluate(PRINT_STATE)
        assert on_screen["header"] and on_screen["related"] and not on_screen["paperHeader"]
        page.emulate_media(media="print")
        on_paper = page.evaluate(PRINT_STATE)
        pdf = page.pdf(format="A4")
        if os.environ.get("KATALOG_SCREENSHOTS"):
            page.set_viewport_size({"width": 794, "height": 1123})
            page.screenshot(
                path=os.path.join(os.environ["KATALOG_SCREENSHOTS"], "print-entry-case.png"), full_page=True
            )
    assert on_paper == {
        "header": False,
        "tabs": False,
        "footer": False,
        "path": False,
        "sidebar": False,
        "related": False,
        "relatedHeading": False,
        "paperHeader": True,
        "title": True,
        "quoteBreak": "avoid",
    }
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) >= 1  # at least one printed page


# --- a Swedish site -----------------------------------------------------------------------------------


def test_a_swedish_site_says_it_all_in_swedish(tmp_path: Path) -> None:
    files = {"content/index.md": "# Start\n\nInledning.\n", "catalogue/cases/haven.md": CASE.replace(HOSTILE, "Haven")}
    files["catalogue/initiatives/dagen.md"] = INITIATIVE
    # The statistics page's address is its title's slug, so mkdocs.yml's nav names it in Swedish.
    files["mkdocs.yml"] = mkdocs_yml_for_tests().replace("tal-og-overblik/", "siffror-och-oeverblick/")
    site = build_site(tmp_path, files, language="sv", site_url='"https://kommun.se/"')
    html = (site / "cases/haven/index.html").read_text(encoding="utf-8")
    assert '<nav class="md-path katalog-path" aria-label="Du är här">' in html
    assert '<span class="md-ellipsis">Startsida</span>' in html
    assert 'title="Länk till det här avsnittet"' in html
    assert re.search(r"Skapad med\s*<a ", html)
    front = (site / "index.html").read_text(encoding="utf-8")
    assert '<label class="katalog-portal-search-label" for="katalog-portal-q">Sök i katalogen</label>' in front
    assert "<h1>Sidan finns inte</h1>" in (site / "404.html").read_text(encoding="utf-8")


# --- katalog init asks for site_url -----------------------------------------------------------------------


def answering(*answers: str) -> tuple[Callable[[str], str], list[str]]:
    asked: list[str] = []
    queue = list(answers)

    def ask(question: str) -> str:
        asked.append(question)
        return queue.pop(0)

    return ask, asked


def test_init_asks_for_site_url_until_it_is_an_address(
    make_site: Callable[..., Site], capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site({"catalogue/cases/haven.md": entry("case")})
    ask, asked = answering("kommune.dk", "https://kommune.dk/katalog")
    assert init.run(site.root, apply=True, ask=ask) == 0
    assert (
        asked
        == [
            "Hvilken adresse udgives sitet på? Sitemap, kanoniske links og delte links bruger den (Enter beholder "
            "https://example.org/samskabelseskataloget/): "
        ]
        * 2
    )
    out = capsys.readouterr().out
    assert '"kommune.dk" er ikke en webadresse, der begynder med https:// eller http://. Prøv igen.\n' in out
    assert "Skrev site_url: https://kommune.dk/katalog/ i site_config/site.yml.\n" in out
    text = (site / "site_config/site.yml").read_text(encoding="utf-8")
    assert re.findall(r"(?m)^site_url:.*$", text) == ['site_url: "https://kommune.dk/katalog/"']


def test_init_keeps_site_url_on_enter_and_asks_a_fork_without_one(make_site: Callable[..., Site]) -> None:
    site = make_site({"catalogue/cases/haven.md": entry("case")})
    before = (site / "site_config/site.yml").read_text(encoding="utf-8")
    ask, _ = answering("")
    assert init.run(site.root, apply=True, ask=ask) == 0
    assert (site / "site_config/site.yml").read_text(encoding="utf-8") == before
    # Without site_url, katalog check fails; init asks for it first, then does its work.
    (site / "site_config/site.yml").write_text(re.sub(r"(?m)^site_url:.*\n", "", before), encoding="utf-8")
    ask, asked = answering("https://kommune.dk/")
    assert init.run(site.root, apply=True, ask=ask) == 0
    assert asked[0].startswith("Hvilken adresse udgives sitet på, fx https://kommune.dk/katalog/?")
    assert 'site_url: "https://kommune.dk/"' in (site / "site_config/site.yml").read_text(encoding="utf-8")


def test_init_without_a_terminal_asks_nothing(make_site: Callable[..., Site]) -> None:
    site = make_site({"catalogue/cases/haven.md": entry("case")})
    before = (site / "site_config/site.yml").read_text(encoding="utf-8")
    assert init.run(site.root, apply=True) == 0  # pytest's stdin is not a terminal
    assert (site / "site_config/site.yml").read_text(encoding="utf-8") == before


def test_an_entry_with_an_image_has_og_image_at_its_published_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (1600, 900), (40, 120, 60)).save(picture, "PNG")
    case = entry(
        "case",
        replace={"title:": 'title: "Haven"'},
        add='image:\n  src: billeder/haven.png\n  alt: "Højbede & <naboer>"',
    )
    root = tmp_path / "root"
    root.mkdir()
    (root / "catalogue/cases/billeder").mkdir(parents=True)
    (root / "catalogue/cases/billeder/haven.png").write_bytes(picture.getvalue())
    monkeypatch.setenv("KATALOG_IMAGE_CACHE", str(tmp_path / "cache"))
    site = build_site(
        root, {"content/index.md": "# Forside\n", "catalogue/cases/haven.md": case}, site_url=f'"{SUB_PATH_URL}"'
    )
    head = (site / "cases/haven/index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    tags = dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[a-z_:]+)" content="([^"]*)">', head))
    image = tags["og:image"]
    assert re.fullmatch(re.escape(SUB_PATH_URL) + r"katalog/img/[0-9a-f]+-960\.webp", image), image
    assert (site / image.removeprefix(SUB_PATH_URL)).is_file()
    assert (tags["og:image:width"], tags["og:image:height"]) == ("960", "540")  # the largest copy up to 1200 px
    assert tags["og:image:alt"] == "Højbede &amp; &lt;naboer&gt;"
    assert tags["twitter:card"] == "summary_large_image"
