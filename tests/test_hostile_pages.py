"""Every page kind, hand-written pages and site settings included: values land as text, and personal
data stays out of every output file however the front-matter is written."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable
from pathlib import Path

from .build_support import build, build_ok
from .conftest import Site, entry
from .test_hostile import _LiveScan, quoted

PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "' onmouseover='alert(1)' x='",
    "</title><script>alert(1)</script>",
    "[klik](https://evil.example) og [x](javascript:alert(1))",
    "<a href='https://evil.example'>klik</a>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "**fed** _kursiv_ `kode` <https://evil.example>",
)
LIVE_LINK = re.compile(r"<a [^>]*href=\"[^\"]*evil\.example", re.IGNORECASE)


def built(site: Site) -> dict[Path, str]:
    out = build_ok(site.root)
    return {
        path: path.read_text(encoding="utf-8")
        for path in out.rglob("*")
        if path.is_file() and path.suffix in (".html", ".json", ".js", ".xml", ".txt")
    }


def assert_nothing_live(files: dict[Path, str]) -> None:
    for path, text in files.items():
        if path.suffix != ".html":
            continue
        scan = _LiveScan()
        scan.feed(text)
        assert scan.found == [], path
        assert LIVE_LINK.search(text) is None, path
        assert "<img src=x" not in text and "<script>alert" not in text, path


def test_hand_written_pages_show_every_front_matter_value_as_text(make_site: Callable[..., Site]) -> None:
    files: dict[str, str] = {}
    for number, payload in enumerate(PAYLOADS):
        front = "\n".join(
            f"{key}: {quoted(payload)}" for key in ("title", "description", "author", "subtitle", "icon", "status")
        )
        files[f"content/side-{number}.md"] = f"---\n{front}\n---\n\nTekst på siden.\n"
        # A page that names the hostile unit by [[id]]: the unit's title is text, never Markdown.
        files[f"content/henviser-{number}.md"] = f"# Henvisning {number}\n\nSe [[enhed-{number}]] her.\n"
        files[f"catalogue/units/enhed-{number}.md"] = entry("unit", replace={"title:": f"title: {quoted(payload)}"})
    site = make_site(files)
    pages = built(site)
    assert_nothing_live(pages)
    for number, payload in enumerate(PAYLOADS):
        page = pages[site.root / "site" / f"side-{number}" / "index.html"]
        shown = html.escape(payload)
        # the title in <title>, the header and the <h1>: as written, not lost and not live
        assert page.count(shown) >= 3, (payload, number)
        referring = pages[site.root / "site" / f"henviser-{number}" / "index.html"]
        link = re.search(r'<a href="[^"]*enhed-\d+/"[^>]*class="katalog-ref"[^>]*>(.*?)</a>', referring)
        assert link is not None, referring
        assert _text_of(link.group(1)) == payload


def _text_of(fragment: str) -> str:
    assert "<" not in fragment, fragment
    return html.unescape(fragment)


def test_site_settings_are_text_in_every_page(make_site: Callable[..., Site]) -> None:
    site = make_site({"catalogue/units/enhed.md": entry("unit")})
    settings = site / "site_config" / "site.yml"
    text = settings.read_text(encoding="utf-8")
    text = re.sub(r"^name: .*$", f"name: {quoted(PAYLOADS[0])}", text, flags=re.M)
    text = re.sub(r"^owner: .*$", f"owner: {quoted(PAYLOADS[1])}", text, flags=re.M)
    text = re.sub(r"^description: .*$", f"description: {quoted(PAYLOADS[3])}", text, flags=re.M)
    settings.write_text(text, encoding="utf-8")
    pages = built(site)
    assert_nothing_live(pages)
    front = pages[site.root / "site" / "index.html"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in front


# --- privacy -----------------------------------------------------------------------------------

NAMES = ("Hemmelig Hansen", "Skjult Sørensen")
EMAILS = ("hemmelig.hansen@example.org", "skjult@example.org")
PHONES = ("+45 12 34 56 78", "87654321")


def contacts_block() -> str:
    return "contacts:\n" + "".join(
        f'  - name: "{name}"\n    role: "Koordinator"\n    email: {email}\n    phone: "{phone}"\n'
        for name, email, phone in zip(NAMES, EMAILS, PHONES, strict=True)
    )


ARTICLE = """---
type: article
title: "En artikel med kontakter"
summary: "En artikel, der kun findes i testene, med personlige oplysninger."
date: 2026-01-02
{contacts}---{after}"""

# Ways an editor's file can be written that must all read the same: line ends, a byte-order mark,
# the closing fence at the very end of the file, `...` as closer, spaces after a fence.
FORMS: dict[str, Callable[[str], str]] = {
    "lf": lambda text: text,
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "cr": lambda text: text.replace("\n", "\r"),
    "bom": lambda text: "\ufeff" + text,
    "dots": lambda text: text.replace("\n---\n\nBrød", "\n...\n\nBrød"),
    "spaces": lambda text: text.replace("\n---\n", "\n---  \n"),
}


def privacy_files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for (form, change), (kind, ending) in itertools.product(
        FORMS.items(), [("initiative", "\n\nBrødtekst.\n"), ("unit", "\n\nBrødtekst.\n"), ("article", "\n\nBrød.\n")]
    ):
        for eof in (False, True):  # the front-matter closes at the very end of the file
            after = "" if eof else ending
            if kind == "article":
                text = ARTICLE.format(contacts=contacts_block(), after=after)
                folder = "content/vidensbank"
            else:
                text = entry(kind, replace={"contacts:": "", "  - name:": "", "    email:": ""}, add=contacts_block())
                text = text if not eof else text.split("\n---\n", 1)[0] + "\n---"
                folder = "catalogue/initiatives" if kind == "initiative" else "catalogue/units"
            if form == "dots" and eof:
                continue
            files[f"{folder}/{kind}-{form}-{'eof' if eof else 'body'}.md"] = change(text).encode("utf-8")
    return files


def test_role_only_keeps_contact_details_out_of_every_output_file(make_site: Callable[..., Site]) -> None:
    site = make_site(privacy_files())
    settings = site / "site_config" / "site.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("contacts: full", "contacts: role_only"), encoding="utf-8"
    )
    pages = built(site)
    entry_pages = [p for p in pages if re.search(r"-(lf|crlf|cr|bom|dots|spaces)-(eof|body)", str(p))]
    assert len(entry_pages) == len(privacy_files())
    secrets = [*NAMES, *EMAILS, *PHONES, "Sørensen", "hemmelig.hansen", "12 34 56 78"]
    for path, text in pages.items():
        for secret in secrets:
            assert secret not in text, (path, secret)
    for path in entry_pages:
        assert "Koordinator" in pages[path], path  # the role is published
        assert "contacts:" not in pages[path] and "summary:" not in pages[path], path  # no raw front-matter
    # every other file the build wrote (images, fonts aside) holds none either
    for path in (site.root / "site").rglob("*"):
        if path.is_file() and path not in pages and path.suffix not in (".woff", ".woff2", ".png", ".ico", ".gz"):
            data = path.read_bytes()
            for secret in secrets:
                assert secret.encode() not in data, (path, secret)


def test_a_page_without_front_matter_keeps_its_first_lines(make_site: Callable[..., Site]) -> None:
    # MkDocs alone would read "Key: value" lines at the top as MultiMarkdown metadata and drop them.
    site = make_site({"content/kontakt.md": "Kontakt: Hanne Holm\nTelefon: 1234\n\nMere tekst.\n"})
    page = built(site)[site.root / "site" / "kontakt" / "index.html"]
    assert "Kontakt: Hanne Holm\nTelefon: 1234" in page


def test_a_page_where_katalog_writes_one_is_an_error_in_check_and_build(
    make_site: Callable[..., Site], run_check: Callable[..., tuple[int, list[str], str]]
) -> None:
    site = make_site(
        {
            "catalogue/units/en-enhed.md": entry("unit"),
            "content/katalog.md": "# Mit katalog\n",
            "content/emner/index.md": "# Emner\n",
            "content/enheder/en-enhed.md": "# En anden enhed\n",
            "content/katalog/katalog.css": "body {}\n",
            "content/andet/index.md": "# Andet\n",  # no clash
            # Katalog's own pages besides entries, terms and overviews
            "content/soeg.md": "# Søg\n",
            "content/tal-og-overblik/index.md": "# Tal\n",
            "content/hvem-ved-noget-om.md": "# Hvem ved noget\n",
        }
    )
    hint = "Omdøb filen, eller flyt den til en anden mappe."
    expected = [
        f"content/emner/index.md:1:1: error: siden ville få adressen emner/, som Katalog bruger til en side, det "
        f"selv laver. {hint}",
        f"content/enheder/en-enhed.md:1:1: error: siden ville få adressen enheder/en-enhed/, som Katalog bruger til "
        f"en side, det selv laver. {hint}",
        f"content/hvem-ved-noget-om.md:1:1: error: siden ville få adressen hvem-ved-noget-om/, som Katalog bruger "
        f"til en side, det selv laver. {hint}",
        f"content/katalog.md:1:1: error: siden ville få adressen katalog/, som Katalog bruger til en side, det selv "
        f"laver. {hint}",
        f"content/katalog/:1:1: error: mappen katalog/ er forbeholdt Katalogs egne filer (typografi, scripts, "
        f"søgedata). {hint}",
        f"content/soeg.md:1:1: error: siden ville få adressen soeg/, som Katalog bruger til en side, det selv laver. "
        f"{hint}",
        f"content/tal-og-overblik/index.md:1:1: error: siden ville få adressen tal-og-overblik/, som Katalog bruger "
        f"til en side, det selv laver. {hint}",
    ]
    code, lines, _ = run_check(site)
    assert (code, lines[:-1]) == (1, expected)
    result = build(site.root)
    assert not result.ok
    reported = [line.split("katalog: ", 1)[1] for line in result.lines if "ERROR   -  katalog: " in line]
    assert reported == [line.replace(": error: ", ": ", 1) for line in expected]
