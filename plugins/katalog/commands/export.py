"""`katalog export [--check]`: write the files generated from site_config/, or check they are current."""

from __future__ import annotations

from pathlib import Path

from ..core.siteconfig import ConfigError, load_site_config
from ..exports.write import stale_files, write_all
from . import EXIT_CLEAN, EXIT_PROBLEMS
from .common import print_config_error


def run(root: Path, check_only: bool) -> int:
    try:
        config = load_site_config(root)
    except ConfigError as error:
        return print_config_error(error)
    tr = config.tr
    if check_only:
        stale = stale_files(root, config)
        for relative in stale:
            print(tr("export.stale", path=relative))
        return EXIT_PROBLEMS if stale else EXIT_CLEAN
    written = write_all(root, config)
    for relative in written:
        print(tr("export.written", path=relative))
    print(tr("export.summary", count=len(written)))
    return EXIT_CLEAN
