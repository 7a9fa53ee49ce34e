"""`mkdocs serve`: an edit anywhere the build reads shows in the served site."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import Site, entry


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(root: Path, *options: str) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    log = root / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *options],
            cwd=root,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield f"http://127.0.0.1:{port}/"
        except AssertionError as failure:
            raise AssertionError(f"{failure}\n--- mkdocs serve said:\n{log.read_text(encoding='utf-8')}") from None
        finally:
            # Ctrl-C: MkDocs shuts down the plugins (the file-event watcher removes its stamp folder).
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=20)


def wait_for(url: str, text: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{text!r} did not appear at {url} within {timeout} s")


@pytest.mark.parametrize("options", [(), ("--dirty",)], ids=["full", "dirty"])
def test_serve_shows_edits_in_the_catalogue_and_in_site_config(
    make_site: Callable[..., Site], options: tuple[str, ...]
) -> None:
    site = make_site(
        {
            "catalogue/units/en-enhed.md": entry("unit"),
            "catalogue/initiatives/et-initiativ.md": entry("initiative", add="units: [en-enhed]"),
        }
    )
    unit = site / "catalogue/units/en-enhed.md"
    settings = site / "site_config/site.yml"
    with serving(site.root, *options) as base:
        wait_for(base + "enheder/en-enhed/", "En lille enhed")
        wait_for(base + "initiativer/et-initiativ/", "En lille enhed")
        unit.write_text(unit.read_text(encoding="utf-8").replace("En lille enhed", "En omdøbt enhed"), "utf-8")
        wait_for(base + "enheder/en-enhed/", "En omdøbt enhed")
        # The page that links to it shows the new title too (with --dirty: in the catch-up build
        # that the server runs by itself after the edited page was rebuilt first).
        wait_for(base + "initiativer/et-initiativ/", "En omdøbt enhed")
        log = (site.root / "serve.log").read_text(encoding="utf-8")
        assert ("page(s) first; the rest follows" in log) == bool(options), log
        text = settings.read_text(encoding="utf-8")
        settings.write_text(text.replace('name: "Samskabelseskataloget"', 'name: "Forhåndsvisningen"'), "utf-8")
        wait_for(base, "Forhåndsvisningen")


@pytest.mark.parametrize("options", [(), ("--dirty",)], ids=["full", "dirty"])
def test_serve_shows_problems_on_every_page_and_recovers_by_itself(
    make_site: Callable[..., Site], options: tuple[str, ...]
) -> None:
    site = make_site({"catalogue/units/en-enhed.md": entry("unit")})
    unit = site / "catalogue/units/en-enhed.md"
    good = unit.read_text(encoding="utf-8")
    unit.write_text(good.replace("kind: department", "kind: afdelingen"), "utf-8")  # broken from the start
    settings = site / "site_config/site.yml"
    with serving(site.root, *options) as base:
        for url in (base, base + "enheder/en-enhed/", base + "katalog/"):
            page = wait_for(url, 'id="katalog-problems"')
            assert 'role="alert"' in page
            assert "Kataloget har 1 fejl og 0 advarsler" in page
            problem = "catalogue/units/en-enhed.md:5:7</code> <strong>fejl:</strong> kind: ukendt slags enhed: "
            assert problem + "&quot;afdelingen&quot;" in page
        unit.write_text(good, "utf-8")
        page = wait_for(base + "enheder/en-enhed/", "En lille enhed")
        deadline = time.monotonic() + 60
        while 'id="katalog-problems"' in page and time.monotonic() < deadline:
            time.sleep(0.3)
            page = wait_for(base + "enheder/en-enhed/", "En lille enhed")
        assert 'id="katalog-problems"' not in page
        # A broken site_config/ keeps the server up too, and shows where.
        text = settings.read_text(encoding="utf-8")
        settings.write_text(text.replace("page_size: 50", "page_size: mange"), "utf-8")
        page = wait_for(base, 'id="katalog-problems"')
        assert "site_config/site.yml:" in page and "page_size" in page
        settings.write_text(text, "utf-8")
        wait_for(base + "enheder/en-enhed/", "En lille enhed")
