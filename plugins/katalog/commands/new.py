"""`katalog new TYPE "Title"`: write a new entry for an editor to fill in."""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePosixPath

from ..core.config.siteconfig import ConfigError, load_site_config
from ..core.i18n import Translator
from ..core.read.files import is_inside, os_reason, shown, unshowable
from ..core.slugs import slugify
from ..editing.scaffold import new_entry
from . import EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE
from .common import print_config_error

# Never through a symbolic link, never over an existing file, never blocking on a FIFO.
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


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
    if bad := unshowable(title):
        chars = ", ".join(shown(char) for char in bad)
        print(tr("new.bad_title_chars", title=shown(title), chars=chars), file=sys.stderr)
        return EXIT_USAGE
    if not slugify(title):
        print(tr("new.bad_title", title=title), file=sys.stderr)
        return EXIT_USAGE
    relative, text = new_entry(config, entry_type, title)
    code = write_new(tr, root, relative, text)
    if code == EXIT_CLEAN:
        entry_id = PurePosixPath(relative).stem
        if entry_id != slugify(title):
            print(tr("new.shortened", id=entry_id))
        print(tr("new.created", path=relative))
    return code


def write_new(tr: Translator, root: Path, relative: str, text: str) -> int:
    """Create the file, only inside the project and only if nothing (not even a broken link) is there."""
    path = root / relative
    if os.path.lexists(path):
        print(tr("new.exists", path=relative), file=sys.stderr)
        return EXIT_PROBLEMS
    # The nearest folder that exists decides where the new ones go: it must be inside the project.
    existing = path.parent
    while not os.path.lexists(existing) and existing != existing.parent:
        existing = existing.parent
    real = os.path.realpath(existing)
    if not is_inside(real, os.path.realpath(root)):
        print(tr("new.outside", path=relative, target=shown(real)), file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file stands where a folder of the path should be
        print(tr("new.cannot_write", path=relative, reason=tr("filesystem.not_folder")), file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as error:
        print(tr("new.cannot_write", path=relative, reason=os_reason(tr, error)), file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        fd = os.open(path, _CREATE, 0o666)
    except FileExistsError:
        print(tr("new.exists", path=relative), file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as error:
        print(tr("new.cannot_write", path=relative, reason=os_reason(tr, error)), file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        with open(fd, "w", encoding="utf-8") as file:
            file.write(text)
    except OSError as error:  # a full disk, say: leave no half-written entry behind
        path.unlink(missing_ok=True)
        print(tr("new.cannot_write", path=relative, reason=os_reason(tr, error)), file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_CLEAN
