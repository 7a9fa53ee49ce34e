"""Editors' and forks' tools: katalog new, stale, init; privacy; the GitHub workflows."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from katalog.cli import _parser, main
from katalog.commands.cli_texts import Words

from .build_support import build_ok
from .conftest import REPO, Site, entry

RunCheck = Callable[..., tuple[int, list[str], str]]


def test_new_writes_every_key_with_danish_comments_and_passes_check_once_filled_in(
    make_site: Callable[..., Site], run_check: RunCheck, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site({"catalogue/units/centret.md": entry("unit", replace={"title:": 'title: "Centret"'})})
    assert main(["new", "initiative", "Fælleshaver i Ærø", "--root", str(site.root)]) == 0
    assert capsys.readouterr().out == (
        "Oprettede catalogue/initiatives/faelleshaver-i-aeroe.md. Udfyld nøglerne, og kør katalog check.\n"
    )
    path = site / "catalogue/initiatives/faelleshaver-i-aeroe.md"
    text = path.read_text(encoding="utf-8")
    assert 'title: "Fælleshaver i Ærø"' in text
    assert "# Resumé (påkrævet; tekst på 20 til 400 tegn): Et til to sætninger" in text
    assert "# Status (påkrævet; et udtryk fra ordlisten Status)" in text
    for key in ("summary:", "municipality:", "themes: []", "status:", "period:", "  start:", "units: []", "links:"):
        assert f"\n{key}" in text, key
    # Unfilled, it fails with errors an editor can act on.
    code, lines, _ = run_check(site)
    assert code == 1 and any("status: nøglen har ingen værdi" in line for line in lines)
    # Filled in, it passes.
    filled = (
        text.replace("\nsummary:\n", '\nsummary: "Beboere og kommune dyrker grøntsager sammen i fælleshaver."\n')
        .replace("\nmunicipality:\n", "\nmunicipality: aeroe\n")
        .replace("\nthemes: []\n", "\nthemes: [lokalsamfund]\n")
        .replace("\nstatus:\n", "\nstatus: running\n")
        .replace("\nunits: []\n", "\nunits: [centret]\n")
    )
    path.write_text(filled, encoding="utf-8")
    code, lines, _ = run_check(site)
    # The blocks `katalog new` wrote and nobody filled in are said, so --strict does not pass them.
    assert (code, lines) == (
        0,
        [
            "catalogue/initiatives/faelleshaver-i-aeroe.md:19:5: warning: contacts[0]: blokken er tom. Forventet: "
            "et objekt med nøglerne name, role, email, phone, unit. Udfyld nøglerne, eller slet blokken.",
            "catalogue/initiatives/faelleshaver-i-aeroe.md:51:5: warning: links[0]: blokken er tom. Forventet: et "
            "objekt med nøglerne title, url. Udfyld nøglerne, eller slet blokken.",
            "catalogue/initiatives/faelleshaver-i-aeroe.md:56:1: warning: brødteksten er stadig skabelonens "
            "tekst. Skriv postens egen beskrivelse i stedet for skabelonens tekst.",
            "0 fejl og 3 advarsler i 3 filer.",
        ],
    )
    assert run_check(site, "--strict")[0] == 1


def test_new_refuses_an_existing_file_and_an_unknown_type(
    make_site: Callable[..., Site], capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site()
    assert main(["new", "case", "Naboer", "--root", str(site.root)]) == 0
    assert main(["new", "case", "Naboer", "--root", str(site.root)]) == 1
    assert "catalogue/cases/naboer.md findes allerede" in capsys.readouterr().err
    assert main(["new", "projekt", "Naboer", "--root", str(site.root)]) == 2
    assert capsys.readouterr().err == 'Ukendt type "projekt". Vælg en af: initiative, case, unit, article.\n'
    assert main(["new", "article", "Om samskabelse", "--root", str(site.root)]) == 0
    assert (site / "content/vidensbank/om-samskabelse.md").is_file()
    settings = site / "site_config/site.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "articles_folder: artikler/2026\n", encoding="utf-8")
    assert main(["new", "article", "Om inddragelse", "--root", str(site.root)]) == 0
    assert (site / "content/artikler/2026/om-inddragelse.md").is_file()  # where Decap CMS writes them too


def test_stale_lists_old_entries_oldest_first(
    make_site: Callable[..., Site], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")  # 2026-11-22
    site = make_site(
        {
            "catalogue/initiatives/gammel.md": entry("initiative", add="reviewed: 2020-01-15"),
            "catalogue/initiatives/aeldre.md": entry("initiative", add="reviewed: 2023-06-01"),
            "catalogue/initiatives/ny.md": entry("initiative", add="reviewed: 2026-01-01"),
            "catalogue/initiatives/uden.md": entry("initiative"),
        }
    )
    assert main(["stale", str(site.root)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "catalogue/initiatives/gammel.md: gennemgået 2020-01-15, for 82 måneder siden: Et lille initiativ",
        "catalogue/initiatives/aeldre.md: gennemgået 2023-06-01, for 41 måneder siden: Et lille initiativ",
        "2 af 4 poster er ikke gennemgået i over 24 måneder; 1 har ingen dato for gennemgang.",
    ]
    assert main(["stale", str(site.root), "--months", "60"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_stale_entries_show_a_notice(make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")
    site = make_site(
        {
            "catalogue/initiatives/gammel.md": entry("initiative", add="reviewed: 2020-01-15"),
            "catalogue/initiatives/ny.md": entry("initiative", add="reviewed: 2026-01-01"),
        }
    )
    build_ok(site.root)
    old = (site / "site/initiativer/gammel/index.html").read_text(encoding="utf-8")
    assert "<p>Posten blev sidst gennemgået 15. januar 2020, for 82 måneder siden." in old
    assert "katalog-stale" not in (site / "site/initiativer/ny/index.html").read_text(encoding="utf-8")


def test_init_keeps_one_linked_example_per_type_and_the_site_still_builds(tmp_path: Path) -> None:
    for name in ("site_config", "catalogue", "content"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    assert main(["init", str(tmp_path)]) == 0  # a dry run removes nothing
    assert len(list((tmp_path / "catalogue").rglob("*.md"))) > 20
    assert main(["init", str(tmp_path), "--yes"]) == 0
    remaining = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md"))
    assert [p.split("/")[1] for p in remaining if p.startswith("catalogue/")] == ["cases", "initiatives", "units"]
    assert len([p for p in remaining if p.startswith("content/vidensbank/")]) == 1
    # The front page's featured entries were among the removed: site.yml no longer names them.
    featured = [
        line
        for line in (tmp_path / "site_config/site.yml").read_text(encoding="utf-8").split("\n")
        if line.startswith("featured:")
    ]
    assert featured == ["featured: []"]
    assert main(["check", str(tmp_path)]) == 0
    build_ok(tmp_path)


def test_role_only_contacts_leave_no_personal_data_in_any_output_file(make_site: Callable[..., Site]) -> None:
    person = {"name": "Testperson Hemmeligsen", "email": "hemmelig@example.org", "phone": "+45 12 34 56 78"}
    contact = (
        f'contacts:\n  - name: "{person["name"]}"\n    role: "Konsulent"\n'
        f'    email: {person["email"]}\n    phone: "{person["phone"]}"\n    unit: centret'
    )
    site = make_site(
        {
            "catalogue/units/centret.md": entry(
                "unit",
                replace={"title:": 'title: "Centret"', "contacts:": "", "  - name:": "", "    email:": ""},
                add=contact.replace("unit: centret", "unit: centret").replace("\n    unit: centret", ""),
            ),
            "catalogue/initiatives/projekt.md": entry(
                "initiative", replace={"contacts:": "", "  - name:": "", "    email:": ""}, add=contact
            ),
        }
    )
    config = site / "site_config/site.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("contacts: full", "contacts: role_only"))
    build_ok(site.root)
    files = [p for p in (site / "site").rglob("*") if p.is_file()]
    leaks = [
        (p.relative_to(site.root).as_posix(), value)
        for p in files
        for value in (*person.values(), "Hemmeligsen", "12 34 56 78", "+4512345678")
        if value.encode() in p.read_bytes()
    ]
    assert leaks == []
    page = (site / "site/initiativer/projekt/index.html").read_text(encoding="utf-8")
    assert "<dt>Rolle</dt><dd>Konsulent</dd>" in page
    assert '<dt>Enhed</dt><dd><a href="../../enheder/centret/">Centret</a></dd>' in page


def test_intranet_default_publishes_contacts(make_site: Callable[..., Site]) -> None:
    site = make_site({"catalogue/initiatives/projekt.md": entry("initiative")})
    build_ok(site.root)
    page = (site / "site/initiativer/projekt/index.html").read_text(encoding="utf-8")
    assert "Test Testesen" in page and 'href="mailto:test@example.org"' in page


# --- GitHub workflows ------------------------------------------------------------------------------

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_are_valid_and_run_commands_that_exist(path: Path) -> None:
    workflow = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # "on" stays a key
    assert {"name", "on", "jobs"} <= set(workflow)
    for job in workflow["jobs"].values():
        assert job["runs-on"] == "ubuntu-latest" or "steps" in job
        for step in job.get("steps", []):
            if "uses" in step:
                action, _, version = step["uses"].partition("@")
                assert action.count("/") == 1 and version.startswith("v"), step["uses"]
            if "run" in step:
                for line in step["run"].splitlines():
                    check_command(shlex.split(line))


def check_command(words: list[str]) -> None:
    tool = words[0]
    if tool == "katalog":
        _parser(Words({})).parse_args(words[1:])  # exits (fails the test) on an unknown command or option
    elif tool == "mkdocs":
        assert words[1:3] == ["build", "--strict"]
    elif tool == "pip":
        assert words[1] == "install" and "constraints.txt" in words
    else:
        raise AssertionError(f"unexpected command {words}")


def test_pull_request_checks_pass_on_the_example_site(tmp_path: Path) -> None:
    for name in ("site_config", "catalogue", "content"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    katalog = [sys.executable, "-m", "katalog.cli"]
    check = subprocess.run([*katalog, "check", "--format", "github", "--strict"], cwd=tmp_path, capture_output=True)
    assert check.returncode == 0 and check.stdout == b""
    build_ok(tmp_path)
    links = subprocess.run([*katalog, "links", "site"], cwd=tmp_path, capture_output=True, text=True)
    assert links.returncode == 0, links.stdout
    assert links.stdout.startswith("No broken links in ")


def test_pull_request_template_has_an_editors_checklist() -> None:
    template = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 6


def test_files_generated_from_site_config_are_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    """Fails when someone changed site_config/ without running `katalog export`."""
    assert main(["export", str(REPO), "--check"]) == 0, capsys.readouterr().out


def test_field_reference_page_lists_every_key(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_ok(REPO, site_dir=out)
    page = (out / "felter-og-ordlister" / "index.html").read_text(encoding="utf-8")
    for key in ("citizen_roles", "expertise", "based_on", "contacts[].email", "learnings"):
        assert f"<code>{key}</code>" in page, key


def test_pruning_turns_links_to_gone_entries_into_text_and_leaves_code_and_tabs_alone(
    make_site: Callable[..., Site],
) -> None:
    from katalog.core.catalogue import build_catalogue
    from katalog.editing.pruning import prune_references

    body = (
        "Se [[væk]] og [[væk|teksten]], [[bliver]].\n\n"
        "Tab\tfør [[ væk ]]\tog efter.\n\n"
        "    kode [[væk]]\n\n"
        "`[[væk]]` i linjen.\n"
    )
    site = make_site(
        {
            "catalogue/cases/kilde.md": entry("case", body=body),
            "catalogue/cases/bliver.md": entry("case"),
        }
    )
    catalogue = build_catalogue(site.root)
    text = (site / "catalogue/cases/kilde.md").read_text(encoding="utf-8")
    pruned = prune_references(catalogue.entries["kilde"], text, {"væk"}, {"væk": "Det gamle projekt"})
    assert pruned == text.replace(
        body,
        "Se Det gamle projekt og teksten, [[bliver]].\n\n"
        "Tab\tfør Det gamle projekt\tog efter.\n\n"
        "    kode [[væk]]\n\n"
        "`[[væk]]` i linjen.\n",
    )
