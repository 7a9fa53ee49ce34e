"""The command line speaks the site's language: help, usage and argparse's own messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from katalog.cli import main as cli_main

from .conftest import REPO, copy_example_config

COMMANDS = ("check", "new", "stale", "init", "export", "links")
ENGLISH = re.compile(r"\b(usage|options|positional arguments|show this help|the catalogue's|folder|default)\b")


def site_in(tmp_path: Path, language: str) -> Path:
    copy_example_config(tmp_path / "site_config")
    settings = tmp_path / "site_config" / "site.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("language: da", f"language: {language}"), encoding="utf-8"
    )
    return tmp_path


def output_of(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = cli_main(argv)
    except SystemExit as stop:
        code = int(stop.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("language", ["da", "sv", "nb"])
def test_every_help_text_is_in_the_sites_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.chdir(site_in(tmp_path, language))
    texts = yaml.safe_load((REPO / "site_config" / "i18n" / f"{language}.yml").read_text(encoding="utf-8"))["cli"]
    for argv in [["--help"], *([command, "--help"] for command in COMMANDS)]:
        code, output = output_of(argv, capsys)
        assert code == 0, output
        assert output.startswith(texts["argparse"]["usage"]), output
        assert ENGLISH.search(output) is None, (argv, output)
    code, output = output_of(["chek"], capsys)
    assert code == 2 and texts["argparse"]["choice"].split(":")[0] in output


def test_danish_messages_for_the_mistakes_people_make(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site_in(tmp_path, "da"))
    assert output_of(["stale", ".", "--months", "x"], capsys) == (
        2,
        "brug: katalog stale [-h] [--months MÅNEDER] [ROD]\nkatalog stale: fejl: argument --months: forventede et "
        "helt antal måneder fra 0 til 9999, fandt 'x'\n",
    )
    assert output_of(["new", "case"], capsys) == (
        2,
        "brug: katalog new [-h] [--root ROD] TYPE TITEL\nkatalog new: fejl: disse argumenter mangler: TITEL\n",
    )
    assert output_of(["check", "findes-ikke"], capsys) == (2, "katalog: fejl: findes-ikke er ikke en mappe\n")


def test_help_stays_readable_in_english_when_site_config_is_broken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site_in(tmp_path, "da")
    (root / "site_config" / "i18n" / "da.yml").write_text("cli: [ulukket\n", encoding="utf-8")
    (root / "site_config" / "i18n" / "en.yml").write_bytes(b"\xff\xfe")
    monkeypatch.chdir(root)
    code, output = output_of(["check", "--help"], capsys)
    assert code == 0 and output.startswith("usage: katalog check") and "the catalogue's root folder" in output
