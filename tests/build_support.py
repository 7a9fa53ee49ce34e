"""`mkdocs build` in the test's own process: what the CLI does, without starting Python and importing
MkDocs and Material again for every build (a second or two each).

build(root, ...) loads root/mkdocs.yml, runs the build with root as working directory (as the CLI run
there would) and returns whether it succeeded and every line the "mkdocs" loggers wrote, Katalog's
plugin among them, formatted as the CLI prints them without colour (`WARNING -  katalog: ...`).

Nothing is left behind for the next build: the capturing handler and the loggers' levels are put
back, and MkDocs makes a new strict-mode warning counter and new plugin instances for every build.
Keep a subprocess where the process boundary is what is tested (mkdocs serve, the `katalog` command's
exit codes, builds run at the same time, environment read at import).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

# The CLI's format when it is not writing to a terminal (mkdocs/__main__.py, color_option).
CLI_FORMAT = "%(levelname)-8s-  %(message)s"


@dataclass
class Built:
    """The outcome of one build: ok, or the message it aborted with; and its log as the CLI prints it."""

    aborted: str = ""  # e.g. "Aborted with 1 warnings in strict mode!"; "" when the build succeeded
    lines: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.aborted

    @property
    def output(self) -> str:
        """The whole log, then the abort message (as the CLI prints it last), for asserts and their messages."""
        return "\n".join([*self.lines, self.aborted] if self.aborted else self.lines)


class _Lines(logging.Handler):
    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines
        self.setFormatter(logging.Formatter(CLI_FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.extend(self.format(record).splitlines())


@contextlib.contextmanager
def _captured(lines: list[str], level: int) -> Iterator[None]:
    """Every record of the "mkdocs" logger tree at `level` or above into lines, as the CLI sets it up
    (the CLI sets the level on the "mkdocs" logger: INFO, or DEBUG with --verbose)."""
    logger = logging.getLogger("mkdocs")
    handler = _Lines(lines)
    old_level = logger.level
    logger.setLevel(level)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def build(
    root: Path,
    *,
    strict: bool = True,
    site_dir: Path | str | None = None,
    config_file: Path | None = None,
    verbose: bool = False,
) -> Built:
    """`mkdocs build [--strict] [-d site_dir] [-f config_file] [--verbose]` run in root."""
    built = Built()
    with contextlib.chdir(root), _captured(built.lines, logging.DEBUG if verbose else logging.INFO):
        try:
            config = load_config(
                config_file=str(config_file or root / "mkdocs.yml"),
                site_dir=None if site_dir is None else str(site_dir),
                strict=strict,
            )
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build.build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as error:  # Abort, and ConfigurationError for a mkdocs.yml MkDocs cannot read
            built.aborted = error.format_message()
    return built


def build_ok(root: Path, *, site_dir: Path | str | None = None) -> Path:
    """`mkdocs build --strict` in root, which must succeed (its log is the failure's message); the site's folder."""
    built = build(root, site_dir=site_dir)
    assert built.ok, built.output
    return root / (site_dir or "site")
