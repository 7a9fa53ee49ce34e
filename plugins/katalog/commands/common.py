"""What several commands share: reporting a broken site_config/."""

from __future__ import annotations

import sys

from ..core.config.siteconfig import ConfigError
from ..core.report import github_line, summary, text_line
from . import EXIT_PROBLEMS


def print_config_error(error: ConfigError, output_format: str = "text") -> int:
    """Every problem of site_config/, one line each, worded as load_site_config worded it: in the
    site's language, or in English where the site's own texts are what is broken."""
    tr = error.tr
    line = github_line if output_format == "github" else text_line
    for problem in error.problems:
        print(line(problem, tr))
    files = len({problem.path for problem in error.problems})
    print(summary(error.problems, files, tr), file=sys.stderr if output_format == "github" else sys.stdout)
    return EXIT_PROBLEMS
