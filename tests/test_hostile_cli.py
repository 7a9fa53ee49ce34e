"""Every command, any arguments: an exit code of 0, 1 or 2 and a message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from katalog.cli import main as cli_main

from .conftest import VALID, copy_example_config

COMMANDS = ("check", "new", "stale", "init", "export", "links")
OPTIONS = ("--format", "github", "text", "--strict", "--root", "--months", "--yes", "--check", "--help", "-h", "--")
ODD = st.sampled_from(
    [
        "",
        ".",
        "..",
        "/",
        "-",
        "a" * 5000,
        "ø" * 300,
        "/proc/1",
        "/etc/passwd",
        "/dev/null",
        "-5",
        "99999999999999999999",
        "case",
        "unit",
        "article",
        "Tøjbytte på Åbyhøj",
        "../../etc",
        "\u202e\u200b",
        "x\x1b[2J",
        "%s%n{0}{key}",
    ]
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    copy_example_config(root / "site_config")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# Forside\n", encoding="utf-8")
    for kind, folder in (("initiative", "initiatives"), ("case", "cases"), ("unit", "units")):
        (root / "catalogue" / folder).mkdir(parents=True)
        (root / "catalogue" / folder / f"et-{kind}.md").write_text(VALID[kind], encoding="utf-8")
    return root


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = cli_main(argv)
    except SystemExit as stop:  # argparse: --help (0) or bad usage (2)
        code = stop.code if isinstance(stop.code, int) else 2
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    command=st.sampled_from(COMMANDS),
    words=st.lists(st.one_of(st.sampled_from(OPTIONS), ODD, st.text(max_size=40)), max_size=5),
    in_site=st.booleans(),
)
def test_any_arguments_give_an_exit_code_and_no_traceback(
    site: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    words: list[str],
    in_site: bool,
) -> None:
    monkeypatch.chdir(site if in_site else site / "content")
    words = [w.replace("\x00", "") for w in words]  # a process's arguments cannot hold NUL
    if command == "init":
        words = [w for w in words if w != "--yes"]  # emptying the shared site would starve later examples
    code, output = run([command, *words], capsys)
    assert code in (0, 1, 2), (command, words, code)
    assert "Traceback" not in output
    assert "\x1b" not in output, output  # nothing typed reaches the terminal as a control sequence


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "a" * 5000], f"katalog: fejl: {'a' * 300} er ikke en mappe"),
        (["stale", ".", "--months", "-5"], "forventede et helt antal måneder fra 0 til 9999, fandt '-5'"),
        (["links", "a" * 5000], "holds no built site (no index.html)"),
    ],
)
def test_bad_arguments_are_usage_errors(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str], message: str
) -> None:
    monkeypatch.chdir(site)
    code, output = run(argv, capsys)
    assert code == 2 and message in output, output
