"""Finding the catalogue's files: every regular Markdown file under catalogue/ and content/ to read,
and a problem for each thing found instead (withheld from reading and publishing)."""

from __future__ import annotations

import os
import stat
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..collector import Collector
from ..config.siteconfig import SiteConfig
from ..problems import Position, Problem, Severity
from ..read.files import escaped, file_kind, is_inside, os_reason, shown, unshowable

# Only these are read, in any case of the suffix: x.MD is an entry as x.md is. (MkDocs itself makes
# pages only of lower-case suffixes, so in content/ another case is an error: see markdown_case.)
MARKDOWN_SUFFIXES = (".md", ".markdown")
# Emacs marks a file it has open with a lock `.#name.md`: a symbolic link to user@host.pid, broken
# by design. It lives only while the file is open, holds nothing to publish, and a warning would
# fail every strict build run beside an open editor; so it is skipped without a word. Other
# editors' backup and swap files (x.md~, .x.md.swp, #x.md#) do not end in .md and are never read.
EDITOR_LOCK_PREFIX = ".#"
# Characters a path may not hold: control and format characters (line breaks, bidi overrides,
# zero-width marks), line and paragraph separators, and bytes that are not UTF-8 (which Python
# gives as lone surrogates). Any of them would break the one-line PATH:LINE:COL report or hide
# what the name is.

# Problems that withhold a path: the file, or the folder and everything under it, is neither read
# nor published. The MkDocs adapter drops these from MkDocs' own list of files (see withheld()).
WITHHELD = frozenset(
    {
        "bad_path_name",
        "broken_symlink",
        "hidden_file",
        "markdown_case",
        "not_regular_file",
        "outside_root",
        "symlink_duplicate",
        "symlink_loop",
        "unreadable_file",
        "unreadable_folder",
    }
)


# (path, path relative to the root, the type its folder implies, whether it is in catalogue/)
Job = tuple[str, str, str | None, bool]


def is_markdown(name: str) -> bool:
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def withheld(problems: Iterable[Problem]) -> Callable[[str], bool]:
    """For the MkDocs adapter: a test of whether a path relative to the root (`content/x.md`) must be
    neither read nor published, because it or a folder above it was refused or skipped."""
    refused = {problem.path for problem in problems if problem.code in WITHHELD}

    def test(relative: str) -> bool:
        if not refused:
            return False
        parts = shown(relative).split("/")
        return any("/".join(parts[:end]) in refused for end in range(1, len(parts) + 1))

    return test


class _Slot:
    """A place in the stable order of files, filled later: what a symbolic link leads to is
    decided after every file reached without one, but it is read where the link stands."""

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[Job | _Slot] = []

    def flat(self) -> list[Job]:
        found: list[Job] = []
        stack = [iter(self.items)]
        while stack:
            for item in stack[-1]:
                if isinstance(item, _Slot):
                    stack.append(iter(item.items))
                    break
                found.append(item)
            else:
                stack.pop()
        return found


@dataclass
class Found:
    jobs: list[Job]
    problems: list[Problem]
    files: int  # files reported instead of read


class _Finder:
    """Walks catalogue/ and content/ without ever opening a file: what is not a regular Markdown file
    inside the project is reported at its path (and withheld), never read, never a traceback.

    Symbolic links are followed only inside the project, and only after everything reached without
    one, so a file is read once, at its own path: a link to a file or folder read already is
    skipped with a warning, a link to a folder holding the link itself (a loop) too."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.tr = config.tr
        self.root = os.path.realpath(config.root)
        self.problems: list[Problem] = []
        self.reported = 0
        self.dirs: set[str] = set()  # real paths of the folders walked
        self.files: dict[str, str] = {}  # real path of each Markdown file read -> its path from the root
        self.links: deque[tuple[str, str, bool, _Slot]] = deque()  # (path, relative, in catalogue/, slot)

    def find(self) -> Found:
        top = _Slot()
        for relative, in_catalogue in ((self.config.catalogue_dir, True), (self.config.content_dir, False)):
            path = os.path.join(self.config.root, relative)
            if os.path.islink(path):
                slot = _Slot()
                top.items.append(slot)
                self.links.append((path, relative, in_catalogue, slot))
            elif os.path.isdir(path):
                self.walk(path, relative, os.path.realpath(path), in_catalogue, top)
        while self.links:
            self.follow(*self.links.popleft())
        return Found(top.flat(), self.problems, self.reported)

    def report(self, code: str, relative: str, *, warning: bool = False, folder: bool = False, **args: str) -> None:
        severity = Severity.WARNING if warning else Severity.ERROR
        out = Collector(shown(relative), self.tr, self.problems)
        out.add(code, Position(1, 1), severity=severity, hint=self.tr(f"hints.{code}", **args), **args)
        if not folder:
            self.reported += 1

    def walk(self, top: str, relative: str, real: str, in_catalogue: bool, slot: _Slot) -> None:
        # A stack, not recursion: a hostile tree may be nested deeper than Python's recursion limit.
        stack = [(top, relative, real)]
        while stack:
            path, rel, real_dir = stack.pop()
            if real_dir in self.dirs:
                continue  # reached already another way
            self.dirs.add(real_dir)
            try:
                with os.scandir(path) as listing:
                    items = sorted(listing, key=lambda item: item.name)
            except OSError as error:
                self.report("unreadable_folder", rel, folder=True, reason=os_reason(self.tr, error))
                continue
            folder_type = self.folder_type(rel) if in_catalogue else None
            subfolders: list[tuple[str, str, str]] = []
            for item in items:
                name, item_rel = item.name, f"{rel}/{item.name}"
                try:
                    if name.startswith("."):
                        self.hidden(item, item_rel)
                        continue
                    if bad := unshowable(name):
                        chars = ", ".join(escaped(char) for char in bad)
                        self.report("bad_path_name", item_rel, folder=item.is_dir(follow_symlinks=False), chars=chars)
                        continue
                    if item.is_symlink():
                        slot.items.append(link_slot := _Slot())
                        self.links.append((item.path, item_rel, in_catalogue, link_slot))
                    elif item.is_dir(follow_symlinks=False):
                        self.folder_name(name, item_rel)
                        subfolders.append((item.path, item_rel, os.path.join(real_dir, name)))
                    elif item.is_file(follow_symlinks=False):
                        self.file(item.path, item_rel, os.path.join(real_dir, name), in_catalogue, folder_type, slot)
                    else:
                        mode = item.stat(follow_symlinks=False).st_mode
                        self.report("not_regular_file", item_rel, warning=True, kind=file_kind(self.tr, mode))
                except OSError as error:
                    self.report("unreadable_file", item_rel, reason=os_reason(self.tr, error))
            stack.extend(reversed(subfolders))

    def hidden(self, item: os.DirEntry[str], relative: str) -> None:
        """Hidden folders and files are skipped as git users expect; a hidden Markdown file is said."""
        name = item.name
        if is_markdown(name) and not name.startswith(EDITOR_LOCK_PREFIX) and not item.is_dir(follow_symlinks=False):
            self.report("hidden_file", relative, warning=True)

    def folder_name(self, name: str, relative: str) -> None:
        if is_markdown(name):
            self.report("folder_named_md", relative, warning=True, folder=True, suffix=_suffix(name))

    def folder_type(self, relative: str) -> str | None:
        found = self.config.schema.type_for_folder(relative)
        return found.name if found else None

    def file(
        self, path: str, relative: str, real: str, in_catalogue: bool, folder_type: str | None, slot: _Slot
    ) -> None:
        name = relative.rsplit("/", 1)[-1]
        if not is_markdown(name):
            # Not Katalog's to read; but MkDocs copies everything in content/, and would fail on this.
            if not in_catalogue and not os.access(path, os.R_OK):
                self.report("unreadable_file", relative, reason=self.tr("filesystem.no_access"))
            return
        if not in_catalogue and not name.endswith(MARKDOWN_SUFFIXES):
            suffix = _suffix(name)
            lower = suffix.lower()
            self.report("markdown_case", relative, suffix=suffix, lower=lower, name=name[: -len(suffix)] + lower)
            return
        first = self.files.get(real)
        if first is not None:
            self.report("symlink_duplicate", relative, warning=True, other=shown(first))
            return
        self.files[real] = relative
        slot.items.append((path, relative, folder_type, in_catalogue))

    def follow(self, path: str, relative: str, in_catalogue: bool, slot: _Slot) -> None:
        """A symbolic link: refused if it leads out of the project or nowhere, else read where it stands."""
        try:
            target = shown(os.readlink(path))
        except OSError:
            target = "?"
        real = os.path.realpath(path)
        if not is_inside(real, self.root):
            # Reported whether or not the target exists: either way nothing is read through it.
            self.report("outside_root", relative, folder=os.path.isdir(path), target=target)
            return
        try:
            mode = os.stat(path).st_mode
        except (FileNotFoundError, NotADirectoryError):
            self.report("broken_symlink", relative, target=target)
            return
        except OSError as error:
            self.report("unreadable_file", relative, reason=os_reason(self.tr, error))
            return
        if stat.S_ISDIR(mode):
            other = shown(os.path.relpath(real, self.root).replace(os.sep, "/")) + "/"
            if is_inside(os.path.realpath(os.path.dirname(path)), real):
                self.report("symlink_loop", relative, warning=True, folder=True, other=other)
            elif real in self.dirs:
                self.report("symlink_duplicate", relative, warning=True, folder=True, other=other)
            else:
                self.folder_name(relative.rsplit("/", 1)[-1], relative)
                self.walk(path, relative, real, in_catalogue, slot)
        elif stat.S_ISREG(mode):
            parent = relative.rsplit("/", 1)[0]
            folder_type = self.folder_type(parent) if in_catalogue else None
            self.file(path, relative, real, in_catalogue, folder_type, slot)
        else:
            self.report("not_regular_file", relative, warning=True, kind=file_kind(self.tr, mode))


def _suffix(name: str) -> str:
    lowered = name.lower()
    return next(name[-len(suffix) :] for suffix in MARKDOWN_SUFFIXES if lowered.endswith(suffix))


def discover(config: SiteConfig) -> Found:
    """Every regular Markdown file to read, and a problem for each thing found instead."""
    return _Finder(config).find()


def jobs(config: SiteConfig) -> list[Job]:
    return discover(config).jobs
