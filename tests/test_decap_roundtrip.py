"""Decap CMS round-trips: the real decap-cms and decap-server (npm, pinned) on a copy of the example site.

The npm packages go to a cache outside the repository (~/.cache/katalog-npm, or $KATALOG_NPM_CACHE);
the first run downloads them (decap-cms and js-yaml as their package files, decap-server with its
dependencies). Without node, npm or Chromium the tests are skipped with the reason, except in CI.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import tarfile
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from katalog.core.config.siteconfig import load_site_config
from katalog.editing.scaffold import new_entry
from katalog.exports.decap import decap_config
from katalog.exports.decap_admin_data import decap_script_data
from katalog.exports.decap_admin_page import (
    DECAP_INTEGRITY,
    DECAP_SCRIPT,
    DECAP_SERVER_VERSION,
    DECAP_VERSION,
    JS_YAML_INTEGRITY,
    JS_YAML_SCRIPT,
    JS_YAML_VERSION,
    admin_script,
    decap_index_html,
)
from katalog.exports.write import render_all

from .browser_support import CHROMIUM, CHROMIUM_ARGS, require_chromium, serve
from .build_support import build_ok
from .conftest import entry
from .npm_support import CACHE, npm, require

ROOT = Path(__file__).resolve().parents[1]


class Packages(NamedTuple):
    decap_cms: Path  # dist/decap-cms.js
    js_yaml: Path  # dist/js-yaml.min.js
    js_yaml_module: Path  # the package folder, for node
    decap_server: Path  # dist/index.js


def _unpacked(name: str, version: str) -> Path:
    """The package's files from its npm tarball (no dependencies: these are built bundles)."""
    folder = CACHE / f"{name}-{version}"
    if (folder / "package" / "package.json").is_file():
        return folder / "package"
    work = CACHE / f".{name}-{version}.{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    npm("pack", f"{name}@{version}", "--pack-destination", str(work), cwd=work)
    (tarball,) = work.glob("*.tgz")
    with tarfile.open(tarball) as archive:
        archive.extractall(work, filter="data")
    tarball.unlink()
    shutil.rmtree(folder, ignore_errors=True)
    work.rename(folder)
    return folder / "package"


def _server() -> Path:
    folder = CACHE / f"decap-server-{DECAP_SERVER_VERSION}"
    entry = folder / "node_modules" / "decap-server" / "dist" / "index.js"
    if entry.is_file():
        return entry
    work = CACHE / f".decap-server-{DECAP_SERVER_VERSION}.{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / "package.json").write_text('{"private": true}\n', encoding="utf-8")
    npm("install", f"decap-server@{DECAP_SERVER_VERSION}", cwd=work)
    shutil.rmtree(folder, ignore_errors=True)
    work.rename(folder)
    return entry


@pytest.fixture(scope="module")
def packages() -> Packages:
    require("node")
    require("npm")
    CACHE.mkdir(parents=True, exist_ok=True)
    cms = _unpacked("decap-cms", DECAP_VERSION)
    yaml_package = _unpacked("js-yaml", JS_YAML_VERSION)
    return Packages(cms / "dist" / "decap-cms.js", yaml_package / "dist" / "js-yaml.min.js", yaml_package, _server())


def sri(path: Path) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode("ascii")


# --- the pinned files --------------------------------------------------------------------------------


def test_admin_page_loads_pinned_files_with_their_hashes(packages: Packages) -> None:
    config = load_site_config(ROOT)
    html = decap_index_html(config)
    assert sri(packages.decap_cms) == DECAP_INTEGRITY
    assert sri(packages.js_yaml) == JS_YAML_INTEGRITY
    assert f'<script src="{DECAP_SCRIPT}" integrity="{DECAP_INTEGRITY}" crossorigin="anonymous">' in html
    assert f'<script src="{JS_YAML_SCRIPT}" integrity="{JS_YAML_INTEGRITY}" crossorigin="anonymous">' in html
    # Every script from elsewhere names an exact version and carries its hash; nothing floats.
    sources = re.findall(r"<script src=\"([^\"]+)\"([^>]*)>", html)
    assert [source for source, _ in sources] == [DECAP_SCRIPT, JS_YAML_SCRIPT]
    assert all(re.search(r"@\d+\.\d+\.\d+/", source) and "integrity=" in rest for source, rest in sources)
    assert f"/decap-cms@{DECAP_VERSION}/" in DECAP_SCRIPT and DECAP_VERSION.startswith("3.")
    # The repository's admin page is the one `katalog export` writes now.
    assert (ROOT / "content" / "admin" / "index.html").read_text(encoding="utf-8") == render_all(config)[
        "content/admin/index.html"
    ]


# --- the admin script without a browser (node) ---------------------------------------------------------


def node_eval(packages: Packages, program: str, payload: Any) -> Any:
    """Run `program` in node with `k` (the admin script's functions for the repository's site_config/)
    and `input`; it prints one JSON value with `out(...)`. The script is the one the admin page gets:
    its files joined (admin_script())."""
    data = decap_script_data(load_site_config(ROOT))
    with tempfile.TemporaryDirectory(prefix="katalog-decap-") as folder:
        script = Path(folder) / "decap_admin.js"
        script.write_text(admin_script(), encoding="utf-8")
        prelude = f"""
const yaml = require({json.dumps(str(packages.js_yaml_module))});
const K = require({json.dumps(str(script))});
const k = K.create(JSON.parse(process.env.KATALOG_DATA), yaml);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = value => process.stdout.write(JSON.stringify(value));
"""
        result = subprocess.run(
            [require("node"), "-e", prelude + program],
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            env={**os.environ, "KATALOG_DATA": json.dumps(data)},
            check=False,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


EXAMPLE_FOLDERS = {
    "initiative": "catalogue/initiatives",
    "case": "catalogue/cases",
    "unit": "catalogue/units",
    "article": "content/vidensbank",
}


def test_every_example_file_is_written_back_byte_for_byte(packages: Packages) -> None:
    files = {
        f"{folder}/{path.name}": [type_name, path.read_text(encoding="utf-8")]
        for type_name, folder in EXAMPLE_FOLDERS.items()
        for path in sorted((ROOT / folder).glob("*.md"))
    }
    assert len(files) > 20
    program = """
const result = {};
for (const [name, [type, raw]] of Object.entries(input)) {
  result[name] = k.toFile(type, JSON.parse(JSON.stringify(k.fromFile(type, raw))));
}
out(result);
"""
    written = node_eval(packages, program, files)
    assert {name: text for name, text in written.items() if text != files[name][1]} == {}


TITLES = [
    "Børn og unge på Ærø",
    "Åben skole: ÆBLER, øl og Å",
    "Kommune 3.0 – fra servicedisk til fællesskab",
    "Café Über-straße naïve façade",
    "  Mellemrum   og  --  streger  ",
    "Ørsted's »fælles« værdier (2024)",
    "Fjäll och Göteborgs Ödeshög",
    "Ðóra Þórsdóttir",
    "Ȟȯẇ ﬁne ℌ ｆｕｌｌｗｉｄｔｈ",
    "o\u0308resund og a\u030angstrom",
    "Et meget langt initiativ om samskabelse, medborgerskab, frivillighed, foreningsliv og lokalsamfund i hele "
    "kommunen",
    "Ordetersålangtatdetikkekandelesvedenbindestregnogetstedogsåmåskærespåmidtenafordetfordiderikkeerandet",
]


def test_new_files_get_the_id_and_name_katalog_new_gives(packages: Packages) -> None:
    config = load_site_config(ROOT)
    ids = node_eval(packages, "out(input.map(title => k.idFromTitle(title)));", TITLES)
    expected = [Path(new_entry(config, config.schema.types["initiative"], title)[0]).stem for title in TITLES]
    assert ids == expected


# --- the browser: decap-cms and decap-server on a copy of the example site ------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def copy_example_site(target: Path, server_port: int) -> None:
    """The example site in a git repository of its own, set up for decap-server on server_port."""
    for name in ("catalogue", "content", "site_config"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    config_path = target / "content" / "admin" / "config.yml"
    config = config_path.read_text(encoding="utf-8")
    assert "\nlocal_backend: true\n" in config
    config = config.replace(
        "\nlocal_backend: true\n", f"\nlocal_backend:\n  url: http://127.0.0.1:{server_port}/api/v1\n"
    )
    config_path.write_text(config, encoding="utf-8")
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "the example site")


@contextlib.contextmanager
def decap_server(entry: Path, repository: Path, port: int, log: Path) -> Iterator[None]:
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs", "LOG_LEVEL": "error"}
    env["GIT_REPO_DIRECTORY"] = str(repository)
    # Its output goes to a file: node writes to a pipe synchronously, and a full pipe would stall it.
    with log.open("wb") as output:
        process = subprocess.Popen([require("node"), str(entry)], env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/v1",
                    data=b'{"action": "info"}',
                    headers={"Content-Type": "application/json"},
                )
                with urllib.request.urlopen(request, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"decap-server did not start: {log.read_text(errors='replace')}") from None
                time.sleep(0.2)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Admin(NamedTuple):
    page: Any
    url: str
    repository: Path
    outside: list[str]  # requests for anything but the site, the server and the two pinned files
    errors: list[str]  # the page's uncaught errors


@contextlib.contextmanager
def admin(tmp_path: Path, packages: Packages) -> Iterator[Admin]:
    require_chromium()
    port = free_port()
    repository = tmp_path / "site"
    copy_example_site(repository, port)
    from playwright.sync_api import sync_playwright

    pinned = {DECAP_SCRIPT: packages.decap_cms, JS_YAML_SCRIPT: packages.js_yaml}
    outside: list[str] = []

    def route(route: Any) -> None:
        url = route.request.url
        if url in pinned:
            route.fulfill(
                status=200,
                body=pinned[url].read_bytes(),
                headers={"Content-Type": "application/javascript", "Access-Control-Allow-Origin": "*"},
            )
        else:
            outside.append(url)
            route.abort()

    with (
        decap_server(packages.decap_server, repository, port, tmp_path / "decap-server.log"),
        serve(repository / "content") as url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
            # A pattern, not a function: the browser side matches it, so local requests never wait for Python.
            context.route(re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/])"), route)
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            console: list[str] = []
            page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
            page.goto(url + "admin/")
            try:
                yield Admin(page, url + "admin/", repository, outside, errors)
            except BaseException:
                page.screenshot(path=str(tmp_path / "failure.png"), full_page=False)
                (tmp_path / "console.txt").write_text("\n".join(console + errors), encoding="utf-8")
                raise
            assert errors == [], errors
        finally:
            browser.close()


# Steps of an editor's session in Decap's interface (its Danish texts: the site's language is da).


def log_in(page: Any) -> None:
    page.get_by_role("button", name="Log ind").click()
    page.get_by_text("Initiativer").first.wait_for()


def field(page: Any, name: str) -> Any:
    """A field's input: Decap names it after the field (`title-field-3`); faster to find than by label."""
    return page.locator(f'[id^="{name}-field-"]')


def pick(page: Any, name: str, option: str) -> None:
    """Choose an option of a select or relation widget by typing its label, and see it chosen: under
    load the click on an option was lost now and then, and the form then lacked the value ("Kommune
    er påkrævet." at the publish)."""
    control = field(page, name).first
    chosen = control.locator('xpath=ancestor::div[contains(@class, "-container")][1]').locator(
        '[class*="multiValue"], [class*="singleValue"]', has_text=option
    )
    for _ in range(3):
        control.click()
        page.keyboard.type(option)
        page.get_by_role("option", name=option, exact=True).click()
        try:
            chosen.first.wait_for(timeout=2000)
            return
        except Exception:  # Playwright's TimeoutError: not chosen, try again
            page.keyboard.press("Escape")
    raise AssertionError(f"{name}: {option!r} was not chosen; {diagnosis(page)}")


def open_new(page: Any, url: str, collection: str) -> None:
    """The collection's list, then its button for a new entry, as an editor goes (going straight from
    one editor to another by address, Decap keeps the first entry's form)."""
    page.goto(f"{url}#/collections/{collection}")
    page.locator(f'a[href="#/collections/{collection}/new"]').click()
    field(page, "title").wait_for()


def open_entry(page: Any, url: str, collection: str, slug: str) -> None:
    page.goto(f"{url}#/collections/{collection}")
    page.locator(f'a[href="#/collections/{collection}/entries/{slug}"]').click()
    field(page, "title").wait_for()


def publish(page: Any) -> None:
    page.get_by_role("button", name="Publicer", exact=True).click()
    page.get_by_text("Publicer nu").click()


def saved(page: Any, path: str) -> None:
    """Wait until Decap, having saved a new entry, shows it at its address."""
    page.wait_for_url(re.compile(f"/entries/{re.escape(Path(path).stem)}$"))
    page.get_by_text("Ændringer gemt").wait_for()


def wait_for_file(page: Any, path: Path, before: str | None = None, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            if text != before:
                return text
        page.wait_for_timeout(100)  # not time.sleep: Playwright answers the page only while it is called
    missing = f"{path} was not written" if before is None else f"{path} did not change"
    raise AssertionError(f"{missing}; {diagnosis(page)}")


def refused(page: Any, text: str) -> None:
    """Wait for Decap to show why it refused to publish: `text`, in its notice or at a field."""
    try:
        page.get_by_text(text).first.wait_for()
    except Exception as error:  # Playwright's TimeoutError: say what the page showed instead
        raise AssertionError(f"not shown: {text!r}; {diagnosis(page)}") from error


def diagnosis(page: Any) -> str:
    """What the editor shows when a step fails (this test has failed once in a while under load, at a
    publish right after a change; what Decap said then is the clue)."""
    notices = page.locator('[role="alert"]:visible, [class*="toast" i]:visible').all_inner_texts()
    return f"page {page.url}; notices {notices}; errors at fields {shown_errors(page)}"


def shown_errors(page: Any) -> list[str]:
    """The problems Decap's form shows at its fields, as their text reads."""
    return list(
        page.evaluate(
            """() => Array.from(document.querySelectorAll('ul li'))
                .filter(li => getComputedStyle(li).textTransform === 'uppercase' || /fejl|error/i.test(li.className))
                .map(li => li.textContent)"""
        )
    )


def to_the_end(editor: Any) -> None:
    """Put the rich-text editor's caret after its last character (after a link at the end, too)."""
    editor.evaluate(
        """(editor) => {
            editor.focus();
            const leaves = editor.querySelectorAll('[data-slate-string], [data-slate-zero-width]');
            const last = leaves[leaves.length - 1];
            const text = last.firstChild;
            const range = document.createRange();
            range.setStart(text, last.hasAttribute('data-slate-zero-width') ? 0 : text.length);
            range.collapse(true);
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
        }"""
    )
    editor.page.wait_for_timeout(100)  # Slate takes the selection on the next selectionchange


def end_of_paragraph(page: Any, text: str) -> None:
    """Put the rich-text editor's caret at the end of the paragraph that holds text."""
    page.evaluate(
        """(text) => {
            const editor = document.querySelector('[data-slate-editor="true"]');
            const paragraph = Array.from(editor.querySelectorAll('p')).find(p => p.textContent.includes(text));
            const strings = paragraph.querySelectorAll('[data-slate-string]');
            const last = strings[strings.length - 1].firstChild;
            editor.focus();
            const range = document.createRange();
            range.setStart(last, last.length);
            range.collapse(true);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        text,
    )
    page.wait_for_timeout(100)


NEW_ENTRIES = {
    "initiative": (
        "Børn og unge på Ærø",
        """\
---
type: initiative
title: "Børn og unge på Ærø"
summary: "Et initiativ om børn og unge på øen, skrevet i Decap."
municipality: aeroe
themes: [samskabelse]
contacts:
  - name: "Åse Ørum"
    email: aase.oerum@example.org
status: idea
---
""",
    ),
    "case": (
        "Fælles høst i æblehaven",
        """\
---
type: case
title: "Fælles høst i æblehaven"
summary: "Naboerne høstede æblerne sammen og delte dem på skolen."
municipality: aeroe
themes: [samskabelse]
related: [boern-og-unge-paa-aeroe]
year: 2024
citizen_roles: [volunteer]
learnings:
  - "Spørg naboerne først."
---
""",
    ),
    "unit": (
        "Ældrecentret Åbo",
        """\
---
type: unit
title: "Ældrecentret Åbo"
summary: "Et ældrecenter, der åbner dørene for øens foreninger."
municipality: aeroe
contacts:
  - name: "Søren Ærbo"
    phone: "12 34 56 78"
kind: institution
expertise: [ældre, fællesskab]
---
""",
    ),
    "article": (
        "Håndbog for øens frivillige",
        """\
---
type: article
title: "Håndbog for øens frivillige"
summary: "Hvad frivillige på øen skal vide, før de går i gang."
date: 2026-11-02
---

Se [[boern-og-unge-paa-aeroe]] og [[kommune-3-0]]
""",
    ),
}

BODY_EDIT = ("catalogue/initiatives/horsens-vi-loefter-i-flok.md", "I Horsens er tankegangen", " Tilføjet i Decap.")
FIELD_EDIT = "catalogue/units/faxe-digital-udvikling.md"


@pytest.mark.browser
def test_decap_round_trip(tmp_path: Path, packages: Packages, run_check: Any) -> None:
    from playwright.sync_api import expect

    config = load_site_config(ROOT)
    paths = {
        type_name: new_entry(config, config.schema.types[type_name], title)[0]
        for type_name, (title, _) in NEW_ENTRIES.items()
    }
    with admin(tmp_path, packages) as session:
        page, repository, url = session.page, session.repository, session.url
        log_in(page)

        # An initiative with only what Decap marks required is refused with the schema's rule ...
        open_new(page, url, "initiative")
        field(page, "title").fill(NEW_ENTRIES["initiative"][0])
        # The id the file will get is shown as the title is typed.
        expect(field(page, "id")).to_contain_text("boern-og-unge-paa-aeroe")
        field(page, "summary").fill("Et initiativ om børn og unge på øen, skrevet i Decap.")
        pick(page, "municipality", "Ærø")
        pick(page, "themes", "Samskabelse")
        pick(page, "status", "Idé")
        publish(page)
        refused(page, 'Udfyld mindst én af "Enheder" og "Kontakter".')
        # ... and so is a contact without an e-mail or phone.
        page.get_by_role("button", name="Tilføj kontakter").click()
        field(page, "name").fill("Åse Ørum")
        publish(page)
        refused(page, 'Kontakter nr. 1: Udfyld mindst én af "E-mail" og "Telefon".')
        assert not (repository / paths["initiative"]).exists()
        field(page, "email").fill("aase.oerum@example.org")
        publish(page)
        wait_for_file(page, repository / paths["initiative"])
        saved(page, paths["initiative"])

        # A case: a year, roles and one learning.
        open_new(page, url, "case")
        field(page, "title").fill(NEW_ENTRIES["case"][0])
        field(page, "summary").fill("Naboerne høstede æblerne sammen og delte dem på skolen.")
        pick(page, "municipality", "Ærø")
        pick(page, "themes", "Samskabelse")
        field(page, "year").fill("2024")
        page.get_by_role("button", name="Tilføj en post").click()  # `related`: entries of any type
        dialog = page.get_by_role("dialog", name="Vælg en post")
        dialog.get_by_label("Søg efter titel eller id").fill("børn og unge på ærø")
        dialog.get_by_role("option", name=re.compile("^Børn og unge på Ærø")).click()
        dialog.get_by_role("button", name="Indsæt").click()
        pick(page, "citizen_roles", "Frivillig")
        page.get_by_role("button", name="Tilføj læringer").click()
        page.locator("textarea[id^=learnings-field]").fill("Spørg naboerne først.")
        publish(page)
        wait_for_file(page, repository / paths["case"])
        saved(page, paths["case"])

        # A unit: its contacts are required, and an empty list is refused.
        open_new(page, url, "unit")
        field(page, "title").fill(NEW_ENTRIES["unit"][0])
        field(page, "summary").fill("Et ældrecenter, der åbner dørene for øens foreninger.")
        pick(page, "municipality", "Ærø")
        pick(page, "kind", "Institution")
        field(page, "expertise").fill("ældre, fællesskab")
        publish(page)
        refused(page, '"Kontakter" skal udfyldes.')
        page.get_by_role("button", name="Tilføj kontakter").click()
        field(page, "name").fill("Søren Ærbo")
        field(page, "phone").first.fill("12 34 56 78")  # the contact's; the unit's own comes later
        publish(page)
        wait_for_file(page, repository / paths["unit"])
        saved(page, paths["unit"])

        # An article whose body links to the new initiative, picked in the link dialog.
        open_new(page, url, "article")
        field(page, "title").fill(NEW_ENTRIES["article"][0])
        field(page, "summary").fill("Hvad frivillige på øen skal vide, før de går i gang.")
        field(page, "date").fill("2026-11-02")
        page.locator('[data-slate-editor="true"]').click()
        page.keyboard.type("Se ")
        page.get_by_role("button", name="Tilføj komponent").click()
        page.get_by_role("menuitem", name="Link til post").click()
        dialog = page.get_by_role("dialog", name="Indsæt et link til en post")
        dialog.get_by_label("Søg efter titel eller id").fill("ærø børn")
        dialog.get_by_role("option", name=re.compile("^Børn og unge på Ærø")).click()
        dialog.get_by_role("button", name="Indsæt").click()
        editor = page.locator('[data-slate-editor="true"]')
        expect(editor).to_contain_text("Børn og unge på Ærø")  # the link, shown by the entry's title
        to_the_end(editor)
        # A link typed to no entry is refused with the words of `katalog check` ...
        page.keyboard.type(" og [[findes-ikke]]")
        expect(editor).to_contain_text("og [[findes-ikke]]")
        publish(page)
        refused(page, 'Brødtekst: der findes ingen post med id "findes-ikke". Tjek stavningen')
        assert not (repository / paths["article"]).exists()
        to_the_end(editor)
        for _ in " og [[findes-ikke]]":
            page.keyboard.press("Backspace")
        # ... one to an entry is written as the link it is, not escaped.
        page.keyboard.type(" og [[kommune-3-0]]")
        expect(editor).to_contain_text("og [[kommune-3-0]]")
        expect(editor).not_to_contain_text("findes-ikke")
        publish(page)
        wait_for_file(page, repository / paths["article"])
        saved(page, paths["article"])

        # A body holding [[id|text]] links, edited in the rich-text editor.
        edited, anchor, added = BODY_EDIT
        before = (repository / edited).read_text(encoding="utf-8")
        open_entry(page, url, "initiative", Path(edited).stem)
        page.locator('[data-slate-editor="true"]').get_by_text(anchor).first.wait_for()
        end_of_paragraph(page, anchor)
        page.keyboard.type(added)
        publish(page)
        wait_for_file(page, repository / edited, before)
        page.get_by_text("Ændringer gemt").wait_for()  # else leaving asks to confirm: unsaved changes

        # A single-valued municipality changed, an optional field emptied.
        before = (repository / FIELD_EDIT).read_text(encoding="utf-8")
        open_entry(page, url, "unit", Path(FIELD_EDIT).stem)
        page.get_by_label("Remove Faxe").click()
        pick(page, "municipality", "Stevns")
        field(page, "website").fill("")
        # (A unit named among its own related entries is refused, as `katalog check` refuses it.)
        page.get_by_role("button", name="Tilføj en post").click()
        dialog = page.get_by_role("dialog", name="Vælg en post")
        dialog.get_by_label("Søg efter titel eller id").fill("digital udvikling faxe")
        dialog.get_by_role("option", name=re.compile("^Digital udvikling, Faxe Kommune")).click()
        dialog.get_by_role("button", name="Indsæt").click()
        # The entry is in the list (the form has its new value) before the publish that refuses it.
        expect(page.get_by_role("button", name="Fjern Digital udvikling, Faxe Kommune")).to_be_visible()
        publish(page)
        refused(page, "Relaterede: posten henviser til sig selv. Slet henvisningen")
        page.get_by_role("button", name="Fjern Digital udvikling, Faxe Kommune").click()
        publish(page)
        wait_for_file(page, repository / FIELD_EDIT, before)
        page.get_by_text("Ændringer gemt").wait_for()

    assert session.outside == [], "the admin page asked for more than the pinned files"
    for type_name, (_, text) in NEW_ENTRIES.items():
        assert (repository / paths[type_name]).read_text(encoding="utf-8") == text, type_name
    code, lines, _ = run_check(repository)
    assert code == 0, lines
    assert sorted(git(repository, "status", "--porcelain").splitlines()) == sorted(
        [f" M {BODY_EDIT[0]}", f" M {FIELD_EDIT}"] + [f"?? {path}" for path in paths.values()]
    )
    diff = git(repository, "diff", "-U0")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    body_line = next(line for line in before_lines(ROOT / BODY_EDIT[0]) if BODY_EDIT[1] in line)
    assert changed == [
        "-" + body_line,
        "+" + body_line + BODY_EDIT[2],
        "-municipality: faxe",
        "+municipality: stevns",
        "-website: https://example.org/faxe/digital-udvikling",
    ], diff
    # Kept beside the test's other files, for a reviewer: `git diff` of the copy, new files included.
    git(repository, "add", "-A")
    (tmp_path / "round-trip.diff").write_text(git(repository, "diff", "--cached"), encoding="utf-8")


def before_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


OLD_BODY = """\
Første afsnit med _kursiv_, __fed__ og `kode` og et [link](https://example.org) og [[kommune-3-0]].

- punkt et
- punkt to med [[kommune-3-0|tekst]]
    - indrykket punkt

1) første
2) anden

> Et citat over
> to linjer.

Afsnit delt
over to linjer med hård ombrydning.

!!! note "Bemærk"
    En admonition fra Material.

| a | b |
|---|:--|
| 1 | 2 |

## Overskrift { #eget-id }

* stjerne
+ plus

Tekst med \\[firkant\\] og a_b_c og æ*ø*å.

Sidste afsnit, der redigeres."""

# What Decap's rich-text editor writes for OLD_BODY after one edit to the last paragraph (its
# serializer re-spells the rest: bullets, emphasis, loose nested lists, padded tables, escapes).
DECAP_BODY = """\
Første afsnit med *kursiv*, **fed** og `kode` og et [link](https://example.org) og [[kommune-3-0]].

* punkt et
* punkt to med [[kommune-3-0|tekst]]

  * indrykket punkt

1. første
2. anden

> Et citat over
> to linjer.

Afsnit delt
over to linjer med hård ombrydning.

!!! note "Bemærk"
    En admonition fra Material.

| a   | b   |
| --- | :-- |
| 1   | 2   |

## Overskrift { #eget-id }

* stjerne
* plus

Tekst med \\[firkant] og a_b_c og æ*ø*å.

Sidste afsnit, der redigeres. Ny tekst."""


def test_body_keeps_the_blocks_the_editor_only_respelled(packages: Packages) -> None:
    cases = {
        "respelled": [OLD_BODY, DECAP_BODY],
        "outdented": [OLD_BODY, DECAP_BODY.replace("\n\n  * indrykket punkt", "\n* indrykket punkt")],
        "reworded": [OLD_BODY, DECAP_BODY.replace("* punkt et", "* punkt ét")],
        "inserted": [OLD_BODY, DECAP_BODY.replace("## Overskrift", "Et nyt afsnit.\n\n## Overskrift")],
        "deleted": [OLD_BODY, DECAP_BODY.replace("> Et citat over\n> to linjer.\n\n", "")],
    }
    merged = node_eval(
        packages,
        "out(Object.fromEntries(Object.entries(input).map(([name, [a, b]]) => [name, k.mergeBody(a, b)])));",
        cases,
    )
    last = "Sidste afsnit, der redigeres."
    assert merged["respelled"] == OLD_BODY.replace(last, last + " Ny tekst.")
    assert "* punkt to med [[kommune-3-0|tekst]]\n* indrykket punkt\n" in merged["outdented"]
    assert "* punkt ét" in merged["reworded"] and "_kursiv_" in merged["reworded"]
    assert merged["inserted"].replace("Et nyt afsnit.\n\n", "") == merged["respelled"]
    assert "> Et citat" not in merged["deleted"] and "| a | b |" in merged["deleted"]


EDITED = """\
---
type: unit
title: 'Enheden'   # a comment stays
summary: >-
  En enhed med et resumé,
  der er foldet over to linjer.
municipality: Horsens
kind: department

# Kontaktpersoner:
contacts:
- name: Test Testesen
  email: test@example.org
expertise: [a, "b"]
website: https://example.org
---

Brødtekst.
"""


def edit(packages: Packages, raw: str, changes: dict[str, Any], type_name: str = "unit") -> str:
    """The file Decap writes after the editor changed these values (None empties a field)."""
    program = """
const data = k.fromFile(input.type, input.raw);
for (const [key, value] of Object.entries(input.changes)) data[key] = value;
out(k.toFile(input.type, JSON.parse(JSON.stringify(data))));
"""
    return str(node_eval(packages, program, {"type": type_name, "raw": raw, "changes": changes}))


def test_an_edit_changes_only_its_own_lines(packages: Packages) -> None:
    # Untouched: every line as it was, a municipality written as its label too.
    assert edit(packages, EDITED, {}) == EDITED
    # One value changed: its line, in the canonical form.
    assert edit(packages, EDITED, {"kind": "institution"}) == EDITED.replace("kind: department", "kind: institution")
    # Emptied optional fields go with their lines, never `key: ""`.
    assert edit(packages, EDITED, {"website": "", "expertise": ["a", "b"]}) == EDITED.replace(
        "website: https://example.org\n", ""
    )
    # A list of one in a field that takes one value or a list is the single value; two are a list.
    assert edit(packages, EDITED, {"municipality": ["aarhus"]}) == EDITED.replace("Horsens", "aarhus")
    assert edit(packages, EDITED, {"municipality": ["aarhus", "horsens"]}) == EDITED.replace(
        "Horsens", "[aarhus, horsens]"
    )
    # A new key goes where the schema puts it; a changed list of objects is written in block style.
    assert edit(packages, EDITED, {"phone": "12 34 56 78"}) == EDITED.replace(
        "website:", 'phone: "12 34 56 78"\nwebsite:'
    )
    changed = edit(packages, EDITED, {"contacts": [{"name": "Test Testesen", "phone": "1234 5678", "email": ""}]})
    assert changed == EDITED.replace(
        "- name: Test Testesen\n  email: test@example.org\n", '  - name: "Test Testesen"\n    phone: "1234 5678"\n'
    )
    # Line endings and a byte-order mark stay as they were.
    windows = "\ufeff" + EDITED.replace("\n", "\r\n")
    assert edit(packages, windows, {"kind": "institution"}) == windows.replace("department", "institution")


def test_a_scaffold_filled_in_keeps_its_comments(packages: Packages) -> None:
    config = load_site_config(ROOT)
    _, scaffold = new_entry(config, config.schema.types["case"], "En case fra Ærø")
    written = edit(
        packages, scaffold, {"year": 2025, "summary": "En case om et lille samfund, der hjælper sig selv."}, "case"
    )
    before, after = scaffold.splitlines(), written.splitlines()
    assert len(before) == len(after)
    assert [(old, new) for old, new in zip(before, after, strict=True) if old != new] == [
        ("summary:", 'summary: "En case om et lille samfund, der hjælper sig selv."'),
        ("year:", "year: 2025"),
    ]


def test_a_file_yaml_cannot_read_is_never_written(packages: Packages) -> None:
    program = """
const data = k.fromFile('unit', input);
let refused = '';
try { k.toFile('unit', data); } catch (error) { refused = String(error); }
out({unreadable: data.__katalog_unreadable || '', refused});
"""
    result = node_eval(packages, program, "---\ntitle: [unclosed\n---\n\nBrødtekst.\n")
    assert result["unreadable"]
    assert result["refused"].startswith("Filen kan ikke læses (")


PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_images_decap_inserts_work_under_a_sub_path(make_site: Any) -> None:
    """Decap writes `![...](<public_folder>/name.png)` into a body and the file to media_folder."""
    config = load_site_config(ROOT)
    cms = decap_config(config)
    image = f"{cms['public_folder']}/pixel.png"
    site = make_site(
        {
            f"{cms['media_folder']}/pixel.png": PIXEL,
            "catalogue/initiatives/et-billede.md": entry("initiative", body=f"![Et billede]({image})\n"),
            "content/vidensbank/en-artikel.md": (
                '---\ntype: article\ntitle: "En artikel"\nsummary: "En artikel med et billede i brødteksten."\n'
                f"date: 2026-01-02\n---\n\n![Et billede]({image})\n"
            ),
        }
    )
    mkdocs_yml = site / "mkdocs.yml"
    mkdocs_yml.write_text("site_url: https://example.org/kommune/katalog/\n" + mkdocs_yml.read_text(encoding="utf-8"))
    build_ok(site.root)
    for page in ("initiativer/et-billede/index.html", "vidensbank/en-artikel/index.html"):
        html = (site / "site" / page).read_text(encoding="utf-8")
        assert '<img alt="Et billede" src="../../assets/pixel.png"' in html, page
    assert (site / "site" / "assets" / "pixel.png").read_bytes() == PIXEL


def test_links_to_no_entry_are_found_as_katalog_check_finds_them(packages: Packages) -> None:
    program = r"""
const values = {related: ['a', 'b'], contacts: [{name: 'X', email: 'x@example.org', unit: 'c'}]};
const body = 'Se [[d]] og [[e|tekst]].\n\n```\n[[i-kode]]\n```\n\nOg `[[heller-ikke]]`.';
out({
  references: k.references('initiative', values, body).map(r => [r.id, r.label, r.where]),
  typed: k.typedLinks('Se \\[[kommune-3-0|Kommune 3.0]] og [[a]].'),
});
"""
    result = node_eval(packages, program, None)
    assert result["references"] == [
        ["a", "Relaterede", ""],
        ["b", "Relaterede", ""],
        ["c", "Enhed", "Kontakter nr. 1"],
        ["d", "Brødtekst", ""],
        ["e", "Brødtekst", ""],
    ]
    assert result["typed"] == [
        "Se ",
        {"id": "kommune-3-0", "text": "Kommune 3.0"},
        " og ",
        {"id": "a", "text": ""},
        ".",
    ]


@pytest.mark.browser
def test_the_preview_shows_each_field_as_the_page_does(tmp_path: Path, packages: Packages) -> None:
    """By the schema's display: quotes as quotations, interviews as lines with dates in Danish,
    learnings as a section, related entries once at the end, facts in the page's order."""
    with admin(tmp_path, packages) as session:
        page = session.page
        log_in(page)
        open_entry(page, session.url, "case", "hedensted-borgerne-prioriterer")
        preview = page.frame_locator("iframe").first
        article = preview.locator("article.katalog-preview")
        article.locator("figure.katalog-quote").first.wait_for()
        quotes = article.locator(".katalog-section-quotes figure.katalog-quote")
        assert quotes.count() == 2
        assert quotes.first.locator("blockquote p").inner_text().startswith("Det var første gang")
        assert quotes.first.locator("figcaption").inner_text() == "Medlem af borgerpanelet"
        lines = article.locator(".katalog-section-lines li").all_inner_texts()
        assert lines[0] == "Medlem af borgerpanelet, Borger, september 2021"
        assert article.locator(".katalog-section-highlight li").count() == 3
        # The same headings and facts, in the same order, as the built page of this case.
        assert article.locator("h2").all_inner_texts() == [
            "Udgangspunktet", "Hvad der skete", "Hvad der kom ud af det", "Sammenhængen",
            "Læringer", "Citater", "Interviews", "Relaterede poster",
        ]  # fmt: skip
        assert article.locator(".katalog-facts dt").all_inner_texts() == [
            "År", "Forvaltning", "Borgerroller", "Deltagelse", "Kommune", "Temaer", "Emneord", "Senest gennemgået",
        ]  # fmt: skip
        assert article.locator(".katalog-facts dd").last.inner_text() == "1. oktober 2026"
        page.screenshot(path=str(tmp_path / "preview-case.png"))
        # A visitkort: the contact card first, above the text.
        open_entry(page, session.url, "unit", "faxe-digital-udvikling")
        card = preview.locator("article.katalog-preview .katalog-contact")
        card.locator("dl.katalog-person").first.wait_for()
        assert preview.locator("article.katalog-preview h2").first.inner_text() == "Kontakt"
        assert "Enhed" not in card.locator("dl.katalog-person dt").all_inner_texts()  # its own unit: no link
        page.screenshot(path=str(tmp_path / "preview-unit.png"))
