"""The fast paths of `katalog check` say exactly what the slow ones said.

- A catalogue loaded by two processes (the worker's share sent back packed, transfer.py) gives the
  same entries, pages, problems and texts as one process.
- transfer.pack/unpack carry every field of what they carry, and fall back to pickle for data
  marshal cannot write.
- yamlnodes' resolver gives the tags PyYAML's own (pure Python) safe loader gives.
- frontmatter.split finds the same closing line as reading the file line by line.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from katalog.core.catalogue import Catalogue, build_catalogue
from katalog.core.entries import Entry, Page, Reference
from katalog.core.load.loaded import Loaded
from katalog.core.load.transfer import pack, unpack
from katalog.core.parallel import PARALLEL_FROM
from katalog.core.problems import Position, Problem, Severity
from katalog.core.read import frontmatter, yamlnodes, yamlparse, yamlresolver
from katalog.core.read.wikilinks import WikiLink
from katalog.core.report import text_line
from katalog.render.addresses import address_clashes

from .conftest import FOLDERS, INDEX_MD, Site, copy_example_config, entry, mkdocs_yml_for_tests

PROPERTIES = settings(derandomize=True, database=None, deadline=2000, max_examples=300)


def _site_files() -> dict[str, str]:
    """More files than PARALLEL_FROM: valid entries linking to each other, and some with problems."""
    files: dict[str, str] = {"content/om.md": "---\ntitle: Om\nhide: [toc]\n---\n\nSe [[case-0]].\n"}
    kinds = ("case", "initiative", "unit")
    for number in range(PARALLEL_FROM + 30):
        kind = kinds[number % 3]
        body = f"Se [[{kinds[(number + 1) % 3]}-{number + 1}|den næste]].\n"
        if number % 100 == 0:
            body += f"Og [[findes-ikke-{number}]].\n"  # (each costs a search for the closest id)
        add = ""
        if number % 7 == 0:
            add = "tags: [Bæredygtighed, byhave]"
        if number % 11 == 0:
            add = "ukendt: 1"  # a problem in both halves
        if number % 13 == 0:
            add = 'title: "dobbelt"'  # a duplicate key: the slow path of the YAML builder
        files[f"{FOLDERS[kind]}/{kind}-{number}.md"] = entry(kind, add=add, body=body)
    return files


def _summary(catalogue: Catalogue) -> tuple[Any, ...]:
    return (
        catalogue.problems,
        [dataclasses.astuple(entry) for entry in catalogue.entries.values()],
        [dataclasses.astuple(page) for page in catalogue.pages],
        catalogue.texts,
        catalogue.files,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("parallel")
    copy_example_config(root / "site_config")
    Site(root).write({"mkdocs.yml": mkdocs_yml_for_tests(), "content/index.md": INDEX_MD, **_site_files()})
    return root


def test_two_processes_load_what_one_does(site: Path) -> None:
    alone = build_catalogue(site, 1, bodies=False)
    shared = build_catalogue(site, 2, bodies=False)
    assert len(alone.entries) > PARALLEL_FROM
    codes = {problem.code for problem in alone.problems}
    assert {"unknown_key", "duplicate_key", "unknown_id"} <= codes, codes
    assert any(problem.path.endswith("-529.md") for problem in alone.problems)  # the worker's half reports too
    assert _summary(shared) == _summary(alone)
    # Types survive the trip: positions are Positions (named), severities the enum.
    last = shared.entries["unit-527"]
    assert isinstance(last.id_pos, Position) and last.wikilinks[0].pos.line == last.wikilinks[0].pos[0]
    assert all(isinstance(problem.severity, Severity) for problem in shared.problems)


def _full_loaded() -> Loaded:
    """Every field of everything transfer.py carries set to something other than its default."""
    link = WikiLink("b", "B", Position(12, 3))
    return Loaded(
        entries=[
            Entry(
                id="a",
                type="case",
                path="catalogue/cases/a.md",
                data={"title": "Å", "year": 2024, "tags": ["x", "y"], "image": {"src": "a.png", "width": 10}},
                body="Brødtekst",
                body_first_line=12,
                id_pos=Position(2, 5),
                references=[Reference("b", Position(4, 7), "related[0]", "case")],
                positions={"tags[0]": Position(5, 8)},
                wikilinks=[link],
                valid=False,
            )
        ],
        problems=[Problem("p.md", 3, 4, Severity.WARNING, "code", "key", "message", "expected", "found", "hint")],
        texts={"content/om.md": "# Om"},
        pages=[Page("content/om.md", "Om", "tekst", 5, [link], {"hide": ["toc"], "n": 1.5, "none": None})],
        files=7,
    )


# What transfer.py packs, field by field: a new field must be packed there too.
CARRIED = {
    Entry: "id type path data body body_first_line id_pos references positions wikilinks valid",
    Page: "path title body body_first_line wikilinks meta",
    Problem: "path line column severity code key message expected found hint",
    Reference: "target pos key target_type",
    WikiLink: "target text pos",
    Loaded: "entries problems texts pages files",
}


@pytest.mark.parametrize("kind", CARRIED, ids=lambda kind: kind.__name__)
def test_transfer_knows_every_field(kind: type) -> None:
    assert [field.name for field in dataclasses.fields(kind)] == CARRIED[kind].split()


def test_pack_and_unpack_give_back_the_same() -> None:
    loaded = _full_loaded()
    packed = pack(loaded)
    assert packed[:1] == b"m"  # marshal: plain data only
    back = unpack(packed)
    assert back == loaded
    assert type(back.entries[0].id_pos) is Position and back.problems[0].severity is Severity.WARNING
    assert [type(ref) for ref in back.entries[0].references] == [Reference]


def test_data_marshal_cannot_write_travels_by_pickle() -> None:
    loaded = _full_loaded()
    loaded.entries[0].data["when"] = datetime.date(2024, 1, 2)
    packed = pack(loaded)
    assert packed[:1] == b"p"
    assert unpack(packed) == loaded


SCALARS = [
    "", "~", "null", "Null", "NULL", "nul", "yes", "No", "ON", "off", "y", "n", "true", "False", "TRUE", "tRue",
    "0", "08", "007", "0x1F", "0o17", "0b101", "1_000", "-5", "+3", "1:30", "190:20:30", ".5", "1e3", "1.0e+3",
    ".inf", "-.Inf", ".nan", "=", "<<", "2024-01-02", "2024-1-2", "2024-01-02 10:00:00", "2024-01-02t10:00:00Z",
    "aarhus", "Tårnby", "tags", "title", "Oslo", "-x", "-1x", "9 kommuner", "12.5 %",
]  # fmt: skip


def test_resolver_gives_pyyaml_tags() -> None:
    for _ in range(2):  # the second time from what the resolver remembered
        for raw in SCALARS:
            text = f"k: {raw}\n"
            ours = yaml.compose(text, Loader=yamlresolver.Loader)
            theirs = yaml.compose(text, Loader=yaml.SafeLoader)  # pure Python, not LibYAML
            assert ours.value[0][1].tag == theirs.value[0][1].tag, raw


def test_scalar_values_are_safe_loader_values() -> None:
    for raw in SCALARS:
        parsed = yamlparse.parse(f"k: {raw}\n").root
        assert isinstance(parsed, yamlnodes.YMap)
        node = parsed.items["k"][1]
        assert isinstance(node, yamlnodes.YScalar)
        try:
            expected = yaml.safe_load(f"k: {raw}\n")["k"]
        except yaml.YAMLError:
            continue
        if node.tag in (yamlnodes.STR, yamlnodes.TIMESTAMP):
            assert node.value == raw
        elif expected == expected:  # not NaN
            assert (type(node.value), node.value) == (type(expected), expected), raw


def test_resolver_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlresolver, "_RESOLVED_MAX", 5)
    yamlresolver._resolved.clear()
    for number in range(12):
        yamlparse.parse(f"k: {number}\n")
    assert 0 < len(yamlresolver._resolved) <= 5


def _split_by_lines(text: str) -> tuple[str | None, str, int] | None:
    """The closing line found as frontmatter.split once did: line by line."""
    lines = text.split("\n")
    if lines[0].rstrip(" \t") != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip(" \t") == "---" or lines[index].rstrip() == "...":
            return "\n".join(lines[1:index]) + "\n", "\n".join(lines[index + 1 :]), index + 2
    return None, "", 1


LINES = st.sampled_from(
    [
        "---",
        "--- ",
        "---\t",
        "...",
        "... ",
        "...\u2028",
        "...\x0b",
        "---\x0b",
        " ---",
        "a: 1",
        "",
        "----",
        "..",
        "...\x85",
    ]
)


@PROPERTIES
@given(st.lists(LINES, max_size=7), st.booleans())
def test_split_finds_the_closing_line_as_line_by_line(lines: list[str], newline: bool) -> None:
    text = "\n".join(lines) + ("\n" if newline else "")
    split = frontmatter.split(text, required=True)
    expected = _split_by_lines(text)
    if expected is None or not text.strip():
        return  # no front-matter at all: not what this test is about
    yaml_text, body, body_first_line = expected
    assert (split.yaml_text, split.body, split.body_first_line) == (yaml_text, body, body_first_line)
    assert (split.issue is None) == (yaml_text is not None)


def test_check_runs_in_two_processes_from_the_command_line(
    site: Path, run_check: Callable[..., tuple[int, list[str], str]]
) -> None:
    """`katalog check` uses every core; what it prints is what one process finds."""
    code, lines, _ = run_check(site)
    alone = build_catalogue(site, 1, bodies=False)
    address_clashes(alone)
    assert code == 1
    assert lines[:-1] == [text_line(problem, alone.config.tr) for problem in alone.problems]
