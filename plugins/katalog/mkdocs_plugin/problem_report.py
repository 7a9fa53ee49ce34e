"""The problems of a build, reported: logged each with its place, and while previewing shown on every
page in a panel (a build with errors fails otherwise)."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from ..core.catalogue import Catalogue
from ..core.config.siteconfig import ConfigError
from ..core.i18n import Translator
from ..core.problems import Problem, Severity
from ..core.report import explain, visible
from ..render.problem_panel import panel_html

log = get_plugin_logger(__name__)


def report_config_error(error: ConfigError, previewing: bool) -> str:
    """The panel of site_config/'s problems while previewing; otherwise the build fails."""
    log_problems(error.problems, error.tr)
    if previewing:
        # The server keeps running: every page shows the problems until site_config/ is fixed.
        return panel_html(error.problems, error.tr)
    raise PluginError(error.tr("report.build_failed", errors=len(error.problems))) from error


def report(catalogue: Catalogue, previewing: bool) -> str:
    """The panel of the catalogue's problems while previewing; otherwise "", or the build fails on errors."""
    tr = catalogue.config.tr
    log_problems(catalogue.problems, tr)
    if previewing:
        # A file with errors must not stop the preview: the pages show the problems instead.
        return panel_html(catalogue.problems, tr)
    if catalogue.errors:
        raise PluginError(tr("report.build_failed", errors=len(catalogue.errors)))
    return ""


def log_problems(problems: list[Problem], tr: Translator) -> None:
    for problem in problems:
        line = f"{visible(problem.path)}:{problem.line}:{problem.column}: {explain(problem, tr)}"
        if problem.severity is Severity.ERROR:
            log.error(line)
        else:
            log.warning(line)
