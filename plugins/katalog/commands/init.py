"""`katalog init`: turn a fresh fork into an empty catalogue, keeping one example entry of each type."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from ..core.catalogue import Catalogue, build_catalogue
from ..core.config.settings import normal_site_url
from ..core.config.siteconfig import ConfigError
from ..core.entries import Entry
from ..core.i18n import Translator
from ..core.problems import Position
from ..core.read.files import NotRegularFile, is_inside, os_reason, read_regular
from ..core.read.frontmatter import decode
from ..core.report import summary, text_line
from ..editing.pruning import prune_references, prune_values
from . import EXIT_CLEAN, EXIT_PROBLEMS
from .common import print_config_error


def choose_examples(catalogue: Catalogue) -> dict[str, Entry]:
    """One entry per type, chosen so the examples point at each other: the most-named unit, then
    the initiative and case that name it with the fewest other references, the simplest article."""
    incoming = {entry_id: len(links) for entry_id, links in catalogue.incoming.items()}
    root = catalogue.config.root

    def linked(entry: Entry) -> bool:
        # A symbolic link is kept as it is (see run), so a regular file makes the better example.
        return os.path.islink(root / entry.path)

    def fewest_references(entry: Entry) -> tuple[bool, int, str]:
        return (linked(entry), len(catalogue.outgoing.get(entry.id, [])), entry.id)

    chosen: dict[str, Entry] = {}
    units = catalogue.of_type("unit")
    unit = min(units, key=lambda e: (linked(e), -incoming.get(e.id, 0), e.id)) if units else None
    if unit is not None:
        chosen["unit"] = unit
    for type_name in catalogue.config.schema.types:
        if type_name in chosen:
            continue
        candidates = catalogue.of_type(type_name)
        naming_unit = [e for e in candidates if unit and unit.id in {link.target for link in catalogue.outgoing[e.id]}]
        pool = naming_unit or candidates
        if pool:
            chosen[type_name] = min(pool, key=fewest_references)
    return chosen


Ask = Callable[[str], str]  # shows a question, returns the answer (input(), or a test's answers)
_SITE_URL_LINE = re.compile(r"^site_url:.*$", re.MULTILINE)


def run(root: Path, apply: bool, ask: Ask | None = None) -> int:
    """ask: how to ask the fork's site_url; by default input() when a person is at the terminal."""
    if ask is None and apply and sys.stdin.isatty():
        ask = input
    asked = False
    try:
        catalogue = build_catalogue(root)
    except ConfigError as error:
        if ask is None or not apply or not _only_site_url_missing(error):
            return print_config_error(error)
        # A fork without site_url yet: ask for it first, then go on.
        if not ask_site_url(root, error.tr, ask, ""):
            return print_config_error(error)
        asked = True
        try:
            catalogue = build_catalogue(root)
        except ConfigError as again:
            return print_config_error(again)
    tr = catalogue.config.tr
    if catalogue.errors:
        print(tr("init.fix_first", errors=len(catalogue.errors)))
        return EXIT_PROBLEMS
    keep = choose_examples(catalogue)
    kept_ids = {entry.id for entry in keep.values()}
    gone = [entry for entry in catalogue.entries.values() if entry.id not in kept_ids]
    for entry in sorted(keep.values(), key=lambda e: e.path):
        print(tr("init.keep", path=entry.path))
    if not apply:
        print(tr("init.would_remove", count=len(gone)))
        return EXIT_CLEAN
    gone_ids = {entry.id for entry in gone}
    titles = {entry.id: entry.title for entry in gone}
    real_root = os.path.realpath(root)
    failed = False
    removed = 0
    for entry in gone:
        if remove(tr, root / entry.path, entry.path, real_root):
            removed += 1
        else:
            failed = True
    for entry in sorted(keep.values(), key=lambda e: e.path):
        failed |= not prune(tr, root / entry.path, entry, gone_ids, titles, real_root)
    featured_gone = [(pos, entry_id) for entry_id, pos in catalogue.config.settings.featured if entry_id in gone_ids]
    if featured_gone:
        failed |= not prune_featured(tr, root, featured_gone)
    print(tr("init.removed", count=removed))
    # A fork publishes somewhere else than the catalogue it came from: ask where (Enter keeps it).
    if ask is not None and not asked and not ask_site_url(root, tr, ask, catalogue.config.settings.site_url):
        failed = True
    after = build_catalogue(root)
    for problem in after.problems:
        print(text_line(problem, tr))
    print(summary(after.problems, after.files, tr))
    return EXIT_PROBLEMS if after.errors or failed else EXIT_CLEAN


def _only_site_url_missing(error: ConfigError) -> bool:
    return all(problem.key == "site_url" for problem in error.problems)


def ask_site_url(root: Path, tr: Translator, ask: Ask, current: str) -> bool:
    """Ask until the answer is a web address (Enter keeps the current one), and write it into site.yml."""
    while True:
        try:
            answer = ask(tr("init.site_url_question", current=current) if current else tr("init.site_url_question_new"))
        except EOFError:
            return bool(current)
        if not answer.strip() and current:
            return True
        url = normal_site_url(answer)
        if url is not None:
            break
        print(tr("init.site_url_invalid", value=answer.strip()))
    path = root / "site_config" / "site.yml"
    try:
        text = read_regular(path).decode("utf-8")
        line = f"site_url: {json.dumps(url)}"
        if _SITE_URL_LINE.search(text):
            text = _SITE_URL_LINE.sub(lambda _: line, text, count=1)
        else:
            text = f"{text.rstrip()}\n\n{line}\n" if text.strip() else f"{line}\n"
        if path.is_symlink():
            raise PermissionError(errno.EPERM, "a symbolic link")
        path.write_text(text, encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = os_reason(tr, error) if isinstance(error, OSError) else str(error)
        print(tr("init.cannot_change", path="site_config/site.yml", reason=reason))
        return False
    print(tr("init.site_url_written", url=url))
    return True


def remove(tr: Translator, path: Path, relative: str, real_root: str) -> bool:
    """Delete an entry: a symbolic link itself (never what it points at), or a regular file in the project."""
    try:
        if not path.is_symlink():  # the loader let no such file by; it may have changed since
            mode = path.lstat().st_mode
            if not stat.S_ISREG(mode):
                raise NotRegularFile(mode)
            if not is_inside(os.path.realpath(path), real_root):
                raise PermissionError(errno.EPERM, "outside the project")
        path.unlink()
    except OSError as error:
        print(tr("init.cannot_change", path=relative, reason=os_reason(tr, error)))
        return False
    return True


def prune_featured(tr: Translator, root: Path, gone: list[tuple[Position, str]]) -> bool:
    """site.yml without the featured ids of removed entries (its check would refuse them)."""
    path = root / "site_config" / "site.yml"
    try:
        text = read_regular(path).decode("utf-8")
        if path.is_symlink():
            raise PermissionError(errno.EPERM, "a symbolic link")
        path.write_text(prune_values(text, gone), encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = os_reason(tr, error) if isinstance(error, OSError) else str(error)
        print(tr("init.cannot_change", path="site_config/site.yml", reason=reason))
        return False
    print(tr("init.featured_pruned"))
    return True


def prune(tr: Translator, path: Path, entry: Entry, gone: set[str], titles: dict[str, str], real_root: str) -> bool:
    """Rewrite a kept entry without its references to removed ones. A symbolic link is left as it is:
    rewriting it would change the file it points at, which may be anyone's."""
    try:
        if path.is_symlink():
            references = {r.target for r in entry.references} | {w.target for w in entry.wikilinks}
            if references & gone:
                print(tr("init.symlink_kept", path=entry.path))
            return True
        if not is_inside(os.path.realpath(path), real_root):  # the loader let no such file by
            raise PermissionError(errno.EPERM, "outside the project")
        text, _ = decode(read_regular(path))  # it loaded above, so it decodes
        assert text is not None
        pruned = prune_references(entry, text, gone, titles)
        if pruned == text:
            return True
        # O_NOFOLLOW: should the file have become a link since, this fails instead of writing through it.
        flags = os.O_WRONLY | os.O_TRUNC | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
        with open(os.open(path, flags), "w", encoding="utf-8") as file:
            file.write(pruned)
    except OSError as error:
        print(tr("init.cannot_change", path=entry.path, reason=os_reason(tr, error)))
        return False
    return True
