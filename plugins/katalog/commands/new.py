"""`katalog new TYPE "Title"`: write a new entry for an editor to fill in."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.scaffold import new_entry
from ..core.siteconfig import ConfigError, load_site_config
from ..core.slugs import slugify
from . import EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE
from .common import print_config_error


def run(root: Path, type_name: str, title: str) -> int:
    try:
        config = load_site_config(root)
    except ConfigError as error:
        return print_config_error(error)
    tr = config.tr
    entry_type = config.schema.types.get(type_name)
    if entry_type is None:
        print(tr("new.unknown_type", type=type_name, types=", ".join(config.schema.types)), file=sys.stderr)
        return EXIT_USAGE
    if not slugify(title):
        print(tr("new.bad_title", title=title), file=sys.stderr)
        return EXIT_USAGE
    relative, text = new_entry(config, entry_type, title)
    path = root / relative
    if path.exists():
        print(tr("new.exists", path=relative), file=sys.stderr)
        return EXIT_PROBLEMS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(tr("new.created", path=relative))
    return EXIT_CLEAN
