"""What a file's front-matter says it is: its type (checked against its folder), its id (else the
file's name) and, for a page, its title."""

from __future__ import annotations

import os
from pathlib import Path

from ..collector import Collector
from ..config.schema import EntryType
from ..config.siteconfig import SiteConfig
from ..hints import closest
from ..problems import Position
from ..read.yamlnodes import YMap, YScalar
from ..slugs import is_slug, slugify


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
