"""Find the catalogue's files and turn each into an entry, collecting every problem on the way."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, yamlnodes
from .bodycheck import unsafe_parts
from .collector import Collector
from .entries import Entry, Page
from .hints import closest
from .problems import Position, Problem, Severity
from .schema import EntryType
from .siteconfig import SiteConfig
from .slugs import is_slug, slugify
from .validate import validate_entry
from .wikilinks import WikiLink, find_wikilinks
from .yamlnodes import YMap, YScalar

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass
class Loaded:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # content/ path -> decoded text, read once
    pages: list[Page] = field(default_factory=list)
    files: int = 0


def markdown_files(directory: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(directory):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath, name) for name in sorted(filenames) if name.endswith(MARKDOWN_SUFFIXES))
    return found


# (path, path relative to the root, the type its folder implies, whether it is in catalogue/)
Job = tuple[Path, str, str | None, bool]
PARALLEL_FROM = 500  # files; below this, starting processes costs more than it saves


def jobs(config: SiteConfig) -> list[Job]:
    found: list[Job] = []
    root = config.root
    catalogue = root / config.catalogue_dir
    if catalogue.is_dir():
        for path in markdown_files(catalogue):
            folder_type = config.schema.type_for_folder(path.parent.relative_to(root).as_posix())
            found.append((path, path.relative_to(root).as_posix(), folder_type.name if folder_type else None, True))
    content = root / config.content_dir
    if content.is_dir():
        found.extend((path, path.relative_to(root).as_posix(), None, False) for path in markdown_files(content))
    return found


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


def load(config: SiteConfig, workers: int = 1, *, bodies: bool = True) -> Loaded:
    """Every file, in a stable order; with workers > 1, parsed and validated in that many processes.

    bodies=False is for checking only: bodies are checked as they are read and then left out
    (entries and pages carry an empty body), which spares sending them back from the workers.
    """
    with collection_paused():
        return _load(config, workers, bodies)


def _load(config: SiteConfig, workers: int, bodies: bool) -> Loaded:
    todo = jobs(config)
    if workers <= 1 or len(todo) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return load_jobs(config, todo, bodies)
    global _worker_config, _worker_bodies
    _worker_config, _worker_bodies = config, bodies  # forked workers inherit them; nothing is pickled
    # This process takes the first share itself: it would otherwise sit idle, and its share
    # needs no pickling back.
    size = -(-len(todo) // workers)
    shares = [todo[i : i + size] for i in range(0, len(todo), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(len(shares) - 1, mp_context=context) as pool:
        others = [pool.submit(_load_chunk, share) for share in shares[1:]]
        parts = [load_jobs(config, shares[0], bodies)]
        parts.extend(other.result() for other in others)
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


def _load_chunk(chunk: list[Job]) -> Loaded:
    assert _worker_config is not None
    return load_jobs(_worker_config, chunk, _worker_bodies)


def load_jobs(config: SiteConfig, todo: list[Job], bodies: bool = True) -> Loaded:
    loaded = Loaded()
    types = config.schema.types
    for path, relative, type_name, in_catalogue in todo:
        folder_type = types[type_name] if type_name else None
        load_file(config, loaded, path, relative, folder_type, in_catalogue=in_catalogue)
    if not bodies:
        for entry in loaded.entries:
            entry.body = ""
        for page in loaded.pages:
            page.body = ""
    return loaded


def load_file(
    config: SiteConfig, loaded: Loaded, path: Path, relative: str, folder_type: EntryType | None, *, in_catalogue: bool
) -> None:
    loaded.files += 1
    out = Collector(relative, config.tr, loaded.problems)
    tr = config.tr
    text, bad = frontmatter.decode(path.read_bytes())
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
    validated = validate_entry(root, entry_type, out, config.vocabularies)
    entry_id, id_pos = entry_identity(out, root, path, validated.data.get("id"))
    wikilinks = check_body(config, out, split.body, split.body_first_line)
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


def check_body(config: SiteConfig, out: Collector, body: str, first_line: int) -> list[WikiLink]:
    """Warn about raw HTML and links the renderer will remove; return the body's `[[id]]` links."""
    if "<" in body or "](" in body or "{" in body:
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


def closest_type(written: str, names: list[str]) -> str | None:
    found = closest(written, names, limit=1)
    return found[0] if found else None


def entry_identity(out: Collector, root: YMap, path: Path, valid_id: object) -> tuple[str, Position]:
    """The `id` when given and valid (a bad one is reported already), else the file's stem."""
    if isinstance(valid_id, str):
        return valid_id, out_position(root, "id")
    stem = path.stem
    if not is_slug(stem):
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
