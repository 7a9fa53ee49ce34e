"""A new entry's file: every key of its type, each with a comment in the site's language."""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from ..core.collector import Collector
from ..core.config.schema import CONTENT_FOLDER, EntryType, Field
from ..core.config.siteconfig import SiteConfig
from ..core.slugs import slugify
from ..core.validate.entry import EntryValidator


def entry_path(config: SiteConfig, entry_type: EntryType, entry_id: str) -> str:
    folder = entry_type.folder
    if folder == CONTENT_FOLDER:  # where Decap CMS writes new articles too (exports/decap.py)
        folder = f"{config.content_dir}/{config.settings.articles_folder.strip('/')}"
    return str(PurePosixPath(folder) / f"{entry_id}.md")


# The longest id made from a title. The id is the file name and part of the page's address: a
# title's words up to here name the entry well, and the file name stays far below the 255 bytes
# file systems allow (a slug is ASCII, so characters are bytes).
MAX_ID_LENGTH = 80


def id_from_title(title: str) -> str:
    """The title's slug, cut after the last whole word that fits in MAX_ID_LENGTH characters
    (in the middle of a word only when a single word is longer than that)."""
    slug = slugify(title)
    if len(slug) <= MAX_ID_LENGTH:
        return slug
    cut = slug[: MAX_ID_LENGTH + 1]
    words = cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_ID_LENGTH]
    return words[:MAX_ID_LENGTH].strip("-")


def new_entry(config: SiteConfig, entry_type: EntryType, title: str) -> tuple[str, str]:
    """(relative path, text) of a new entry with a valid id made from its title."""
    entry_id = id_from_title(title)
    tr = config.tr
    expected = EntryValidator(Collector("", tr, []), config.vocabularies).expected
    label = tr.pick(entry_type.label, entry_type.name)
    lines = ["---", f"# {tr('new.header', type=label)}", f"type: {entry_type.name}"]
    for field_ in entry_type.fields.values():
        if field_.name == "id":
            continue
        lines.extend(_field_lines(config, field_, expected, indent="", title=title))
    lines += ["---", "", tr("new.body"), ""]
    return entry_path(config, entry_type, entry_id), "\n".join(lines)


def _comment(config: SiteConfig, field_: Field, expected: str, indent: str) -> str:
    tr = config.tr
    need = tr("new.required") if field_.required else tr("new.optional")
    help_text = tr.pick(field_.help)
    label = tr.pick(field_.label, field_.name)
    text = f"{label} ({need}; {expected})" + (f": {help_text}" if help_text else "")
    return f"{indent}# {text}"


def _field_lines(config: SiteConfig, field_: Field, expected: object, indent: str, title: str = "") -> list[str]:
    describe = expected  # EntryValidator.expected
    lines = [_comment(config, field_, describe(field_), indent)]  # type: ignore[operator]
    name = field_.name
    if name == "title" and not indent:
        lines.append(f"{indent}{name}: {json.dumps(title, ensure_ascii=False)}")
    elif field_.kind == "object":
        lines.append(f"{indent}{name}:")
        inner = indent + ("    " if field_.many else "  ")
        sub_lines: list[str] = []
        for sub in field_.fields.values():
            sub_lines.extend(_field_lines(config, sub, expected, inner))
        if field_.many:
            # The first key of a list item carries the dash.
            first = next(i for i, line in enumerate(sub_lines) if not line.lstrip().startswith("#"))
            sub_lines[first] = indent + "  - " + sub_lines[first].lstrip()
        lines.extend(sub_lines)
    elif field_.many and not field_.allow_single:
        lines.append(f"{indent}{name}: []")
    else:
        lines.append(f"{indent}{name}:")
    return lines
