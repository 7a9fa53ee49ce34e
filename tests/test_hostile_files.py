"""Hostile files: whatever the file system holds where a Markdown file is expected is read once, or
reported at its path in the site's language; never a traceback, never a hang, never silently lost,
and nothing outside the project is read, published or written.

What is decided here (see core/load/discovery.py and core/read/files.py):
- Only regular files ending in .md or .markdown, in any case, are read. In content/ (MkDocs' docs_dir)
  only the lower-case suffix, because MkDocs makes pages only of those: another case is an error.
- A FIFO, socket or device is a warning ("ikke en almindelig fil; springes over") and is never opened.
- Hidden files and folders are skipped; a hidden Markdown file with a warning, except an editor's lock
  file `.#x.md`, which is skipped silently (it exists only while the file is open in Emacs).
- A symbolic link that leads out of the project, or nowhere, is an error and is never followed. One
  inside the project is followed, read where it stands, and only once: a link to a file or folder read
  already, or to a folder holding the link, is a warning and skipped.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
import stat
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from katalog.cli import main
from katalog.core.catalogue import Catalogue, build_from_config
from katalog.core.config.siteconfig import SiteConfig, load_site_config
from katalog.core.load.discovery import WITHHELD, is_markdown, withheld
from katalog.core.read.files import shown, unshowable
from katalog.core.report import summary, text_line
from katalog.core.slugs import is_slug
from katalog.exports.write import ExportError, render_all, stale_files, unsafe_outputs, write_all

from .build_support import build
from .conftest import INDEX_MD, Site, copy_example_config, entry, mkdocs, mkdocs_yml_for_tests

RunCheck = Callable[..., tuple[int, list[str], str]]

# Deterministic, no example database in the repository. No deadline: a slow file system is not a
# failure; a hang is caught by no_hang() instead.
PROPERTIES = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# The Danish texts, exactly as `katalog check` prints them after PATH:LINE:COL.
NOT_REGULAR_HINT = "Katalog læser kun almindelige filer; slet den, eller flyt den ud af mappen."
FIFO = f"warning: ikke en almindelig fil, men en navngiven pipe (FIFO); springes over. {NOT_REGULAR_HINT}"
SOCKET = f"warning: ikke en almindelig fil, men en socket; springes over. {NOT_REGULAR_HINT}"
DEVICE = f"warning: ikke en almindelig fil, men en enhedsfil; springes over. {NOT_REGULAR_HINT}"
HIDDEN = (
    "warning: skjult fil (navnet begynder med punktum); springes over. "
    "Fjern punktummet forrest i navnet, hvis filen skal med; ellers slet den."
)
UNREADABLE_FILE = "error: filen kan ikke læses (ingen adgang). Giv læseadgang til filen (fx chmod a+r), eller slet den."
UNREADABLE_FOLDER = (
    "error: mappen kan ikke læses (ingen adgang); filerne i den tjekkes ikke. "
    "Giv adgang til mappen (fx chmod a+rx), eller slet den."
)


def broken(target: str) -> str:
    return (
        f'error: symbolsk link til "{target}", som ikke findes; springes over. '
        "Ret linket, så det peger på en fil i projektet, eller slet det."
    )


def outside(target: str) -> str:
    return (
        f'error: symbolsk link til "{target}" uden for projektets mappe; læses og udgives ikke. '
        "Kopiér indholdet ind i projektet i stedet for at linke til det, eller slet linket."
    )


def duplicate(other: str) -> str:
    return f"warning: peger på {other}, som allerede læses; springes over. Slet linket; hver fil læses kun én gang."


def loop(other: str) -> str:
    return f"warning: peger på mappen {other}, som selv indeholder linket; springes over. Slet linket."


def folder_named(suffix: str) -> str:
    return (
        f'warning: en mappe, ikke en fil, selv om navnet ender på "{suffix}". '
        f'Omdøb mappen, så navnet ikke ender på "{suffix}"; filerne i den læses som i andre mapper.'
    )


def bad_name(chars: str) -> str:
    return (
        f"error: navnet indeholder kontroltegn, usynlige tegn eller bytes, der ikke er UTF-8 ({chars}); "
        "springes over. Omdøb den, så navnet kun har synlige tegn og er gemt som UTF-8."
    )


def markdown_case(suffix: str, name: str) -> str:
    lower = suffix.lower()
    return (
        f'error: MkDocs udgiver kun filer, der ender på "{lower}", som sider, ikke "{suffix}". '
        f'Omdøb filen til "{name}".'
    )


def at(path: str, text: str) -> str:
    return f"{path}:1:1: {text}"


# --- helpers ----------------------------------------------------------------------------------------


@contextmanager
def no_hang(seconds: int = 30) -> Iterator[None]:
    """Fail instead of hanging: a blocking open() of a FIFO is interrupted by the alarm."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"still running after {seconds} s: something blocked")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check(run_check: RunCheck, site: Site | Path, *options: str) -> tuple[int, list[str]]:
    with no_hang():
        code, lines, err = run_check(site, *options)
    assert err == ""
    for line in lines:
        assert_one_line(line)
    return code, lines


def assert_one_line(line: str) -> None:
    """Printable on any UTF-8 terminal (no lone surrogates) and one line, however lines are split."""
    line.encode("utf-8")
    assert len(line.splitlines()) == 1, line


def problems_of(lines: list[str]) -> list[str]:
    return lines[:-1]


def make_socket(path: Path) -> bool:
    """A Unix socket at path (bound from its folder: the address may hold only ~100 bytes)."""
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(path.name)
        sock.close()
        return True
    except OSError:
        return False
    finally:
        os.chdir(here)


def case_variants(suffix: str) -> list[str]:
    variants = [""]
    for char in suffix:
        variants = [v + c for v in variants for c in dict.fromkeys((char.lower(), char.upper()))]
    return variants


# --- A. what stands where a file should be ------------------------------------------------------


def test_fifo_is_a_warning_and_never_opened(make_site: Callable[..., Site], run_check: RunCheck) -> None:
    site = make_site()
    os.mkfifo(site / "content/ventende.md")
    (site / "catalogue/initiatives").mkdir(parents=True)
    os.mkfifo(site / "catalogue/initiatives/ventende.md")
    os.mkfifo(site / "catalogue/initiatives/ventende.txt")
    code, lines = check(run_check, site)
    assert lines == [
        at("catalogue/initiatives/ventende.md", FIFO),
        at("catalogue/initiatives/ventende.txt", FIFO),
        at("content/ventende.md", FIFO),
        "0 fejl og 3 advarsler i 4 filer.",
    ]
    assert code == 0
    assert check(run_check, site, "--strict")[0] == 1  # as mkdocs build --strict


def test_socket_and_device_are_warnings(make_site: Callable[..., Site], run_check: RunCheck) -> None:
    site = make_site({"catalogue/units/enhed.md": entry("unit")})
    if not make_socket(site / "catalogue/units/sokkel.md"):
        pytest.skip("this system cannot make a Unix socket here")
    expected = [at("catalogue/units/sokkel.md", SOCKET)]
    try:
        os.mknod(site / "content/enhed.md", stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null
        expected.append(at("content/enhed.md", DEVICE))
    except OSError:
        pass  # making a device needs privileges; the socket is still tested
    code, lines = check(run_check, site)
    assert problems_of(lines) == expected
    assert code == 0


def test_broken_symlink_is_an_error_and_an_editor_lock_file_is_skipped_silently(
    make_site: Callable[..., Site], run_check: RunCheck
) -> None:
    site = make_site({"catalogue/initiatives/aaben.md": entry("initiative")})
    # Emacs' lock file for aaben.md while it is open: a link to user@host.pid that leads nowhere.
    (site / "catalogue/initiatives/.#aaben.md").symlink_to("redaktoer@maskine.4242:1700000000")
    assert check(run_check, site) == (0, ["Ingen problemer i 2 filer."])
    (site / "catalogue/initiatives/flyttet.md").symlink_to("findes-ikke.md")
    (site / "content/billede.png").symlink_to("../billeder/findes-ikke.png")
    code, lines = check(run_check, site)
    assert problems_of(lines) == [
        at("catalogue/initiatives/flyttet.md", broken("findes-ikke.md")),
        at("content/billede.png", broken("../billeder/findes-ikke.png")),
    ]
    assert code == 1


def test_hidden_markdown_file_is_a_warning_and_a_hidden_folder_is_skipped(
    make_site: Callable[..., Site], run_check: RunCheck
) -> None:
    site = make_site(
        {
            "catalogue/initiatives/.kladde.md": entry("initiative"),
            "catalogue/initiatives/.noter.txt": "noter",
            "catalogue/initiatives/.udkast/a.md": entry("initiative"),
            "content/.skjult.MD": "# skjult",
        }
    )
    code, lines = check(run_check, site)
    assert lines == [
        at("catalogue/initiatives/.kladde.md", HIDDEN),
        at("content/.skjult.MD", HIDDEN),
        "0 fejl og 2 advarsler i 3 filer.",
    ]
    assert code == 0


def test_folder_named_like_a_markdown_file_is_a_warning_and_its_files_are_read(
    make_site: Callable[..., Site], run_check: RunCheck
) -> None:
    site = make_site({"content/vejledning.md/index.md": "# Vejledning\n\n[[findes-ikke]]\n"})
    (site / "catalogue/units/tom.markdown").mkdir(parents=True)
    code, lines = check(run_check, site)
    assert problems_of(lines)[0:1] == [at("catalogue/units/tom.markdown", folder_named(".markdown"))]
    assert problems_of(lines)[1] == at("content/vejledning.md", folder_named(".md"))
    # The page inside is read and checked like any other.
    assert problems_of(lines)[2].startswith(
        "content/vejledning.md/index.md:3:1: error: [[findes-ikke]]: der findes ingen"
    )
    assert code == 1


def test_unreadable_file_and_folder_are_errors(make_site: Callable[..., Site], run_check: RunCheck) -> None:
    site = make_site({"catalogue/initiatives/laast.md": entry("initiative"), "catalogue/units/a.md": entry("unit")})
    locked_file, locked_folder = site / "catalogue/initiatives/laast.md", site / "catalogue/units"
    locked_file.chmod(0)
    locked_folder.chmod(0)
    try:
        try:
            locked_file.read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("running with the right to read anything (root): chmod 000 stops nothing; see _simulated")
        code, lines = check(run_check, site)
    finally:
        locked_file.chmod(0o644)
        locked_folder.chmod(0o755)
    assert problems_of(lines) == [
        at("catalogue/initiatives/laast.md", UNREADABLE_FILE),
        at("catalogue/units", UNREADABLE_FOLDER),
    ]
    assert code == 1


def test_unreadable_file_and_folder_are_errors_simulated(
    make_site: Callable[..., Site], run_check: RunCheck, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As above, with the file system's refusal simulated, so it is tested as root too."""
    site = make_site({"catalogue/initiatives/laast.md": entry("initiative"), "catalogue/units/a.md": entry("unit")})
    real_open, real_scandir = os.open, os.scandir

    def refusing_open(path: str | bytes | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        if os.fsdecode(path).endswith("laast.md"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    def refusing_scandir(path: str) -> Iterator[os.DirEntry[str]]:
        if os.fsdecode(path).endswith("units"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_scandir(path)  # type: ignore[return-value]

    monkeypatch.setattr(os, "open", refusing_open)
    monkeypatch.setattr(os, "scandir", refusing_scandir)
    code, lines = check(run_check, site)
    assert lines == [
        at("catalogue/initiatives/laast.md", UNREADABLE_FILE),
        at("catalogue/units", UNREADABLE_FOLDER),
        "2 fejl og 0 advarsler i 2 filer.",
    ]
    assert code == 1


def test_every_case_of_the_markdown_suffix(make_site: Callable[..., Site], run_check: RunCheck) -> None:
    """All 260 cases of .md and .markdown: entries in catalogue/; in content/ only the lower case,
    as MkDocs makes pages only of those, and every other case is an error there, not a raw file."""
    suffixes = case_variants(".md") + case_variants(".markdown")
    assert len(suffixes) == 4 + 256
    files = {f"catalogue/units/e{i}{suffix}": entry("unit") for i, suffix in enumerate(suffixes)}
    files.update({f"content/s{i}{suffix}": "# Side\n" for i, suffix in enumerate(suffixes)})
    site = make_site(files)
    code, lines = check(run_check, site)
    expected = [
        at(f"content/s{i}{suffix}", markdown_case(suffix, f"s{i}{suffix.lower()}"))
        for i, suffix in enumerate(suffixes)
        if suffix not in (".md", ".markdown")
    ]
    assert sorted(problems_of(lines)) == sorted(expected)
    assert lines[-1] == f"258 fejl og 0 advarsler i {2 * 260 + 1} filer."
    assert code == 1
    config = load_site_config(site.root)
    catalogue = build_from_config(config)
    assert sorted(catalogue.entries) == sorted(f"e{i}" for i in range(260))  # every case is an entry
    assert {page.path for page in catalogue.pages} == {"content/index.md", "content/s0.md", "content/s4.markdown"}
    assert at("content/s1.mD", markdown_case(".mD", "s1.md")) in lines
    # The existing suffix check is unchanged: x.txt, x.md~ and x.md.swp are not Markdown.
    assert not any(is_markdown(name) for name in ("x.txt", "x.md~", "x.md.swp", "#x.md#", "x.mdx"))


def test_names_that_cannot_be_shown_are_errors_printed_escaped(
    make_site: Callable[..., Site], run_check: RunCheck
) -> None:
    site = make_site()
    units = site / "catalogue/units"
    units.mkdir(parents=True)
    for name in (b"a\nb.md", b"\x1b[31mrod.md", "\u202egnp.md".encode(), b"\xe6ble.md", "a\u2028b.md".encode()):
        with open(os.path.join(os.fsencode(units), name), "wb") as file:
            file.write(entry("unit").encode())
    os.mkdir(os.path.join(os.fsencode(site / "content"), b"mappe\tmed\ttab"))
    code, lines = check(run_check, site)
    assert problems_of(lines) == [
        at("catalogue/units/\\u202egnp.md", bad_name("\\u202e")),
        at("catalogue/units/\\x1b[31mrod.md", bad_name("\\x1b")),
        at("catalogue/units/\\xe6ble.md", bad_name("\\xe6")),
        at("catalogue/units/a\\u2028b.md", bad_name("\\u2028")),
        at("catalogue/units/a\\x0ab.md", bad_name("\\x0a")),
        at("content/mappe\\x09med\\x09tab", bad_name("\\x09")),
    ]
    assert code == 1


def test_path_longer_than_the_system_allows_is_an_error(make_site: Callable[..., Site], run_check: RunCheck) -> None:
    site = make_site()
    name = "d" * 250
    fd = os.open(site / "content", os.O_RDONLY)
    try:
        for _ in range(20):  # 20 x 251 characters: beyond PATH_MAX (4096)
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        os.close(os.open("dybt.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
    finally:
        os.close(fd)
    code, lines = check(run_check, site)
    [problem] = problems_of(lines)
    folder, _, message = problem.partition(":1:1: ")
    # The folder whose absolute path, with its terminating NUL, no longer fits in PATH_MAX (4096).
    assert folder.startswith("content/" + name + "/") and len(str(site.root)) + 1 + len(folder) + 1 > 4096
    assert message == (
        "error: mappen kan ikke læses (navnet eller stien er for lang); filerne i den tjekkes ikke. "
        "Giv adgang til mappen (fx chmod a+rx), eller slet den."
    )
    assert code == 1


# --- B. paths stay inside the project -----------------------------------------------------------


def test_symlink_out_of_the_project_is_refused_and_never_read(
    make_site: Callable[..., Site], run_check: RunCheck, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("andetsteds")
    (elsewhere / "hemmelig.md").write_text("---\ntitle: HEMMELIGT\n---\nHEMMELIGT\n", encoding="utf-8")
    (elsewhere / "mappe").mkdir()
    (elsewhere / "mappe/side.md").write_text("HEMMELIGT\n", encoding="utf-8")
    site = make_site({"catalogue/units/enhed.md": entry("unit")})
    (site / "content/hemmelig.md").symlink_to(elsewhere / "hemmelig.md")
    (site / "content/mappe").symlink_to(elsewhere / "mappe")
    (site / "catalogue/units/hemmelig.md").symlink_to(elsewhere / "hemmelig.md")
    (site / "catalogue/initiatives").symlink_to(elsewhere / "mappe")
    (site / "content/passwd").symlink_to("/etc/passwd")
    code, lines = check(run_check, site)
    assert problems_of(lines) == [
        at("catalogue/initiatives", outside(str(elsewhere / "mappe"))),
        at("catalogue/units/hemmelig.md", outside(str(elsewhere / "hemmelig.md"))),
        at("content/hemmelig.md", outside(str(elsewhere / "hemmelig.md"))),
        at("content/mappe", outside(str(elsewhere / "mappe"))),
        at("content/passwd", outside("/etc/passwd")),
    ]
    assert code == 1
    catalogue = build_from_config(load_site_config(site.root))
    read = [*catalogue.texts.values(), *(e.body for e in catalogue.entries.values())]
    assert not any("HEMMELIGT" in text for text in read)
    refused = withheld(catalogue.problems)
    assert refused("content/hemmelig.md") and refused("content/mappe/side.md") and not refused("content/index.md")


def test_symlinks_inside_the_project_are_followed_once(make_site: Callable[..., Site], run_check: RunCheck) -> None:
    site = make_site(
        {
            "catalogue/units/enhed.md": entry("unit"),
            "delt/initiativer/initiativ.md": entry("initiative", add="units: [enhed]"),
            "delt/case.md": entry("case"),
            "delt/sider/om.md": "# Om\n",
        }
    )
    (site / "catalogue/units/alias.md").symlink_to("enhed.md")  # the same file as enhed.md: read once
    (site / "catalogue/initiatives").symlink_to("../delt/initiativer")  # a folder elsewhere in the project
    (site / "catalogue/cases").mkdir()
    (site / "catalogue/cases/case.md").symlink_to("../../delt/case.md")  # a file elsewhere in the project
    (site / "content/a-om").symlink_to("../delt/sider")  # followed (links are taken in name order)
    (site / "content/b-igen").symlink_to("a-om")  # the same folder again, through another link
    (site / "content/ogsaa-om.md").symlink_to("../delt/sider/om.md")  # read already through content/a-om
    (site / "content/rundt").symlink_to(".")  # a loop
    code, lines = check(run_check, site)
    assert problems_of(lines) == [
        at("catalogue/units/alias.md", duplicate("catalogue/units/enhed.md")),
        at("content/b-igen", duplicate("delt/sider/")),
        at("content/ogsaa-om.md", duplicate("content/a-om/om.md")),
        at("content/rundt", loop("content/")),
    ]
    assert code == 0
    catalogue = build_from_config(load_site_config(site.root))
    assert {e.id: e.path for e in catalogue.entries.values()} == {
        "enhed": "catalogue/units/enhed.md",
        "initiativ": "catalogue/initiatives/initiativ.md",
        "case": "catalogue/cases/case.md",
    }
    assert [link.target for link in catalogue.outgoing["initiativ"]] == ["enhed"]
    assert {page.path for page in catalogue.pages} == {"content/index.md", "content/a-om/om.md"}


# --- generated: any name, any kind of file, any content ---------------------------------------------

LOCATIONS = ["catalogue/initiatives", "content"]
KINDS = ["file", "fifo", "broken_link", "link_inside", "link_outside", "folder", "folder_link_outside", "loop"]
SUFFIXES = [*case_variants(".md"), ".markdown", ".MARKDOWN", ".Markdown", ".txt", "", ".md~", ".md.swp", ".png"]
ODD = ["\n", "\r", "\t", "\x1b", "\x7f", "\x85", "\u200b", "\u200d", "\u202e", "\u2028", "\ufeff", " ", "#", "~"]
name_chars = st.characters(codec="utf-8", exclude_characters="/\x00") | st.sampled_from(ODD)
text_names = st.builds(
    lambda prefix, stem, suffix, form: (
        unicodedata.normalize(form, prefix + stem + suffix).replace("/", "_").replace("\x00", "_").encode("utf-8")
    ),
    st.sampled_from(["", "", ".", ".#", "-", " ", "Æ"]),
    st.text(name_chars, max_size=40),
    st.sampled_from(SUFFIXES),
    st.sampled_from(["NFC", "NFD", "NFKC"]),
)
long_names = st.builds(
    lambda char, count, suffix: (char * count).encode("utf-8")[: 255 - len(suffix)] + suffix.encode(),
    st.sampled_from(["a", "æ", "€", "😀"]),
    st.integers(100, 255),
    st.sampled_from([".md", ".MD", ".markdown"]),
)
byte_names = st.builds(
    lambda raw, suffix: raw.replace(b"/", b"_").replace(b"\x00", b"_") + suffix,
    st.binary(min_size=1, max_size=40),
    st.sampled_from([b".md", b".MD", b"", b".txt"]),
)
file_names = (text_names | long_names | byte_names).filter(
    lambda name: 0 < len(name) <= 255 and name not in (b".", b"..")
)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1", "cp1252"])
contents = (
    st.builds(lambda kind, encoding: entry(kind).encode(encoding), st.sampled_from(["initiative", "unit"]), encodings)
    | st.binary(max_size=2000)
    | st.builds(
        lambda size, byte: byte * size, st.integers(0, 1_000_000), st.sampled_from([b"a", b"\n", b"\xff", b"-"])
    )
)


class Bare:
    """A site made once for generated examples, and a folder outside it; every example cleans up after itself.
    (A short repr: Hypothesis prints the arguments of a failing example.)"""

    def __init__(self, config: SiteConfig, elsewhere: Path) -> None:
        self.config, self.elsewhere = config, elsewhere

    def __iter__(self) -> Iterator[object]:
        return iter((self.config, self.elsewhere))

    def __repr__(self) -> str:
        return f"Bare({self.config.root})"


@pytest.fixture(scope="module")
def bare_site(tmp_path_factory: pytest.TempPathFactory) -> Bare:
    root = tmp_path_factory.mktemp("site")
    copy_example_config(root / "site_config")
    (root / "mkdocs.yml").write_text(mkdocs_yml_for_tests(), encoding="utf-8")
    (root / "content").mkdir()
    (root / "content/index.md").write_text(INDEX_MD, encoding="utf-8")
    (root / "catalogue/initiatives").mkdir(parents=True)
    (root / "delt").mkdir()
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "hemmelig.md").write_text("---\ntitle: HEMMELIGT\n---\nHEMMELIGT\n", encoding="utf-8")
    (elsewhere / "mappe").mkdir()
    (elsewhere / "mappe/side.md").write_text("HEMMELIGT\n", encoding="utf-8")
    return Bare(load_site_config(root), elsewhere)


def remove(path: bytes) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)


def place(path: bytes, kind: str, content: bytes, root: Path, elsewhere: Path) -> None:
    if kind == "file":
        with open(path, "wb") as file:
            file.write(content)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "broken_link":
        os.symlink(b"findes-ikke", path)
    elif kind == "link_inside":
        target = root / "delt/maal.md"
        target.write_bytes(content)
        os.symlink(os.fsencode(target), path)
    elif kind == "link_outside":
        os.symlink(os.fsencode(elsewhere / "hemmelig.md"), path)
    elif kind == "folder":
        os.mkdir(path)
        with open(os.path.join(path, b"side.md"), "wb") as file:
            file.write(b"# Side\n")
    elif kind == "folder_link_outside":
        os.symlink(os.fsencode(elsewhere / "mappe"), path)
    else:
        os.symlink(b".", path)


def expected_problem(name: str, kind: str, location: str) -> str | None:
    """The one code Katalog must report at the path, None if it must read it, "" if it must say nothing."""
    if name.startswith("."):
        if is_markdown(name) and not name.startswith(".#") and kind != "folder":
            return "hidden_file"
        return ""
    if unshowable(name):
        return "bad_path_name"
    by_kind = {
        "fifo": "not_regular_file",
        "broken_link": "broken_symlink",
        "link_outside": "outside_root",
        "folder_link_outside": "outside_root",
        "loop": "symlink_loop",
    }
    if kind in by_kind:
        return by_kind[kind]
    if kind == "folder":
        return "folder_named_md" if is_markdown(name) else ""
    if not is_markdown(name):
        return ""
    if location == "content" and not name.endswith((".md", ".markdown")):
        return "markdown_case"
    return None


def assert_one_line_each(catalogue: Catalogue) -> None:
    tr = catalogue.config.tr
    for problem in catalogue.problems:
        assert not unshowable(problem.path), problem
    for line in [*(text_line(p, tr) for p in catalogue.problems), summary(catalogue.problems, catalogue.files, tr)]:
        assert_one_line(line)


@settings(PROPERTIES, max_examples=400)
@given(file_names, st.sampled_from(KINDS), st.sampled_from(LOCATIONS), contents)
@example(b".#a.md", "broken_link", "catalogue/initiatives", b"")
@example(b"a.MD", "file", "catalogue/initiatives", entry("initiative").encode())
@example(b"a.Md", "file", "content", b"# a")
@example(b"a.md", "fifo", "content", b"")
@example(b"a.md", "folder", "content", b"")
@example(b"x.md", "link_outside", "content", b"")
@example(b"\xe6.md", "file", "content", b"")
@example("a\u0308.md".encode(), "file", "catalogue/initiatives", entry("initiative").encode("utf-16"))
def test_any_name_kind_and_content_is_read_or_reported(
    bare_site: Bare, name: bytes, kind: str, location: str, content: bytes
) -> None:
    config, elsewhere = bare_site.config, bare_site.elsewhere
    root = config.root
    path = os.path.join(os.fsencode(root / location), name)
    place(path, kind, content, root, elsewhere)
    try:
        with no_hang():
            catalogue = build_from_config(config)
    finally:
        remove(path)
        remove(os.fsencode(root / "delt/maal.md"))
    relative = shown(f"{location}/{os.fsdecode(name)}")
    mine = [p for p in catalogue.problems if p.path == relative or p.path.startswith(relative + "/")]
    assert [p for p in catalogue.problems if p not in mine] == []
    assert_one_line_each(catalogue)
    expected = expected_problem(os.fsdecode(name), kind, location)
    loaded = {e.path for e in catalogue.entries.values()} | {p.path for p in catalogue.pages}
    if expected is None:  # read: an entry or a page, or problems in it; never lost without a word
        assert relative in loaded or [p for p in mine if p.code not in WITHHELD], (relative, mine)
    elif expected == "":
        assert [p for p in mine if p.path == relative] == [], mine
    else:
        assert [p.code for p in mine] == [expected] or (expected == "folder_named_md" and mine[0].code == expected)
        assert relative not in loaded
    read = [
        *catalogue.texts.values(),
        *(e.body for e in catalogue.entries.values()),
        *(p.body for p in catalogue.pages),
    ]
    assert not any("HEMMELIGT" in text for text in read)


# Links among a few folders, to anywhere: the walk ends, reads nothing outside, nothing twice.
LINK_PLACES = ["content", "content/under", "catalogue/initiatives", "delt", "delt/dybere"]
LINK_TARGETS = [
    ".", "..", "../..", "../../..", "/", "findes-ikke", "../delt", "../../delt", "../../delt/dybere",
    "../content", "../../content", "../../content/index.md", "../delt/side.md", "../../delt/side.md",
    "link0", "link1", "../link0", "../../catalogue", "ELSEWHERE", "ELSEWHERE/mappe", "ELSEWHERE/hemmelig.md",
]  # fmt: skip
links = st.lists(
    st.tuples(
        st.sampled_from(LINK_PLACES),
        st.sampled_from(["link0", "link1", "link2.md", "link3.MD"]),
        st.sampled_from(LINK_TARGETS),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda link: (link[0], link[1]),
)


@settings(PROPERTIES, max_examples=200)
@given(links)
@example([("content", "link0", ".."), ("delt", "link1", "../content")])
@example([("content/under", "link0", "../.."), ("catalogue/initiatives", "link1", "../../delt/dybere")])
def test_any_web_of_symlinks_ends_and_reads_each_file_once_and_nothing_outside(
    bare_site: Bare, links: list[tuple[str, str, str]]
) -> None:
    config, elsewhere = bare_site.config, bare_site.elsewhere
    root = config.root
    made = [root / "content/under", root / "delt/dybere"]
    for folder in made:
        folder.mkdir()
    (root / "delt/side.md").write_text("# Side\n", encoding="utf-8")
    (root / "delt/dybere/enhed.md").write_text(entry("unit"), encoding="utf-8")
    for place_, name, target in links:
        (root / place_ / name).symlink_to(target.replace("ELSEWHERE", str(elsewhere)))
    try:
        with no_hang():
            catalogue = build_from_config(config)
        loaded = [e.path for e in catalogue.entries.values()] + [p.path for p in catalogue.pages]
        real = [os.path.realpath(root / path) for path in loaded]  # while the links stand
        to_files = {(p, n) for p, n, _ in links if (root / p / n).is_file()}
    finally:
        for place_, name, _ in links:
            (root / place_ / name).unlink()
        for folder in made:
            shutil.rmtree(folder)
        (root / "delt/side.md").unlink()
    assert_one_line_each(catalogue)
    real_root = os.path.realpath(root)
    assert all(path.startswith(real_root + os.sep) for path in real)  # nothing outside
    assert len(real) == len(set(real)), sorted(loaded)  # nothing twice
    read = [
        *catalogue.texts.values(),
        *(e.body for e in catalogue.entries.values()),
        *(p.body for p in catalogue.pages),
    ]
    assert not any("HEMMELIGT" in text for text in read)
    # Every link in catalogue/ or content/ is accounted for: reported at (or under) its path, or
    # followed to something read, or a link not named .md to a file (an asset, for MkDocs to copy).
    seen = {p.path for p in catalogue.problems} | set(loaded)
    for place_, name, _ in links:
        if place_.startswith("delt"):
            continue  # outside catalogue/ and content/: read only where a link there leads in
        relative = f"{place_}/{name}"
        if (place_, name) in to_files and not is_markdown(name):
            continue
        assert any(path == relative or path.startswith(relative + "/") for path in seen), (relative, seen)


# --- katalog new -------------------------------------------------------------------------------------


def test_new_shortens_a_title_too_long_for_a_file_name(
    make_site: Callable[..., Site], capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site()
    title = "Et meget langt initiativ " + "om samskabelse mellem borgere og kommune " * 10
    assert main(["new", "initiative", title, "--root", str(site.root)]) == 0
    out = capsys.readouterr().out.splitlines()
    entry_id = "et-meget-langt-initiativ-om-samskabelse-mellem-borgere-og-kommune-om-samskabelse"
    assert out == [
        f"Titlen er lang, så id og filnavn er forkortet til {entry_id}.",
        f"Oprettede catalogue/initiatives/{entry_id}.md. Udfyld nøglerne, og kør katalog check.",
    ]
    assert len(entry_id) <= 80
    word = "x" * 300
    assert main(["new", "case", word, "--root", str(site.root)]) == 0
    assert (site / f"catalogue/cases/{'x' * 80}.md").is_file()


@settings(PROPERTIES, max_examples=120)
@given(
    st.text(st.characters(codec="utf-8") | st.sampled_from(ODD), max_size=400)
    | st.builds(
        lambda char, count: char * count, st.sampled_from(["a", "æ", "ß", "ﬄ", "㎏", "😀", "- "]), st.integers(1, 600)
    )
    | st.text(st.characters(categories=["Cs"]) | st.characters(codec="utf-8"), min_size=1, max_size=20)
)
@example("")
@example("\udce6ble")
@example("Fælleshaver\ni Ærø")
def test_new_with_any_title_writes_a_checkable_entry_or_says_why_not(
    bare_site: Bare, capsys: pytest.CaptureFixture[str], title: str
) -> None:
    config = bare_site.config
    root = config.root
    capsys.readouterr()
    code = main(["new", "unit", "--root", str(root), "--", title])  # "--": a title may begin with "-"
    captured = capsys.readouterr()
    created = list((root / "catalogue/units").glob("*")) if (root / "catalogue/units").exists() else []
    try:
        assert code in (0, 2), captured
        for line in (captured.out + captured.err).splitlines():
            line.encode("utf-8")
        if code == 2:
            assert created == []
            assert captured.err.startswith(("Titlen ", 'Titlen "')), captured.err
            return
        [path] = created
        assert is_slug(path.stem) and len(path.stem) <= 80 and path.suffix == ".md"
        catalogue = build_from_config(config)
        relative = f"catalogue/units/{path.name}"
        assert {p.path for p in catalogue.problems} <= {relative}
        assert not [p for p in catalogue.problems if p.code in WITHHELD]  # read, as any entry
        assert path.stem in catalogue.entries or any(p.is_error for p in catalogue.problems)
    finally:
        for path in created:
            path.unlink()


def test_new_into_a_folder_that_cannot_be_written(
    make_site: Callable[..., Site], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site()
    (site / "catalogue").mkdir()
    (site / "catalogue/initiatives").write_text("en fil, ikke en mappe", encoding="utf-8")
    assert main(["new", "initiative", "Naboer", "--root", str(site.root)]) == 1
    assert capsys.readouterr().err == (
        "Kan ikke skrive catalogue/initiatives/naboer.md: en del af stien er en fil, ikke en mappe.\n"
    )
    (site / "catalogue/initiatives").unlink()
    (site / "catalogue/initiatives").mkdir()
    real_open = os.open

    def refusing_open(path: str | bytes | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(os, "open", refusing_open)
        assert main(["new", "initiative", "Naboer", "--root", str(site.root)]) == 1
    assert capsys.readouterr() == ("", "Kan ikke skrive catalogue/initiatives/naboer.md: ingen adgang.\n")
    assert list((site / "catalogue/initiatives").iterdir()) == []
    # And for real, where chmod stops this user (not root).
    (site / "catalogue/initiatives").chmod(0o555)
    try:
        if os.access(site / "catalogue/initiatives", os.W_OK):
            return  # root: the simulated refusal above stands in
        assert main(["new", "initiative", "Naboer", "--root", str(site.root)]) == 1
        assert capsys.readouterr().err == "Kan ikke skrive catalogue/initiatives/naboer.md: ingen adgang.\n"
    finally:
        (site / "catalogue/initiatives").chmod(0o755)


def test_new_never_writes_through_a_symlink(
    make_site: Callable[..., Site], capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("andetsteds")
    site = make_site()
    (site / "catalogue").mkdir()
    (site / "catalogue/initiatives").symlink_to(elsewhere)
    assert main(["new", "initiative", "Naboer", "--root", str(site.root)]) == 1
    assert capsys.readouterr().err == (
        f"Kan ikke skrive catalogue/initiatives/naboer.md: mappen fører ud af projektets mappe (til {elsewhere}).\n"
    )
    assert list(elsewhere.iterdir()) == []
    (site / "catalogue/cases").mkdir()
    (site / "catalogue/cases/naboer.md").symlink_to("../../andet/naboer.md")  # leads nowhere yet
    assert main(["new", "case", "Naboer", "--root", str(site.root)]) == 1
    assert capsys.readouterr().err == (
        "catalogue/cases/naboer.md findes allerede; vælg en anden titel eller ret den eksisterende post.\n"
    )
    assert not (site / "andet").exists()


def test_new_refuses_a_title_with_control_characters(
    make_site: Callable[..., Site], capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site()
    assert main(["new", "unit", "Centret\x1b[2J", "--root", str(site.root)]) == 2
    assert capsys.readouterr().err == (
        'Titlen "Centret\\x1b[2J" indeholder kontroltegn, usynlige tegn eller bytes, der ikke er UTF-8 (\\x1b).\n'
    )
    assert not (site / "catalogue").exists()


# --- katalog init ------------------------------------------------------------------------------------


def test_init_never_rewrites_or_deletes_the_target_of_a_symlink(
    make_site: Callable[..., Site], capsys: pytest.CaptureFixture[str]
) -> None:
    initiative = entry("initiative", add="units: [enhed, anden]")
    gone_case = entry("case")
    site = make_site(
        {
            "catalogue/units/enhed.md": entry("unit"),
            "catalogue/units/anden.md": entry("unit"),
            "catalogue/cases/beholdt.md": entry("case", add="units: [enhed]"),
            "delt/initiativ.md": initiative,
            "delt/case.md": gone_case,
        }
    )
    (site / "catalogue/initiatives").mkdir()
    (site / "catalogue/initiatives/initiativ.md").symlink_to("../../delt/initiativ.md")
    (site / "catalogue/cases/fjernet.md").symlink_to("../../delt/case.md")
    assert main(["init", str(site.root), "--yes"]) == 1  # the kept link still names a removed unit
    out = capsys.readouterr().out.splitlines()
    assert out[:5] == [
        "Beholder catalogue/cases/beholdt.md som eksempel.",
        "Beholder catalogue/initiatives/initiativ.md som eksempel.",
        "Beholder catalogue/units/enhed.md som eksempel.",
        "catalogue/initiatives/initiativ.md er et symbolsk link og beholdes uændret; "
        "ret selv henvisningerne i den til fjernede poster.",
        "Fjernede 2 poster.",
    ]
    assert out[5].startswith(
        'catalogue/initiatives/initiativ.md:10:16: error: units[1]: der findes ingen post med id "anden"'
    )
    # The targets are untouched; the removed link is gone, the file it pointed at is not.
    assert (site / "delt/initiativ.md").read_text(encoding="utf-8") == initiative
    assert (site / "delt/case.md").read_text(encoding="utf-8") == gone_case
    assert (site / "catalogue/initiatives/initiativ.md").is_symlink()
    assert not os.path.lexists(site / "catalogue/cases/fjernet.md")
    assert not (site / "catalogue/units/anden.md").exists()


# --- katalog export ----------------------------------------------------------------------------------


def export_lines(capsys: pytest.CaptureFixture[str], root: Path, *options: str) -> tuple[int, list[str]]:
    capsys.readouterr()
    with no_hang():
        code = main(["export", str(root), *options])
    captured = capsys.readouterr()
    assert captured.err == ""
    return code, captured.out.splitlines()


def test_export_refuses_paths_that_lead_out_and_writes_nothing(
    make_site: Callable[..., Site], capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("andetsteds")
    site = make_site()
    (site / "content/admin").symlink_to(elsewhere)
    code, lines = export_lines(capsys, site.root)
    hint = "Slet linket i stien, eller lad det pege på en mappe i projektet; katalog export skriver kun i projektet."
    refused = [
        f'{name}:1:1: error: stien fører ud af projektets mappe (til "{elsewhere}/{name.split("/")[-1]}"). {hint}'
        for name in ("content/admin/config.yml", "content/admin/index.html")
    ]
    assert lines == [*refused, "Skrev ingen filer; ret problemerne ovenfor først."]
    assert code == 1
    assert list(elsewhere.iterdir()) == []
    assert not (site / ".github").exists() and not (site / "content/schemas").exists()  # nothing at all
    code, lines = export_lines(capsys, site.root, "--check")
    assert code == 1 and lines[:2] == refused


def test_export_refuses_a_symlinked_file_and_never_blocks_on_a_fifo(
    make_site: Callable[..., Site], capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site({"site_config/andet.yml": "noget: vigtigt\n"})
    (site / "content/admin").mkdir()
    (site / "content/admin/config.yml").symlink_to("../../site_config/andet.yml")
    os.mkfifo(site / "content/admin/index.html")
    code, lines = export_lines(capsys, site.root)
    assert lines == [
        'content/admin/config.yml:1:1: error: filen er et symbolsk link (til "../../site_config/andet.yml"). '
        "Slet linket; så skriver katalog export en almindelig fil i stedet.",
        "content/admin/index.html:1:1: error: stien findes, men er en navngiven pipe (FIFO), ikke en almindelig fil. "
        "Slet den, så katalog export kan skrive filen.",
        "Skrev ingen filer; ret problemerne ovenfor først.",
    ]
    assert code == 1
    assert (site / "site_config/andet.yml").read_text(encoding="utf-8") == "noget: vigtigt\n"
    assert export_lines(capsys, site.root, "--check")[0] == 1


EXPORT_PLACES = [".github", ".github/ISSUE_TEMPLATE", "content/admin", "content/schemas", "content/admin/config.yml"]
EXPORT_KINDS = ["absent", "folder", "file", "fifo", "link_outside", "link_inside", "broken_link", "link_to_file"]


@pytest.fixture(scope="module")
def rendered(bare_site: Bare) -> dict[str, str]:
    return render_all(bare_site.config)  # the same for every example: made once


@settings(PROPERTIES, max_examples=200)
@given(st.lists(st.sampled_from(EXPORT_KINDS), min_size=len(EXPORT_PLACES), max_size=len(EXPORT_PLACES)))
@example(["link_outside", "absent", "absent", "absent", "absent"])
@example(["folder", "link_outside", "link_inside", "folder", "absent"])
@example(["broken_link", "absent", "folder", "folder", "fifo"])
def test_export_never_writes_outside_the_project_or_through_a_link(
    bare_site: Bare, rendered: dict[str, str], kinds: list[str]
) -> None:
    config = bare_site.config
    root = config.root
    outside_dir = root.parent / f"{root.name}-ude"
    outside_dir.mkdir()
    (root / "delt/maal").mkdir(parents=True)
    (root / "delt/fil.txt").write_text("uændret", encoding="utf-8")
    for place_, kind in zip(EXPORT_PLACES, kinds, strict=True):
        path = root / place_
        if not path.parent.is_dir() or path.parent.is_symlink() or kind == "absent":
            continue
        if kind == "folder":
            path.mkdir()
        elif kind == "file":
            path.write_text("gammel", encoding="utf-8")
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "link_outside":
            path.symlink_to(outside_dir)
        elif kind == "link_inside":
            path.symlink_to(root / "delt/maal")
        elif kind == "broken_link":
            path.symlink_to("findes-ikke")
        else:
            path.symlink_to(root / "delt/fil.txt")
    try:
        with no_hang():
            unsafe = unsafe_outputs(root, config, rendered)
            stale = stale_files(root, config, rendered)
            try:
                written = write_all(root, config, rendered)
            except ExportError as error:
                problems, written = error.problems, error.written
            else:
                problems = []
        assert list(outside_dir.iterdir()) == []
        assert (root / "delt/fil.txt").read_text(encoding="utf-8") == "uændret"
        if unsafe:  # refused before anything was written
            assert (problems, written) == (unsafe, [])
        elif not problems:  # all written, as regular files inside the project
            assert written == stale
            real_root = os.path.realpath(root)
            for relative in rendered:
                assert stat.S_ISREG(os.lstat(root / relative).st_mode)
                assert os.path.realpath(root / relative).startswith(real_root + os.sep)
            assert stale_files(root, config, rendered) == []
        for problem in problems:
            assert problem.code.startswith("export_") and problem.message and problem.hint
    finally:
        for top in (".github", "content/admin", "content/schemas"):
            remove(os.fsencode(root / top))
        shutil.rmtree(root / "delt")
        (root / "delt").mkdir()
        shutil.rmtree(outside_dir)


# --- mkdocs build --strict fails on the same problems (a real build, as a process) -------------------


def test_mkdocs_build_fails_on_broken_and_outside_symlinks_and_publishes_nothing_of_them(
    make_site: Callable[..., Site], tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("andetsteds")
    (elsewhere / "hemmelig.md").write_text("HEMMELIGT\n", encoding="utf-8")
    site = make_site({"catalogue/units/enhed.md": entry("unit")})
    (site / "content/hemmelig.md").symlink_to(elsewhere / "hemmelig.md")
    (site / "content/flyttet.md").symlink_to("findes-ikke.md")
    (site / "catalogue/units/flyttet.md").symlink_to("findes-ikke.md")
    result = build(site.root)
    assert not result.ok, result.output
    for line in (
        at("catalogue/units/flyttet.md", broken("findes-ikke.md")),
        at("content/flyttet.md", broken("findes-ikke.md")),
        at("content/hemmelig.md", outside(str(elsewhere / "hemmelig.md"))),
    ):
        assert line.replace(":1:1: error: ", ":1:1: ", 1) in result.output, (line, result.output)
    built = [p for p in (site / "site").rglob("*") if p.is_file()] if (site / "site").exists() else []
    assert not any(b"HEMMELIGT" in p.read_bytes() for p in built)


def test_mkdocs_build_strict_fails_on_a_fifo_in_the_catalogue_without_hanging(make_site: Callable[..., Site]) -> None:
    site = make_site({"catalogue/units/enhed.md": entry("unit")})
    os.mkfifo(site / "catalogue/units/ventende.md")
    result = mkdocs(site.root, "build", "--strict")
    assert result.returncode == 1, result.stdout
    assert at("catalogue/units/ventende.md", FIFO).replace(": warning: ", ": ", 1) in result.stdout


def test_mkdocs_build_skips_what_katalog_skipped_in_content(make_site: Callable[..., Site]) -> None:
    """A FIFO, a link to a page read already, a hidden page: MkDocs must neither open nor publish them."""
    site = make_site({"catalogue/units/enhed.md": entry("unit"), "content/om.md": "# Om\n"})
    os.mkfifo(site / "content/ventende.md")
    (site / "content/alias.md").symlink_to("om.md")
    strict = mkdocs(site.root, "build", "--strict")
    assert strict.returncode == 1, strict.stdout
    assert at("content/ventende.md", FIFO).replace(": warning: ", ": ", 1) in strict.stdout
    assert at("content/alias.md", duplicate("content/om.md")).replace(": warning: ", ": ", 1) in strict.stdout
    lenient = mkdocs(site.root, "build")
    assert lenient.returncode == 0, lenient.stdout
    assert (site / "site/om/index.html").is_file()
    assert not (site / "site/ventende").exists() and not (site / "site/alias").exists()
