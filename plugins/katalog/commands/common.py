"""What several commands share: reporting a broken site_config/."""

from __future__ import annotations

from ..core.i18n import Translator
from ..core.report import text_line
from ..core.siteconfig import ConfigError
from . import EXIT_PROBLEMS


def print_config_error(error: ConfigError) -> int:
    tr = Translator("en", {}, {})  # the site's own texts may be what is broken
    for problem in error.problems:
        print(text_line(problem, tr))
    return EXIT_PROBLEMS
