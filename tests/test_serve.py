"""`mkdocs serve`: an edit anywhere the build reads shows in the served site."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .conftest import Site, entry


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(root: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    log = root / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
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
            process.terminate()
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


def test_serve_shows_edits_in_the_catalogue_and_in_site_config(make_site: Callable[..., Site]) -> None:
    site = make_site({"catalogue/units/en-enhed.md": entry("unit")})
    unit = site / "catalogue/units/en-enhed.md"
    settings = site / "site_config/site.yml"
    with serving(site.root) as base:
        wait_for(base + "enheder/en-enhed/", "En lille enhed")
        unit.write_text(unit.read_text(encoding="utf-8").replace("En lille enhed", "En omdøbt enhed"), "utf-8")
        wait_for(base + "enheder/en-enhed/", "En omdøbt enhed")
        text = settings.read_text(encoding="utf-8")
        settings.write_text(text.replace('name: "Samskabelseskataloget"', 'name: "Forhåndsvisningen"'), "utf-8")
        wait_for(base, "Forhåndsvisningen")
