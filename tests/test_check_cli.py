"""`katalog check ROOT`: output lines, summary, exit codes, formats."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from katalog.cli import main

from .conftest import CASE, INITIATIVE, UNIT, Site, entry

INI = "catalogue/initiatives/a.md"
CAS = "catalogue/cases/b.md"
UNI = "catalogue/units/u.md"

MakeSite = Callable[..., Site]
RunCheck = Callable[..., tuple[int, list[str], str]]

ARHUS = (
    f'{INI}:4:15: error: municipality: ukendt kommune: "Arhus". '
    'Forventet: et udtryk fra ordlisten Kommuner. Fundet: "Arhus". Mente du "Aarhus" (aarhus)?'
)
NO_PARENT = (
    f'{UNI}:10:9: error: parent: der findes ingen post med id "nej". '
    'Forventet: id på en eksisterende post. Fundet: "nej". Tjek stavningen, eller opret posten først.'
)
EMPTY = f"{CAS}:1:1: error: filen er tom. Begynd filen med en linje ---, skriv nøglerne, og afslut med en linje ---."
SYNONYM = (
    f'{INI}:4:15: warning: municipality: "Århus" er et synonym for "Aarhus". '
    'Forventet: aarhus. Fundet: "Århus". Skriv "aarhus" i stedet.'
)


def broken_site(make_site: MakeSite) -> Site:
    """Three broken files, written in an order that is not the reporting order."""
    return make_site(
        {
            UNI: entry("unit", add="parent: nej"),
            INI: entry("initiative", replace={"municipality:": "municipality: Arhus"}),
            CAS: "",
        }
    )


def test_clean_catalogue_exits_0(make_site: MakeSite, run_check: RunCheck) -> None:
    site = make_site({INI: INITIATIVE, CAS: CASE, UNI: UNIT})
    assert run_check(site) == (0, ["Ingen problemer i 4 filer."], "")


def test_errors_in_all_files_are_reported_sorted_and_exit_1(make_site: MakeSite, run_check: RunCheck) -> None:
    code, out, err = run_check(broken_site(make_site))
    assert code == 1
    assert out == [EMPTY, ARHUS, NO_PARENT, "3 fejl og 0 advarsler i 4 filer."]
    assert err == ""


@pytest.mark.parametrize(("options", "exit_code"), [((), 0), (("--strict",), 1)])
def test_synonym_is_a_warning_that_fails_only_with_strict(
    make_site: MakeSite, run_check: RunCheck, options: tuple[str, ...], exit_code: int
) -> None:
    site = make_site({INI: entry("initiative", replace={"municipality:": "municipality: Århus"})})
    assert run_check(site, *options) == (exit_code, [SYNONYM, "0 fejl og 1 advarsel i 2 filer."], "")


def test_errors_and_warnings_are_counted_apart(make_site: MakeSite, run_check: RunCheck) -> None:
    site = make_site(
        {
            INI: entry("initiative", replace={"municipality:": "municipality: Århus"}),
            UNI: entry("unit", add="parent: nej"),
        }
    )
    assert run_check(site) == (1, [SYNONYM, NO_PARENT, "1 fejl og 1 advarsel i 3 filer."], "")


@pytest.mark.parametrize("how", ["absolute", "relative", "dot"])
def test_paths_are_relative_to_root(
    make_site: MakeSite, run_check: RunCheck, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    site = make_site({INI: entry("initiative", replace={"municipality:": "municipality: Arhus"})})
    if how == "absolute":
        monkeypatch.chdir("/")
        root = str(site.root)
    elif how == "relative":
        monkeypatch.chdir(site.root.parent)
        root = site.root.name
    else:
        monkeypatch.chdir(site.root)
        root = "."
    assert run_check(root) == (1, [ARHUS, "1 fejl og 0 advarsler i 2 filer."], "")


def test_github_format(make_site: MakeSite, run_check: RunCheck) -> None:
    site = broken_site(make_site)
    site.write({INI: entry("initiative", replace={"municipality:": "municipality: Arhus"}, body="Se [[nej]].\n")})
    code, out, err = run_check(site, "--format", "github")
    assert code == 1
    assert out == [
        f"::error file={CAS},line=1,col=1,title=Katalog::filen er tom. "
        "Begynd filen med en linje ---, skriv nøglerne, og afslut med en linje ---.",
        f"::error file={INI},line=4,col=15,title=Katalog%3A municipality::"
        'municipality: ukendt kommune: "Arhus". Forventet: et udtryk fra ordlisten Kommuner. Fundet: "Arhus". '
        'Mente du "Aarhus" (aarhus)?',
        f"::error file={INI},line=12,col=4,title=Katalog%3A [[nej]]::"
        '[[nej]]: der findes ingen post med id "nej". Forventet: id på en eksisterende post. Fundet: "nej". '
        "Tjek stavningen, eller opret posten først.",
        f"::error file={UNI},line=10,col=9,title=Katalog%3A parent::"
        'parent: der findes ingen post med id "nej". Forventet: id på en eksisterende post. Fundet: "nej". '
        "Tjek stavningen, eller opret posten først.",
    ]
    assert err == "4 fejl og 0 advarsler i 4 filer.\n"  # the summary goes to stderr


def test_github_format_warning(make_site: MakeSite, run_check: RunCheck) -> None:
    site = make_site({INI: entry("initiative", replace={"municipality:": "municipality: Århus"})})
    assert run_check(site, "--format", "github", "--strict") == (
        1,
        [
            f"::warning file={INI},line=4,col=15,title=Katalog%3A municipality::"
            'municipality: "Århus" er et synonym for "Aarhus". Forventet: aarhus. Fundet: "Århus". '
            'Skriv "aarhus" i stedet.'
        ],
        "0 fejl og 1 advarsel i 2 filer.\n",
    )


# --- bad usage: exit 2 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "--bogus"], "ukendte argumenter: --bogus"),
        (["check", "--format", "xml"], "argument --format: ugyldigt valg"),
        ([], "disse argumenter mangler: KOMMANDO"),
        (["lint"], "argument KOMMANDO: ugyldigt valg"),
    ],
)
def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err


def test_missing_folder_exits_2(tmp_path: Path, run_check: RunCheck) -> None:
    missing = tmp_path / "findes-ikke"
    assert run_check(missing) == (2, [], f"katalog: fejl: {missing} er ikke en mappe\n")


def test_file_instead_of_folder_exits_2(make_site: MakeSite, run_check: RunCheck) -> None:
    site = make_site({INI: INITIATIVE})
    assert run_check(site / INI) == (2, [], f"katalog: fejl: {site / INI} er ikke en mappe\n")


# --- as a real process --------------------------------------------------------------------------------


def check_process(root: Path) -> subprocess.CompletedProcess[str]:
    """`katalog check root` run as its own process, as CI runs it."""
    return subprocess.run(
        [sys.executable, "-m", "katalog.cli", "check", str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_runs_as_a_process(make_site: MakeSite) -> None:
    site = broken_site(make_site)
    result = check_process(site.root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [EMPTY, ARHUS, NO_PARENT, "3 fejl og 0 advarsler i 4 filer."]
    assert result.stderr == ""


def test_console_script_exits_0_on_a_clean_catalogue(make_site: MakeSite) -> None:
    script = Path(sys.executable).parent / "katalog"
    if not script.exists():
        pytest.skip(f"no console script at {script}")
    site = make_site({INI: INITIATIVE})
    result = subprocess.run(
        [str(script), "check"], cwd=site.root, capture_output=True, text=True, encoding="utf-8", timeout=60, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "Ingen problemer i 2 filer.\n", "")


def test_duplicate_key_does_not_crash_the_cli(make_site: MakeSite) -> None:
    site = make_site({INI: entry("initiative", add="status: ended")})
    result = check_process(site.root)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f'{INI}:10:1: error: status: nøglen "status" står to gange (første gang i linje 5). '
        "Slet den ene eller slå dem sammen; ellers ville den første værdi gå tabt uden varsel.",
        "1 fejl og 0 advarsler i 2 filer.",
    ]


def test_parallel_loading_gives_the_same_catalogue_as_serial(make_site: MakeSite) -> None:
    from katalog.core.catalogue import build_catalogue

    files = {f"catalogue/initiatives/nr-{n:03d}.md": entry("initiative") for n in range(520)}
    files["catalogue/initiatives/nr-007.md"] = entry("initiative", replace={"status:": "status: kører nu"})
    files["catalogue/initiatives/nr-399.md"] = "---\ntitle: [\n---\n"
    files["catalogue/initiatives/nr-450.md"] = entry("initiative", body="Se [[findes-ikke]].\n\n<script>x</script>\n")
    site = make_site(files)
    serial = build_catalogue(site.root, workers=1)
    parallel = build_catalogue(site.root, workers=2)
    # As `katalog check` runs it: bodies are checked in the workers and not sent back.
    checking = build_catalogue(site.root, workers=2, bodies=False)

    def lines(catalogue: object) -> list[tuple[str, int, int, str]]:
        return [(p.path, p.line, p.column, p.message) for p in catalogue.problems]  # type: ignore[attr-defined]

    assert lines(parallel) == lines(serial) == lines(checking) and len(serial.problems) == 4
    assert {p.code for p in checking.problems} == {"unknown_term", "yaml_syntax", "unknown_id", "html_tag"}
    assert list(parallel.entries) == list(serial.entries) and len(serial.entries) == 519
    assert parallel.files == serial.files == 521
