"""`katalog check [ROOT]`: validate everything, one line per problem, then a summary."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core import parallel
from ..core.catalogue import build_catalogue
from ..core.config.siteconfig import ConfigError
from ..core.report import github_line, summary, text_line
from ..render.addresses import address_clashes
from . import EXIT_CLEAN, EXIT_PROBLEMS
from .common import print_config_error


def run(root: Path, output_format: str, strict: bool) -> int:
    try:
        # Parse and validate on every core other processes leave idle.
        catalogue = build_catalogue(root, workers=parallel.workers(idle_only=True), bodies=False)
    except ConfigError as error:
        return print_config_error(error, output_format)
    address_clashes(catalogue)  # as mkdocs.yml's default use_directory_urls lays the site out
    tr = catalogue.config.tr
    line = github_line if output_format == "github" else text_line
    for problem in catalogue.problems:
        print(line(problem, tr))
    # Annotations go to stdout for GitHub; the human summary must not be mistaken for one.
    summary_stream = sys.stderr if output_format == "github" else sys.stdout
    print(summary(catalogue.problems, catalogue.files, tr), file=summary_stream)
    failed = catalogue.errors or (strict and catalogue.warnings)
    return EXIT_PROBLEMS if failed else EXIT_CLEAN
