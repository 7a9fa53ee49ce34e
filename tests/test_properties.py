"""Property-based tests: any bytes or text as a file, any YAML value in any key, give either a valid entry
or located problems; never an exception, never a hang.

The site (site_config/ and content/index.md) is made once per module; every example overwrites one file,
catalogue/initiatives/a.md, and runs the whole pipeline (build_catalogue) on it.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from katalog.core.catalogue import Catalogue, build_catalogue
from katalog.core.problems import Position, Problem
from katalog.core.read import frontmatter, yamlnodes, yamlparse
from katalog.core.read.wikilinks import find_wikilinks, links_by_line
from katalog.core.report import text_line
from katalog.render.urls import relative

from .conftest import INDEX_MD, INITIATIVE, copy_example_config

PATH = "catalogue/initiatives/a.md"

# Deterministic in CI, no example database in the repository, and a deadline so a hang is a failure.
PROPERTIES = settings(derandomize=True, database=None, deadline=2000, max_examples=100)

# Characters YAML counts as line breaks but editors (and Katalog's line numbers) do not; they shift
# every position after them (a known bug, see test_yaml_only_line_breaks_keep_line_numbers), so the
# broad properties leave them out and that test covers them.
YAML_ONLY_BREAKS = "\x85\u2028\u2029"

# --- inputs ---------------------------------------------------------------------------------------

SPECIAL = [
    "NO", "yes", "on", "off", "y", "n", "~", "null", "Null", "1.10", "12:30", "0x1F", "0o17", "017", "+1", "-0",
    "1e3", ".inf", "-.inf", ".nan", "2025-02-30", "2024-02-29", "2024-05", "2024", "24", ":", ": a", "a: b", "- a",
    "-", "?", "? a", "[", "]", "{", "}", "[a, b]", "{a: b}", "&a", "*a", "&a b", "!!binary x", "!!str x", "!x y",
    "!!python/object:os.system", "<<", "=", "|", ">", "|-", "'", '"', "''", '""', "'a", '"a', "\t", "\ta", "#",
    "a #b", "a#b", "%YAML 1.1", "@x", "`x`", "---", "...", "", " ", "[[a]]", "[[findes-ikke]]", "\\", "\\n",
    "aarhus", "Århus", "samskabelse", "running", "test@example.org", "https://example.org", "+45 12 34 56 78",
]  # fmt: skip

# Pieces that steer a YAML parser, to make YAML-ish texts with.
YAML_PIECES = [*" \t\n\n\n-:[]{},#&*!|>'\"?%@`~.\\0123456789aeyNO", "---", "...", "  ", "- ", ": ", "\r\n", "\ufeff"]

no_yaml_only_breaks = st.characters(codec="utf-8", exclude_characters=YAML_ONLY_BREAKS)
any_text = st.text(no_yaml_only_breaks)
yaml_piece = st.sampled_from(YAML_PIECES) | no_yaml_only_breaks
yamlish_text = st.lists(yaml_piece, max_size=100).map("".join)
special_or_line = st.sampled_from(SPECIAL) | st.lists(yaml_piece, max_size=15).map("".join)
yamlish_lines = st.lists(special_or_line, max_size=8).map("\n".join)
front_matter_text = st.builds(
    lambda yaml_text, fence, body: f"---\n{yaml_text}\n{fence}\n{body}",
    yamlish_lines | yamlish_text,
    st.sampled_from(["---", "...", "--- ", "---\t"]),
    st.lists(st.sampled_from(["[[", "]]", "a", "b", "\n", "`", "```", " ", "-"]), max_size=20).map("".join),
)


NOT_YAML_PRINTABLE = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def drop_yaml_only_breaks(data: bytes) -> bytes:
    for char in YAML_ONLY_BREAKS:
        data = data.replace(char.encode(), b"")
    return data


any_bytes = st.binary(max_size=300).map(drop_yaml_only_breaks)


# --- a site made once ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    copy_example_config(root / "site_config")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text(INDEX_MD, encoding="utf-8")
    (root / "catalogue" / "initiatives").mkdir(parents=True)
    return root


def build_with(root: Path, data: bytes) -> Catalogue:
    (root / PATH).write_bytes(data)
    return build_catalogue(root)


# --- what "located" means -------------------------------------------------------------------------


def file_lines(data: bytes) -> list[str]:
    """The file's lines as an editor numbers them: LF, CRLF and CR end a line; a leading BOM is no character."""
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        # A bad byte's position counts only LF line ends and counts a BOM as a character (known bugs, see
        # test_not_utf8_with_cr_line_ends_is_located and test_not_utf8_after_bom_is_located): measure the same way.
        return data.decode("utf-8", errors="replace").split("\n")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def assert_located(pos: Position | Problem, lines: list[str], what: object = "") -> None:
    """The position is in the file: line 1 to one past the last line, column at most one past the line's end."""
    assert pos.line >= 1, (pos, what)
    assert pos.column >= 1, (pos, what)
    assert pos.line <= len(lines) + 1, (pos, len(lines), what)
    if pos.line <= len(lines):
        assert pos.column <= len(lines[pos.line - 1]) + 1, (pos, lines[pos.line - 1], what)


def node_positions(node: yamlnodes.YNode | None) -> Iterator[Position]:
    if node is None:
        return
    yield node.pos
    if isinstance(node, yamlnodes.YSeq):
        for item in node.items:
            yield from node_positions(item)
    elif isinstance(node, yamlnodes.YMap):
        for key, value in node.items.values():
            yield key.pos
            yield from node_positions(value)


def check_text_pieces(text: str) -> None:
    """split and parse never raise; every issue and every node they report stands inside the text."""
    lines = text.split("\n")
    for required in (True, False):
        split = frontmatter.split(text, required=required)
        if split.issue is not None:
            assert_located(split.issue[1], lines, split.issue)
            continue
        if split.yaml_text is None:
            assert (split.body, split.body_first_line) == (text, 1)  # no front-matter: all of it is body
            continue
        # Nothing is lost: the YAML lines and the body lines are the file's lines, in place.
        assert split.yaml_text == "\n".join(lines[split.yaml_first_line - 1 : split.body_first_line - 2]) + "\n"
        assert split.body == "\n".join(lines[split.body_first_line - 1 :])
        parsed = yamlparse.parse(split.yaml_text, line_offset=split.yaml_first_line - 1)
        for issue in parsed.issues:
            assert_located(issue.pos, lines, issue)
        for pos in node_positions(parsed.root):
            assert_located(pos, lines, "node")


def check_bytes_pieces(data: bytes) -> None:
    text, bad = frontmatter.decode(data)
    if text is None:
        assert bad is not None
        assert_located(bad[1], file_lines(data), bad)
        return
    assert bad is None
    check_text_pieces(text)


def check_pipeline(catalogue: Catalogue, data: bytes) -> None:
    """Either a valid entry for the file and no errors, or at least one error located in the file."""
    lines = file_lines(data)
    mine = [p for p in catalogue.problems if p.path == PATH]
    assert [p for p in catalogue.problems if p.path != PATH] == []
    for problem in mine:
        assert_located(problem, lines, problem)
        assert problem.message, problem
    if not any(p.is_error for p in mine):
        entry = catalogue.entries.get("a")
        assert entry is not None, ("no errors, but no entry either", data)
        assert entry.path == PATH
        assert entry.valid


# --- 1. decode, split and parse on their own ------------------------------------------------------

FAST = settings(PROPERTIES, max_examples=300)


@FAST
@given(any_bytes)
@example(b"")
@example(b"\xef\xbb\xbf---\r\na: [\r\n---\r\n")
@example(b"---\na: \xc6\xe6\n---\n")
@example(b"---\n\xff")
def test_pieces_on_any_bytes(data: bytes) -> None:
    check_bytes_pieces(data)


@FAST
@given(any_text)
def test_pieces_on_any_text(text: str) -> None:
    check_text_pieces(text)


@settings(PROPERTIES, max_examples=500)
@given(front_matter_text)
@example("---\na: b: c\n---\n")
@example("---\n\ta: b\n---\n")
@example("---\na: [b,\n---\n")
@example('---\na: "b\n---\n')
@example("---\n? [a, b]\n: c\n---\n")
@example("---\na: \x01\n---\n")
@example("---\na: &x b\nc: *x\n---\n")
@example("---\n" + "a:\n" + "".join("  " * i + "- \n" for i in range(60)) + "---\n")
def test_pieces_on_front_matter_texts(text: str) -> None:
    check_text_pieces(text)


# --- 2. the whole pipeline on one file -----------------------------------------------------------

PIPELINE = settings(PROPERTIES, max_examples=100)


@PIPELINE
@given(any_bytes)
@example(INITIATIVE.encode())
@example(INITIATIVE.encode("utf-16"))
@example(INITIATIVE.encode().replace(b"Et lille", b"\xc6t lille"))
@example(b"\x00" * 10)
def test_pipeline_on_any_bytes(site_root: Path, data: bytes) -> None:
    check_pipeline(build_with(site_root, data), data)


@PIPELINE
@given(any_text)
def test_pipeline_on_any_text(site_root: Path, text: str) -> None:
    data = text.encode()
    check_pipeline(build_with(site_root, data), data)


@settings(PROPERTIES, max_examples=150)
@given(front_matter_text)
@example("---\ntype: case\n---\n")
@example("---\ntype: [a]\n---\n")
@example("---\nid: ~\n---\n")
@example("---\n- a\n---\n")
@example("---\n[[a]]\n---\n")
def test_pipeline_on_front_matter_texts(site_root: Path, text: str) -> None:
    data = text.encode()
    check_pipeline(build_with(site_root, data), data)


# --- 3. any YAML value in any key -------------------------------------------------------------------


def _base_chunks() -> dict[str, str]:
    """The valid initiative's front-matter as {key: its lines}, in order."""
    head = INITIATIVE.split("\n---\n", 1)[0].split("\n")[1:]
    chunks: dict[str, list[str]] = {}
    for line in head:
        if line.startswith(" "):
            chunks[next(reversed(chunks))].append(line)
        else:
            chunks[line.split(":", 1)[0]] = [line]
    return {key: "\n".join(lines) for key, lines in chunks.items()}


BASE = _base_chunks()
SCHEMA_KEYS = [
    "title", "summary", "municipality", "themes", "tags", "related", "contacts", "status", "period", "units",
    "links", "reviewed",
]  # fmt: skip
UNKNOWN_KEYS = ["titel", "notes", "Title", "x-y", "æøå"]
TEXT_KEYS = ("title", "summary")  # kind: text, kept exactly as written
LIST_KEYS = ("municipality", "themes", "tags", "related", "contacts", "units", "links")
BODY = "\nBrødtekst.\n"


def with_key(key: str, chunk: str) -> tuple[bytes, int, int]:
    """The valid initiative with `key` replaced (or added) by `chunk`; also the key's line and the closing fence."""
    chunks = {**BASE, key: chunk}
    line = 2
    for name, text in chunks.items():
        if name == key:
            break
        line += text.count("\n") + 1
    front = "\n".join(chunks.values())
    text = f"---\n{front}\n---\n{BODY}"
    return text.encode(), line, front.count("\n") + 3


leaves = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.dates()
    | st.sampled_from(SPECIAL)
    | st.text(max_size=30)
)
keys = st.sampled_from(SPECIAL) | st.text(max_size=10) | st.integers() | st.booleans() | st.none()
yaml_values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)


def check_key(catalogue: Catalogue, data: bytes, key: str, key_line: int, fence_line: int) -> Any:
    """Common checks; returns the entry's data for the key (or None when there are errors)."""
    check_pipeline(catalogue, data)
    mine = [p for p in catalogue.problems if p.path == PATH]
    for problem in mine:  # only the front-matter can be wrong; the body is plain text
        assert 1 <= problem.line <= fence_line, problem
    if key in UNKNOWN_KEYS:
        # Reported as an unknown key, or the YAML around it cannot be read at all; never silently ignored.
        assert any(p.is_error and key_line <= p.line <= fence_line for p in mine), mine
    if any(p.is_error for p in mine):
        return None
    return catalogue.entries["a"].data.get(key)


@settings(PROPERTIES, max_examples=200)
@given(st.sampled_from(SCHEMA_KEYS + UNKNOWN_KEYS), yaml_values)
@example("title", "NO")
@example("title", "  Et initiativ med mellemrum  ")
@example("title", "Ærø: # [ett] {to} &tre *fire !fem")
@example("title", "linje 1\nlinje 2\n")
@example("summary", "x" * 400)
@example("tags", ["a  b", " c"])
@example("reviewed", datetime.date(2024, 2, 29))
@example("period", {"start": "2024-05", "end": "2023"})
@example("contacts", [{"name": "NO", "phone": "12345678"}])
@example("titel", "x")
def test_any_value_in_any_key(site_root: Path, key: str, value: object) -> None:
    chunk = yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=False).rstrip("\n")
    data, key_line, fence_line = with_key(key, chunk)
    got = check_key(build_with(site_root, data), data, key, key_line, fence_line)
    if got is None:
        return
    if key in TEXT_KEYS:
        assert isinstance(value, str | int) and not isinstance(value, bool)
        assert got == str(value)  # never silently altered
    if key in LIST_KEYS and isinstance(value, list):
        assert len(got) == len(value)  # no item silently dropped
    if key == "tags" and isinstance(value, list):
        assert got == [" ".join(str(item).split()) for item in value]
    if key == "reviewed":
        assert isinstance(value, datetime.date | str)
        assert got == (value.isoformat() if isinstance(value, datetime.date) else value)


@settings(PROPERTIES, max_examples=120)
@given(
    st.sampled_from(SCHEMA_KEYS + UNKNOWN_KEYS),
    # One line; no character YAML refuses (its position is a known bug, see test_control_character_...).
    special_or_line.filter(lambda raw: NOT_YAML_PRINTABLE.search(raw.replace("\t", " ")) is None),
)
@example("title", "NO")
@example("title", "Et initiativ # med kommentar")
@example("title", "12345")
@example("title", "0123")
@example("title", "!!binary aGVsbG8gdmVu")
@example("municipality", "Århus")
@example("status", "yes")
def test_any_raw_scalar_in_any_key(site_root: Path, key: str, raw: str) -> None:
    chunk = f"{key}: {raw}"
    data, key_line, fence_line = with_key(key, chunk)
    got = check_key(build_with(site_root, data), data, key, key_line, fence_line)
    if got is None or key not in TEXT_KEYS:
        return
    # Accepted as text: a standard YAML reader reads the same text, or a plain decimal Katalog keeps as written.
    standard = yaml.load(chunk, Loader=yaml.CSafeLoader)[key]
    if isinstance(standard, int) and not isinstance(standard, bool):
        assert got == raw.strip() == str(standard)
    else:
        assert got == standard


# --- 4. no hang, no RecursionError, no crash --------------------------------------------------------


def alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines)


HOSTILE = {
    "alias-bomb": alias_bomb(),
    "alias-bomb-in-title": f"title: &t [{alias_bomb()}]\nsummary: *t",
    "nested-flow-lists": "tags: " + "[" * 10_000 + "]" * 10_000,
    "unclosed-flow-lists": "tags: " + "[" * 10_000,
    "nested-flow-maps": "period: " + "{a: " * 5_000 + "}" * 5_000,
    "nested-block-lists": "tags:\n" + "".join("  " * i + "-\n" for i in range(2_000)),
    "nested-block-maps": "".join(" " * i + "a:\n" for i in range(2_000)),
    "many-keys": "".join(f"k{i}: {i}\n" for i in range(5_000)),
    "long-line": "title: " + "x" * 200_000,
    "many-tabs": "\t\n" * 5_000,
}


def cpu_seconds(root: Path, data: bytes) -> tuple[float, Catalogue]:
    """The least CPU time of three checks of data (the machine is shared: the least is the least disturbed)."""
    times = []
    for _ in range(3):
        started = time.process_time()
        catalogue = build_with(root, data)
        times.append(time.process_time() - started)
    return min(times), catalogue


@pytest.mark.parametrize("yaml_text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_yaml_gives_problems_quickly(site_root: Path, yaml_text: str) -> None:
    """No hostile front-matter takes much longer than a valid file of the same size (a ratio to a
    baseline measured in the same run, as the machine's speed varies)."""
    data = f"---\n{yaml_text}\n---\n{BODY}".encode()
    valid = with_key("title", 'title: "Et gyldigt initiativ"')[0]
    prose = "Brødtekst med almindelige ord.\n"
    baseline = valid + (prose * (1 + (len(data) - len(valid)) // len(prose.encode()))).encode()
    base, _ = cpu_seconds(site_root, baseline)
    elapsed, catalogue = cpu_seconds(site_root, data)
    print(f"{elapsed:.3f} s CPU, {elapsed / base:.1f}x a valid file of {len(baseline)} bytes ({base:.3f} s)")
    # Linear work gives a small ratio; 5,000 unknown keys, each a problem with a closest-key hint, ~25x.
    # A quadratic or exponential path would give thousands.
    assert elapsed / base < 60
    check_pipeline(catalogue, data)
    assert any(p.is_error and p.path == PATH for p in catalogue.problems)


@settings(PROPERTIES, max_examples=15)
@given(st.integers(min_value=1, max_value=10_000), st.sampled_from(["[", "{a: ", "- "]))
@example(10_000, "[")
@example(10_000, "{a: ")
def test_deep_nesting_never_raises(site_root: Path, depth: int, opener: str) -> None:
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    data = f"---\ntags: {opener * depth}x{closer * depth}\n---\n{BODY}".encode()
    check_pipeline(build_with(site_root, data), data)


# --- known bugs: how it SHOULD behave ---------------------------------------------------------------

CRASH_SCRIPT = """
import sys
from pathlib import Path
from katalog.core.catalogue import build_catalogue
root = Path(sys.argv[1])
(root / "catalogue/initiatives/a.md").write_text(
    "---\\ntags: " + "[" * 100_000 + "]" * 100_000 + "\\n---\\n", encoding="utf-8"
)
print(len(build_catalogue(root).problems))
"""


def test_very_deep_nesting_does_not_crash_the_process(tmp_path: Path) -> None:
    copy_example_config(tmp_path / "site_config")
    (tmp_path / "catalogue" / "initiatives").mkdir(parents=True)
    result = subprocess.run(
        [sys.executable, "-c", CRASH_SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"exit code {result.returncode}: {result.stderr[-500:]}"
    assert int(result.stdout) >= 1


@settings(PROPERTIES, max_examples=50)
@given(st.lists(st.sampled_from(["a", ": ", "\n", " ", *YAML_ONLY_BREAKS]), max_size=40).map("".join))
@example("title: a\u2028\u2028\u2028\u2028x: y: z")
def test_yaml_only_line_breaks_keep_line_numbers(text: str) -> None:
    check_text_pieces(f"---\n{text}\n---\n")


def test_control_character_is_reported_where_it_stands(site_root: Path) -> None:
    data = b"---\ntitle: a\n\nsummary: b\x01\n---\n"
    catalogue = build_with(site_root, data)
    odd = [(p.line, p.column) for p in catalogue.problems if p.code == "odd_character"]
    assert odd == [(4, 11)]  # the other problems (title too short, missing keys) are real too


def test_problem_line_is_one_line(site_root: Path) -> None:
    catalogue = build_with(site_root, b"---\ntitle: a\x01\n---\n")
    lines = [text_line(p, catalogue.config.tr) for p in catalogue.problems]
    assert lines
    assert all("\n" not in line for line in lines), lines


def test_not_utf8_with_cr_line_ends_is_located(site_root: Path) -> None:
    catalogue = build_with(site_root, b"---\rtitle: \xc6\r---\r")
    assert [(p.line, p.column) for p in catalogue.problems] == [(2, 8)]


def test_not_utf8_after_bom_is_located(site_root: Path) -> None:
    catalogue = build_with(site_root, b"\xef\xbb\xbf---\xc6\n")
    assert [(p.line, p.column) for p in catalogue.problems] == [(1, 4)]


# --- shortcuts agree with the long way ---------------------------------------------------------------

WIKILINK_PIECES = [*"[]|\n ab-", "[[", "]]", "[[a]]", "[[b|B]]", "\n\n"]


@PROPERTIES
@given(st.lists(st.sampled_from(WIKILINK_PIECES), max_size=60).map("".join), st.integers(1, 50))
def test_wikilinks_found_in_one_search_match_the_line_by_line_search(body: str, first_line: int) -> None:
    assert find_wikilinks(body, first_line) == links_by_line(body, first_line)


url_part = st.sampled_from(["a", "b", "ab", "initiativer", "x-1"])
site_url = st.builds(
    lambda parts, kind: "/".join(parts) + ("/" if parts and kind == "dir" else ".html" if parts else ""),
    st.lists(url_part, max_size=4),
    st.sampled_from(["dir", "file"]),
)


@PROPERTIES
@given(site_url, site_url)
def test_a_relative_link_leads_from_the_page_to_its_target(target: str, current: str) -> None:
    link = relative(target, current)
    assert urljoin(f"https://example.org/{current}", link) == f"https://example.org/{target}"
