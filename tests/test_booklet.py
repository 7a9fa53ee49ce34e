"""`katalog pdf` and the site's booklets: a real catalogue printed by WeasyPrint, read back with pypdf.

One booklet of every case of the example catalogue (with a hostile case and one written to be
hyphenated) is printed once for the module; the other tests print small selections.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import ImageFile
from pypdf import PdfReader

from katalog.cli import main
from katalog.commands.cli_texts import root_in
from katalog.core.catalogue import build_catalogue
from katalog.render.booklet import BookletError, make_booklet, plan_booklets
from katalog.render.booklet_pdf import print_pdf
from katalog.render.booklet_selection import Selection
from katalog.render.listings import Listings
from katalog.render.model import SiteModel
from katalog.render.pages import PageRenderer

from .build_support import build_ok
from .conftest import REPO, Site, copy_example_config, entry, problem_lines

pytest.importorskip("weasyprint")
# Importing WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process; Katalog turns it
# off again when it loads WeasyPrint itself (render/booklet_pdf.py). So must this import, or the image
# tests that run after it in the same worker would see truncated images accepted.
ImageFile.LOAD_TRUNCATED_IMAGES = False

SITE_NAME = "Samskabelseskataloget"
HOSTILE_TITLE = '<b>Fed</b> & "citat" {{ x }} </style>'
HOSTILE_QUOTE = "</style><script>alert(1)</script> & <i>kursiv</i>"
COMPOUND = "Kommunalbestyrelsesmedlemmerne"
HOSTILE = f"""\
---
type: case
title: '{HOSTILE_TITLE}'
summary: "En case med tegn, som HTML, CSS og skabeloner ellers ville læse som kode."
municipality: aarhus
year: 2024
themes: [samskabelse]
citizen_roles: [volunteer]
quotes:
  - text: '{HOSTILE_QUOTE}'
    by: "<u>Borger</u>"
learnings:
  - "Tegn som < og & vises, som de er skrevet."
---

Tekst med <script>alert(2)</script> og [et link](javascript:alert(3)).

## En overskrift i teksten

Se [[hedensted-borgerne-prioriterer|casen fra Hedensted]], ![et billede](billeder/faelleshave.jpg) og
[vejledningen](../../vejledning/).
"""
HYPHENATED = f"""\
---
type: case
title: "Et langt sammensat ord"
summary: "En case, hvis tekst er ét langt dansk ord igen og igen, så linjerne må brydes inde i det."
municipality: aarhus
year: 2024
themes: [samskabelse]
citizen_roles: [volunteer]
learnings:
  - "Lange ord brydes ved en stavelse."
---

{" ".join([COMPOUND] * 40)}
"""
TYPES = "initiative, case, unit, article"


def flat(text: str) -> str:
    """A page's text on one line: words hyphenated at a line's end joined again, lines by spaces."""
    return re.sub(r"\s+", " ", text.replace("\u2010\n", "")).strip()


def example_root(target: Path) -> Path:
    """The example catalogue (catalogue/, content/, site_config/) copied into target."""
    shutil.copytree(REPO / "catalogue", target / "catalogue")
    shutil.copytree(REPO / "content", target / "content")
    copy_example_config(target / "site_config")
    return target


def structure_kinds(node: Any, alts: list[str] | None = None) -> Counter[str]:
    """How many elements of each kind (/H1, /P, /L, ...) the PDF's structure tree holds; each figure's
    alternative text into alts."""
    kinds: Counter[str] = Counter()
    pending = [node]
    while pending:
        one = pending.pop().get_object() if hasattr(pending[-1], "get_object") else pending.pop()
        if isinstance(one, dict):
            if "/S" in one:
                kinds[str(one["/S"])] += 1
                if one["/S"] == "/Figure" and alts is not None:
                    alts.append(str(one.get("/Alt", "")))
            if "/K" in one:
                pending.append(one["/K"])
        elif isinstance(one, list):
            pending.extend(one)
    return kinds


def run_pdf(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["pdf", *args])
    return code, out.getvalue(), err.getvalue()


class Printed:
    def __init__(self, path: Path, result: tuple[int, str, str]) -> None:
        self.path = path
        self.code, self.out, self.err = result
        self.reader = PdfReader(path)
        self.pages = [page.extract_text() for page in self.reader.pages]
        self.flat = [flat(text) for text in self.pages]


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Printed]:
    root = example_root(tmp_path_factory.mktemp("booklet"))
    (root / "catalogue/cases/zz-hostile.md").write_text(HOSTILE, encoding="utf-8")
    (root / "catalogue/cases/zz-hyphenated.md").write_text(HYPHENATED, encoding="utf-8")
    output = root / "cases.pdf"
    yield Printed(output, run_pdf(str(root), "--type", "case", "--output", str(output)))


def titles_of_cases() -> list[str]:
    catalogue = build_catalogue(REPO)
    return [entry.title for entry in catalogue.of_type("case")] + [HOSTILE_TITLE, "Et langt sammensat ord"]


def test_booklet_is_written_with_a_page_count(cases: Printed) -> None:
    pages = len(cases.reader.pages)
    assert (cases.code, cases.err) == (0, "")
    assert cases.out == f"Skrev {cases.path}: 8 poster på {pages} sider.\n"
    # The cover, the contents, and each entry from a page of its own (the longer ones take two).
    assert 10 <= pages <= 20
    assert cases.flat[0].startswith(f"{SITE_NAME} Medborgerskabskatalog 8 poster")
    assert "Udgivet af Eksempel Kommune https://example.org/samskabelseskataloget/" in cases.flat[0]


def test_contents_page_numbers_are_the_pages_the_entries_start_on(cases: Printed) -> None:
    contents = cases.flat[1]
    assert contents.startswith("Indhold ")
    assert contents.endswith(f" {SITE_NAME} Medborgerskabskatalog Side 2 af {len(cases.pages)}")
    numbers = {}
    for title in titles_of_cases():
        found = re.search(re.escape(title) + r"[ .]*?(\d+) ", contents)
        assert found, f"{title!r} is not in the contents: {contents}"
        numbers[title] = int(found.group(1))
    for title, number in numbers.items():
        # The first page after the contents with the entry's title (a heading of its own) is the one named.
        first = next(n for n, text in enumerate(cases.flat[2:], start=3) if title in text)
        assert first == number, title
        # The entry's type (upper case), then its title, as the page begins.
        assert cases.flat[number - 1].startswith(f"CASE {title} "), title
    assert len(set(numbers.values())) == len(numbers)
    assert min(numbers.values()) == 3


def test_site_name_and_page_number_on_every_page(cases: Printed) -> None:
    count = len(cases.pages)
    for number, text in enumerate(cases.pages, start=1):
        assert text.count(SITE_NAME) >= 1, number
        assert f"Side {number} af {count}" in text, number
        assert "Medborgerskabskatalog" in text, number


def test_facts_quotes_and_learnings_are_in_the_entry_section(cases: Printed) -> None:
    title = "Borgere med ved bordet, da puljen til lokale mødesteder skulle fordeles"
    start = next(n for n, text in enumerate(cases.flat) if n > 1 and title in text)
    text = " ".join(cases.flat[start : start + 2])
    section = text.split(title, 1)[1]
    for expected in [
        "Forvaltning Kultur og Fritid",
        "År 2021",
        "Kommune Hedensted",
        "Senest gennemgået 1. oktober 2026",
        # The text, its headings one level under the entry's title:
        "Udgangspunktet En pulje skulle fordeles til lokale mødesteder som forsamlingshuse og klubhuse.",
        "Læringer Sig klart fra start, hvor meget indflydelse borgerne har på beslutningen.",
        "Fortæl bagefter, hvordan panelets forslag blev brugt.",
        "Citater »Det var første gang, jeg forstod, hvor svært det er at sige nej til nogle af de gode "
        "ansøgninger.« — Medlem af borgerpanelet",
        "Interviews Medlem af borgerpanelet, Borger, september 2021",
        "Posten på nettet: https://example.org/samskabelseskataloget/cases/hedensted-borgerne-prioriterer/",
    ]:
        assert expected in section


def test_pdf_is_tagged_with_language_and_title(cases: Printed) -> None:
    root: Any = cases.reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "da"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert cases.reader.metadata is not None and cases.reader.metadata.title == "Medborgerskabskatalog"
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp  # PDF/UA-1
    alts: list[str] = []
    kinds = structure_kinds(root["/StructTreeRoot"], alts)
    # The entries' images (resized, inline), each a figure with the alternative text its entry gives.
    assert sorted(alts) == [
        "Tegning af tre huse med sne på tagene og en ryddet sti gennem sneen hen til det midterste hus",
        "Tegning af tre højbede med grønne planter på en græsplæne foran to boligblokke i solskin",
    ]
    # The booklet's title, then the contents' heading and each entry's title; their parts under them.
    assert (kinds["/H1"], kinds["/H2"]) == (1, 1 + 8)
    assert kinds["/H3"] >= 8 and kinds["/BlockQuote"] >= 8 and kinds["/L"] >= 8 and kinds["/Link"] >= 8
    # The entries' titles are headings in the structure tree (and the reader's bookmarks).
    outline = cases.reader.outline
    assert [item.title for item in outline if not isinstance(item, list)] == ["Medborgerskabskatalog"]
    second = [item.title for item in outline[1] if not isinstance(item, list)]
    assert second[:2] == ["Indhold", HOSTILE_TITLE]
    assert "Borgere med ved bordet, da puljen til lokale mødesteder skulle fordeles" in second


def test_hostile_text_is_printed_as_written(cases: Printed) -> None:
    page = next(text for n, text in enumerate(cases.flat) if n > 1 and text.startswith(f"CASE {HOSTILE_TITLE} "))
    assert f"»{HOSTILE_QUOTE}« — <u>Borger</u>" in page
    assert "Tegn som < og & vises, som de er skrevet." in page
    # The body's own HTML is the site's: the script and the javascript: link's address are gone.
    assert "Tekst med og et link" in page
    assert "alert(2)" not in page
    with cases.path.open("rb") as pdf:
        assert b"javascript" not in pdf.read()


def test_links_lead_to_the_published_site(cases: Printed) -> None:
    uris = [
        str(annotation.get_object()["/A"]["/URI"])
        for page in cases.reader.pages
        for annotation in page.get("/Annots") or []
        if "/URI" in annotation.get_object().get("/A", {})
    ]
    site = "https://example.org/samskabelseskataloget/"
    assert uris and all(uri.startswith((site, "https://", "mailto:", "tel:")) for uri in uris)
    # The hostile case's text: its wikilink and relative link made absolute, its image left out.
    assert f"{site}cases/hedensted-borgerne-prioriterer/" in uris
    assert f"{site}vejledning/" in uris
    page = next(text for n, text in enumerate(cases.flat) if n > 1 and text.startswith(f"CASE {HOSTILE_TITLE} "))
    assert "En overskrift i teksten Se casen fra Hedensted, og vejledningen." in page


def test_a_long_danish_compound_is_hyphenated(cases: Printed) -> None:
    page = next(text for n, text in enumerate(cases.pages) if n > 1 and COMPOUND in text)
    lines = page.split("\n")
    broken = [(line, after) for line, after in itertools.pairwise(lines) if line.endswith("\u2010")]
    assert broken, page
    for line, after in broken:
        head = line.rsplit(" ", 1)[-1][:-1]
        tail = after.split(" ", 1)[0]
        assert head + tail == COMPOUND, (line, after)
        assert 3 <= len(head) <= len(COMPOUND) - 2  # a syllable break (pyphen's Danish patterns)


# --- usage and errors ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return example_root(tmp_path_factory.mktemp("example"))


def test_unknown_type_is_bad_usage(example: Path) -> None:
    assert run_pdf(str(example), "--type", "nej") == (
        2,
        "",
        f'katalog pdf: fejl: ukendt posttype "nej"; brug en af: {TYPES}\n',
    )


def test_unknown_theme_and_municipality_are_bad_usage(example: Path) -> None:
    code, out, err = run_pdf(str(example), "--theme", "nej")
    assert (code, out) == (2, "")
    assert err.startswith(
        'katalog pdf: fejl: Tema "nej" findes ikke i ordlisten; brug en af: samskabelse, medborgerskab, '
    )
    code, out, err = run_pdf(str(example), "--municipality", "Aarhus")
    assert (code, out) == (2, "")
    assert err.startswith('katalog pdf: fejl: Kommune "Aarhus" findes ikke i ordlisten; brug en af: ')
    assert err.endswith(", …\n")  # the first few hundred characters of the keys


def test_output_must_be_a_pdf(example: Path) -> None:
    assert run_pdf(str(example), "--output", "hæfte.txt") == (
        2,
        "",
        'katalog pdf: fejl: filen, der skrives, skal have et navn, der ender på .pdf, ikke "hæfte.txt"\n',
    )


def test_argparse_errors_are_danish(example: Path) -> None:
    with contextlib.redirect_stderr(io.StringIO()) as err, pytest.raises(SystemExit) as exit_:
        main(["pdf", str(example), "--type"])
    assert exit_.value.code == 2
    assert err.getvalue().endswith("katalog pdf: fejl: argument --type: forventede ét argument\n")


def test_empty_selection_writes_nothing(example: Path, tmp_path: Path) -> None:
    output = tmp_path / "tom.pdf"
    code, out, err = run_pdf(str(example), "--type", "case", "--municipality", "varde", "--output", str(output))
    assert (code, out) == (1, "")
    assert err == (
        "Ingen poster passer til udvalget (Medborgerskabskatalog – Kommune: Varde); der er ikke skrevet nogen PDF.\n"
    )
    assert not output.exists()


def test_catalogue_with_errors_is_refused(make_site: Callable[..., Site]) -> None:
    site = make_site({"catalogue/cases/b.md": entry("case", replace={"year:": "year: nej"})})
    expected = problem_lines(site)
    assert expected and all(": error: " in line for line in expected)
    code, out, err = run_pdf(str(site.root), "--output", str(site.root / "x.pdf"))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        *expected,
        "1 fejl og 0 advarsler i 2 filer.",
        "Der er ikke skrevet nogen PDF; ret fejlene ovenfor først.",
    ]
    assert not (site.root / "x.pdf").exists()


def test_contacts_follow_the_sites_privacy_rule(make_site: Callable[..., Site]) -> None:
    unit = entry("unit", replace={"  - name:": '  - name: "Test Testesen"\n    role: "Leder af enheden"'})
    site = make_site({"catalogue/units/u.md": unit})
    settings = site / "site_config/site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("contacts: full", "contacts: role_only"))
    output = site.root / "enheder.pdf"
    assert run_pdf(str(site.root), "--type", "unit", "--output", str(output))[0] == 0
    text = " ".join(flat(page.extract_text()) for page in PdfReader(output).pages)
    assert "Kontakt Rolle Leder af enheden" in text
    assert "Testesen" not in text and "test@example.org" not in text


def test_missing_weasyprint_is_a_clear_message(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    assert run_pdf(str(example), "--type", "case", "--output", str(example / "x.pdf")) == (
        1,
        "",
        "PDF'en laves med WeasyPrint, som ikke er installeret. "
        "Installér den med: pip install -c constraints.txt -e '.[pdf]'\n",
    )


SITECUSTOMIZE = """\
import cffi
_dlopen = cffi.FFI.dlopen
def dlopen(self, name, *args, **kwargs):
    if "pango" in str(name):
        raise OSError(f"cannot load library '{name}': {name}: cannot open shared object file")
    return _dlopen(self, name, *args, **kwargs)
cffi.FFI.dlopen = dlopen
"""


def test_missing_system_libraries_are_a_clear_message(example: Path, tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "katalog.cli", "pdf", str(example), "--output", str(tmp_path / "x.pdf")],
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "WeasyPrint kan ikke indlæse de systembiblioteker, den skal bruge (cannot load library 'libpango-1.0-0': "
        "libpango-1.0-0: cannot open shared object file). På Debian og Ubuntu: "
        "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core\n"
    )


# --- the site's booklets (the plugin's `booklets` option) -------------------------------------------


@pytest.fixture(scope="module")
def renderer(example: Path) -> PageRenderer:
    return PageRenderer(SiteModel(build_catalogue(example)))


def test_site_booklet_is_written_and_linked_from_its_overview(renderer: PageRenderer) -> None:
    plan = plan_booklets(renderer, [{"type": "case", "municipality": "hedensted", "file": "hedensted.pdf"}])
    assert [path for path, _ in plan.files] == ["katalog/hedensted.pdf"]
    pdf = plan.files[0][1]
    # The same booklet made again gives the same bytes (no time or random id in it).
    booklet = make_booklet(renderer, Selection("case", municipality="hedensted"))
    assert print_pdf(booklet.html, renderer.tr).pdf == pdf
    # Linked from the municipality's page, the selection's last term.
    assert plan.links == {"kommuner/hedensted/index.md": [("katalog/hedensted.pdf", booklet.title)]}
    assert booklet.title == "Medborgerskabskatalog – Kommune: Hedensted"
    term_page = next(page for page in Listings(renderer).term_pages() if page.src_uri == "kommuner/hedensted/index.md")
    html = term_page.render()
    assert (
        '<div class="katalog-booklets">\n<p><a class="md-button" href="../../katalog/hedensted.pdf" '
        'type="application/pdf" download>Hent Medborgerskabskatalog – Kommune: Hedensted som PDF</a></p>\n</div>'
    ) in html
    # The type's overview has no booklet of its own here.
    overview = next(p for p in Listings(renderer).overview_pages(lambda: "data.json") if p.src_uri == "cases/index.md")
    assert "katalog-booklets" not in overview.render()


def test_a_type_booklet_is_linked_from_the_types_overview(renderer: PageRenderer) -> None:
    from katalog.render import booklet_selection as module

    assert module.listing_src(renderer, Selection("case")) == "cases/index.md"
    assert module.listing_src(renderer, Selection()) == "katalog/index.md"
    assert module.listing_src(renderer, Selection(theme="lokalsamfund")) == "temaer/lokalsamfund/index.md"
    # A theme's booklet holds what its page lists, articles of content/ too, by type and then by title.
    chosen = module.select(renderer, Selection(theme="lokalsamfund"))
    assert [entry.type for entry in chosen] == ["initiative", "case", "case", "case", "case", "article"]
    assert [entry.title for entry in chosen][1:3] == [
        "Beboerne, der skabte en fælleshave på en græsplæne",
        "Borgere med ved bordet, da puljen til lokale mødesteder skulle fordeles",
    ]


def test_default_file_name_is_the_title(example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_pdf(str(example), "--type", "case", "--municipality", "hedensted")
    assert (code, err) == (0, "")
    assert out == "Skrev medborgerskabskatalog-kommune-hedensted.pdf: 2 poster på 6 sider.\n"
    assert len(PdfReader(tmp_path / "medborgerskabskatalog-kommune-hedensted.pdf").pages) == 6


def test_the_root_is_found_after_options_with_values() -> None:
    assert root_in(["pdf", "--type", "case", "--title", "Hæfte", "/et/katalog"]) == Path("/et/katalog")
    assert root_in(["stale", "--months", "3", "/et/katalog"]) == Path("/et/katalog")
    assert root_in(["pdf", "--output=x.pdf"]) == Path(".")


BAD_SETTINGS = [
    (
        {"type": "case", "fil": "x.pdf"},
        'booklets[0]: ukendt nøgle "fil"; mulige nøgler: type, theme, municipality, title, file',
    ),
    (
        {"type": "case", "file": "../x.pdf"},
        "booklets[0]: file skal være et filnavn med små bogstaver, tal, punktum og bindestreger, "
        'der ender på .pdf, ikke "../x.pdf"',
    ),
    ({"type": 3}, "booklets[0]: type skal være en tekst"),
    ({"type": "sag"}, f'booklets[0]: ukendt posttype "sag"; brug en af: {TYPES}'),
    (
        {"type": "case", "municipality": "varde"},
        "booklets[0]: Ingen poster passer til udvalget (Medborgerskabskatalog – Kommune: Varde); "
        "der er ikke skrevet nogen PDF.",
    ),
    ("case", "booklets[0]: et hæfte skal angives med nøgler (type, theme, municipality, title, file)"),
]


@pytest.mark.parametrize(("setting", "message"), BAD_SETTINGS)
def test_booklet_settings_are_checked(renderer: PageRenderer, setting: Any, message: str) -> None:
    with pytest.raises(BookletError) as error:
        plan_booklets(renderer, [setting])
    assert str(error.value) == message


def test_css_strings_hold_any_text() -> None:
    from katalog.render.booklet_html import css_string

    assert css_string('Side "1" af\\ </style>{}') == '"Side \\22 1\\22  af\\5c  \\3c \\2f style\\3e \\7b \\7d "'
    assert css_string("Sida ø\n") == '"Sida \\f8 \\a "'


def test_mkdocs_build_writes_the_booklets_option_and_links_them(make_site: Callable[..., Site]) -> None:
    """The whole build: mkdocs.yml's `booklets` under the katalog plugin, a PDF in the site, the link."""
    site = make_site(
        {
            "catalogue/cases/en-case.md": entry("case"),
            "catalogue/cases/en-anden-case.md": entry("case", replace={"title": 'title: "En anden case"'}),
        }
    )
    config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = config["plugins"]
    at = next(i for i, p in enumerate(plugins) if p == "katalog" or (isinstance(p, dict) and "katalog" in p))
    options = plugins[at]["katalog"] if isinstance(plugins[at], dict) else {}
    plugins[at] = {"katalog": {**(options or {}), "booklets": [{"type": "case", "file": "cases.pdf"}]}}
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build_ok(site.root)
    pdf = PdfReader(site / "site/katalog/cases.pdf")
    text = flat(" ".join(page.extract_text() for page in pdf.pages))
    assert "En anden case" in text
    overview = next((site / "site").glob("cases/index.html")).read_text(encoding="utf-8")
    assert 'href="../katalog/cases.pdf"' in overview
