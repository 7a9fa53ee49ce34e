"""Find the catalogue's files and turn each into an entry, collecting every problem on the way."""

from __future__ import annotations

import datetime
import gc
import os
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..collector import Collector
from ..config.schema import EntryType
from ..config.settings import build_date
from ..config.siteconfig import SiteConfig
from ..entries import Entry, Page
from ..hints import closest
from ..link.wikilinks import WikiLink, find_wikilinks
from ..parallel import fork_context, worth_spreading
from ..problems import Position, Problem, Severity
from ..slugs import is_slug, slugify
from ..validate.bodycheck import unsafe_parts
from ..validate.entry import validate_entry
from . import frontmatter, yamlnodes
from .files import NotRegularFile, escaped, file_kind, is_inside, os_reason, read_regular, shown, unshowable
from .loaded import Loaded
from .transfer import pack, unpack
from .yamlnodes import YMap, YScalar

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


@contextmanager
def collection_paused() -> Iterator[None]:
    """Loading allocates millions of small objects that hold no reference cycles. Python's cyclic
    collector would walk all of them again and again, while loading (half its time at 10,000 files)
    and in every later step; so it pauses while we load, and what we loaded is then frozen out of
    its sight. Reference counting still frees all of it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


FileKey = tuple[int, int, int, int]  # (mtime in ns, size, inode, ctime in ns)


@dataclass
class FileCache:
    """What each file gave when last read, kept between loads by a long-running process (`mkdocs
    serve`): a file whose key is unchanged is not read again. What a file gives also depends on
    site_config/; the caller passes a token of it, and a new token empties the cache."""

    token: object = None
    results: dict[str, tuple[FileKey, Loaded]] = field(default_factory=dict)
    read: int = 0  # files read (not reused) by the last load


def load(
    config: SiteConfig, workers: int = 1, *, bodies: bool = True, cache: FileCache | None = None, token: object = None
) -> Loaded:
    """Every file, in a stable order; with workers > 1, parsed and validated in that many processes.

    bodies=False is for checking only: bodies are checked as they are read and then left out
    (entries and pages carry an empty body), which spares sending them back from the workers.
    cache: reuse what an unchanged file gave last time (token: what the results depend on besides
    the files, e.g. site_config/'s state).
    """
    with collection_paused():
        return _load(config, workers, bodies, cache, token)


def _load(config: SiteConfig, workers: int, bodies: bool, cache: FileCache | None, token: object) -> Loaded:
    found = discover(config)
    if cache is None:
        loaded = _load_found(config, found.jobs, workers, bodies)
    else:
        loaded = _load_cached(config, found.jobs, workers, bodies, cache, token)
    loaded.problems.extend(found.problems)
    loaded.files += found.files
    return loaded


def _file_key(path: str) -> FileKey | None:
    try:
        info = os.stat(path)
    except OSError:
        return None  # read it, and report what the file system says
    return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)


def _load_cached(
    config: SiteConfig, todo: list[Job], workers: int, bodies: bool, cache: FileCache, token: object
) -> Loaded:
    if cache.token != token:
        cache.results.clear()
        cache.token = token
    keys = [_file_key(job[0]) for job in todo]
    parts: list[Loaded | None] = []
    missing: list[int] = []
    for index, (job, key) in enumerate(zip(todo, keys, strict=True)):
        kept = cache.results.get(job[1])
        if key is not None and kept is not None and kept[0] == key:
            parts.append(kept[1])
        else:
            parts.append(None)
            missing.append(index)
    for index, part in zip(missing, _load_each(config, [todo[i] for i in missing], workers, bodies), strict=True):
        parts[index] = part
        key = keys[index]
        if key is not None:
            cache.results[todo[index][1]] = (key, part)
    relatives = {job[1] for job in todo}
    for gone in [relative for relative in cache.results if relative not in relatives]:
        del cache.results[gone]
    cache.read = len(missing)
    merged = Loaded()
    for maybe in parts:
        assert maybe is not None
        part = maybe
        merged.entries.extend(part.entries)
        merged.problems.extend(part.problems)
        merged.texts.update(part.texts)
        merged.pages.extend(part.pages)
        merged.files += part.files
    return merged


def _load_each(config: SiteConfig, todo: list[Job], workers: int, bodies: bool) -> list[Loaded]:
    """What each file gives on its own, in order (to be kept per file)."""
    if not worth_spreading(len(todo), workers):
        return [load_jobs(config, [job], bodies) for job in todo]
    global _worker_config, _worker_bodies
    _worker_config, _worker_bodies = config, bodies
    size = -(-len(todo) // workers)
    shares = [todo[i : i + size] for i in range(0, len(todo), size)]
    context = fork_context()
    with ProcessPoolExecutor(len(shares) - 1, mp_context=context) as pool:
        others = [pool.submit(_load_chunk_each, share) for share in shares[1:]]
        each = [load_jobs(config, [job], bodies) for job in shares[0]]
        for other in others:
            each.extend(unpack(packed) for packed in other.result())
    return each


def _load_found(config: SiteConfig, todo: list[Job], workers: int, bodies: bool) -> Loaded:
    if not worth_spreading(len(todo), workers):
        return load_jobs(config, todo, bodies)
    global _worker_config, _worker_bodies
    _worker_config, _worker_bodies = config, bodies  # forked workers inherit them; nothing is pickled
    # This process takes the first share itself: it would otherwise sit idle, and its share
    # needs no pickling back.
    size = -(-len(todo) // workers)
    shares = [todo[i : i + size] for i in range(0, len(todo), size)]
    context = fork_context()
    with ProcessPoolExecutor(len(shares) - 1, mp_context=context) as pool:
        others = [pool.submit(_load_chunk, share) for share in shares[1:]]
        parts = [load_jobs(config, shares[0], bodies)]
        parts.extend(unpack(other.result()) for other in others)
    merged = Loaded()
    for part in parts:
        merged.entries.extend(part.entries)
        merged.problems.extend(part.problems)
        merged.texts.update(part.texts)
        merged.pages.extend(part.pages)
        merged.files += part.files
    return merged


_worker_config: SiteConfig | None = None
_worker_bodies = True


def _load_chunk(chunk: list[Job]) -> bytes:
    assert _worker_config is not None
    return pack(load_jobs(_worker_config, chunk, _worker_bodies))


def _load_chunk_each(chunk: list[Job]) -> list[bytes]:
    assert _worker_config is not None
    return [pack(load_jobs(_worker_config, [job], _worker_bodies)) for job in chunk]


def load_jobs(config: SiteConfig, todo: list[Job], bodies: bool = True) -> Loaded:
    loaded = Loaded()
    types = config.schema.types
    # The same for every file: asked once (the day a `reviewed` date may not pass, the body `katalog new` writes).
    today = build_date()
    placeholder = config.tr("new.body").strip()
    for path, relative, type_name, in_catalogue in todo:
        folder_type = types[type_name] if type_name else None
        load_file(
            config,
            loaded,
            path,
            relative,
            folder_type,
            in_catalogue=in_catalogue,
            today=today,
            placeholder=placeholder,
        )
    if not bodies:
        for entry in loaded.entries:
            entry.body = ""
        for page in loaded.pages:
            page.body = ""
    return loaded


def load_file(
    config: SiteConfig,
    loaded: Loaded,
    path: str,
    relative: str,
    folder_type: EntryType | None,
    *,
    in_catalogue: bool,
    today: datetime.date | None = None,
    placeholder: str | None = None,
) -> None:
    loaded.files += 1
    out = Collector(relative, config.tr, loaded.problems)
    tr = config.tr
    try:
        data = read_regular(path)
    except OSError as error:
        report_unreadable(out, error)
        return
    text, bad = frontmatter.decode(data)
    if text is None:
        assert bad is not None
        code, pos, args = bad
        out.add(code, pos, found=tr("found.byte", byte=args["byte"]), hint=tr("hints.not_utf8"), **args)
        return
    if not in_catalogue:
        loaded.texts[relative] = text
    if in_catalogue and folder_type is None:
        known = ", ".join(f"{config.catalogue_dir}/{t.folder.split('/')[-1]}/" for t in config.schema.catalogue_types)
        out.add("unknown_folder", Position(1, 1), hint=tr("hints.move_to", folders=known))
        return
    split = frontmatter.split(text, required=in_catalogue)
    if split.issue is not None:
        code, pos, args = split.issue
        out.add(code, pos, hint=tr(f"hints.{code}"), **args)
        return
    if split.yaml_text is None:
        wikilinks = check_body(config, out, split.body, split.body_first_line)
        loaded.pages.append(Page(relative, "", split.body, split.body_first_line, wikilinks))
        return
    parsed = yamlnodes.parse(split.yaml_text, line_offset=split.yaml_first_line - 1)
    for issue in parsed.issues:
        args = {name: value for name, value in issue.args.items() if name != "key"}
        out.add(issue.code, issue.pos, issue.args.get("key", ""), hint=tr(f"hints.{issue.code}"), **args)
    if parsed.issues and parsed.root is None:
        return
    root = parsed.root
    if root is None:
        root = YMap({}, Position(1, 1))
    if not isinstance(root, YMap):
        out.add("not_mapping", root.pos, hint=tr("hints.not_mapping"))
        return
    if not in_catalogue and "type" not in root.items:
        wikilinks = check_body(config, out, split.body, split.body_first_line)
        meta = yamlnodes.to_plain(root)
        loaded.pages.append(Page(relative, page_title(root), split.body, split.body_first_line, wikilinks, meta))
        return
    entry_type = resolve_type(config, out, root, folder_type, in_catalogue, relative)
    if entry_type is None:
        return
    errors_before = out.errors
    validated = validate_entry(root, entry_type, out, config.vocabularies, config.root, today=today)
    entry_id, id_pos = entry_identity(out, root, path, validated.data.get("id"))
    wikilinks = check_body(config, out, split.body, split.body_first_line)
    check_placeholder(config, out, split.body, split.body_first_line, placeholder)
    loaded.entries.append(
        Entry(
            id=entry_id,
            type=entry_type.name,
            path=relative,
            data=validated.data,
            body=split.body,
            body_first_line=split.body_first_line,
            id_pos=id_pos,
            references=validated.references,
            positions=validated.positions,
            wikilinks=wikilinks,
            valid=out.errors == errors_before and not parsed.issues,
        )
    )


def report_unreadable(out: Collector, error: OSError) -> None:
    """A file that could not be read: what it is instead, or why the file system said no."""
    tr = out.tr
    start = Position(1, 1)
    if isinstance(error, NotRegularFile):
        kind = file_kind(tr, error.mode)
        out.add("not_regular_file", start, severity=Severity.WARNING, hint=tr("hints.not_regular_file"), kind=kind)
    else:
        out.add("unreadable_file", start, hint=tr("hints.unreadable_file"), reason=os_reason(tr, error))


def check_body(config: SiteConfig, out: Collector, body: str, first_line: int) -> list[WikiLink]:
    """Warn about raw HTML and links the renderer will remove; return the body's `[[id]]` links."""
    if len(body) > MAX_BODY_CHARS:
        check_body_length(config, out, body, first_line)
    if "<" in body or "](" in body or "{" in body or "]:" in body:  # the last: link reference definitions
        strict_html = config.settings.sanitize_html
        tr = config.tr
        for removal in unsafe_parts(body, first_line):
            if removal.code != "unsafe_link" and not strict_html:
                continue
            out.add(
                removal.code,
                removal.pos,
                severity=Severity.WARNING,
                found=removal.what,
                hint=tr(f"hints.{removal.code}"),
                what=removal.what,
            )
    return find_wikilinks(body, first_line) if "[[" in body else []


# Python-Markdown spends time that grows faster than the text on some constructs repeated many
# times (code spans, fenced blocks, links: each is copied into a new string); this bound keeps a
# page's build in seconds, at about 30,000 words, far beyond a catalogue entry.
MAX_BODY_CHARS = 200_000


def check_body_length(config: SiteConfig, out: Collector, body: str, first_line: int) -> None:
    line_start = body.rfind("\n", 0, MAX_BODY_CHARS) + 1
    out.add(
        "body_too_long",
        Position(first_line + body.count("\n", 0, MAX_BODY_CHARS), MAX_BODY_CHARS - line_start + 1),
        hint=config.tr("hints.body_too_long"),
        count=len(body),
        limit=MAX_BODY_CHARS,
    )


def check_placeholder(
    config: SiteConfig, out: Collector, body: str, first_line: int, placeholder: str | None = None
) -> None:
    """`katalog new` writes a body that tells the editor what to write; left as it is, it would be published.

    placeholder: config.tr("new.body").strip(), when the caller has it already."""
    if placeholder is None:
        placeholder = config.tr("new.body").strip()
    if placeholder and body.strip() == placeholder:
        lines = body.split("\n")
        line = next(index for index, text in enumerate(lines) if text.strip())
        out.add(
            "placeholder_body",
            Position(first_line + line, 1),
            severity=Severity.WARNING,
            hint=config.tr("hints.placeholder_body"),
        )


def resolve_type(
    config: SiteConfig, out: Collector, root: YMap, folder_type: EntryType | None, in_catalogue: bool, relative: str
) -> EntryType | None:
    tr = config.tr
    types = config.schema.types
    if "type" not in root.items:
        if in_catalogue:
            return folder_type
        return None  # an ordinary page of content/
    _key, node = root.items["type"]
    written = node.raw if isinstance(node, YScalar) else ""
    if written not in types:
        out.add(
            "unknown_type",
            node.pos,
            "type",
            expected=", ".join(types),
            found=f'"{written}"',
            hint=tr("hints.did_you_mean", suggestion=(closest_type(written, list(types)) or next(iter(types)))),
            value=written,
        )
        return None
    declared = types[written]
    expected_type = folder_type if in_catalogue else None
    if (in_catalogue and declared is not folder_type) or (not in_catalogue and declared.in_catalogue):
        folder = f"{config.content_dir}/" if not declared.in_catalogue else f"{declared.folder}/"
        out.add(
            "type_mismatch",
            node.pos,
            "type",
            expected=expected_type.name if expected_type else ", ".join(t.name for t in config.schema.content_types),
            found=f'"{written}"',
            hint=tr("hints.type_mismatch", folder=folder, type=written),
            value=written,
            folder=relative.rsplit("/", 1)[0] + "/",
        )
        return None
    return declared


def page_title(root: YMap) -> str:
    if "title" in root.items:
        node = root.items["title"][1]
        if isinstance(node, YScalar):
            return node.raw
    return ""


def out_position(root: YMap, key: str) -> Position:
    node = root.items[key][1]
    return node.pos


def _stem(path: Path | str) -> str:
    """Path(path).stem, without making a Path: the name without its last suffix."""
    name = os.fspath(path).rsplit(os.sep, 1)[-1]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def closest_type(written: str, names: list[str]) -> str | None:
    found = closest(written, names, limit=1)
    return found[0] if found else None


def entry_identity(out: Collector, root: YMap, path: Path | str, valid_id: object) -> tuple[str, Position]:
    """The `id` when given and valid (a bad one is reported already), else the file's stem."""
    if isinstance(valid_id, str):
        return valid_id, out_position(root, "id")
    stem = _stem(path)
    if not is_slug(stem):
        path = Path(path)
        out.add(
            "bad_filename",
            Position(1, 1),
            "id",
            expected=out.tr("expected.slug"),
            found=f'"{path.name}"',
            hint=out.tr("hints.rename", name=(slugify(stem) or "eksempel") + path.suffix),
            value=path.name,
        )
    return stem, Position(1, 1)
