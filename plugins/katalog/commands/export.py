"""`katalog export [--check]`: write the files generated from site_config/, or check they are current."""

from __future__ import annotations

from pathlib import Path

from ..core.config.siteconfig import ConfigError, load_site_config
from ..core.report import text_line
from ..exports.write import ExportError, render_all, stale_files, unsafe_outputs, write_all
from . import EXIT_CLEAN, EXIT_PROBLEMS
from .common import print_config_error


def run(root: Path, check_only: bool) -> int:
    try:
        config = load_site_config(root)
    except ConfigError as error:
        return print_config_error(error)
    tr = config.tr
    if check_only:
        # A path that leads out of the project is a problem now, not only when export is run.
        rendered = render_all(config)
        unsafe = unsafe_outputs(root, config, rendered)
        for problem in unsafe:
            print(text_line(problem, tr))
        refused = {problem.path for problem in unsafe}
        stale = [relative for relative in stale_files(root, config, rendered) if relative not in refused]
        for relative in stale:
            print(tr("export.stale", path=relative))
        return EXIT_PROBLEMS if stale or unsafe else EXIT_CLEAN
    try:
        written = write_all(root, config)
    except ExportError as error:
        for relative in error.written:
            print(tr("export.written", path=relative))
        for problem in error.problems:
            print(text_line(problem, tr))
        print(tr("export.refused") if not error.written else tr("export.summary", count=len(error.written)))
        return EXIT_PROBLEMS
    for relative in written:
        print(tr("export.written", path=relative))
    print(tr("export.summary", count=len(written)))
    return EXIT_CLEAN
