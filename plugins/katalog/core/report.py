"""Problems as lines for people (PATH:LINE:COL: error: ...) or for GitHub Actions annotations."""

from __future__ import annotations

from collections.abc import Iterable

from .i18n import Translator
from .problems import Problem


def explain(problem: Problem, tr: Translator) -> str:
    """The message with what was expected, what was found and the hint, in one line."""
    parts = [f"{problem.key}: {problem.message}" if problem.key else problem.message]
    if problem.expected:
        parts.append(tr("report.expected", expected=problem.expected))
    if problem.found:
        parts.append(tr("report.found", found=problem.found))
    if problem.hint:
        parts.append(problem.hint)
    text = parts[0] + "." if not parts[0].endswith((".", "?", "!")) else parts[0]
    # One problem, one line: nothing an editor wrote may break the PATH:LINE:COL format.
    return visible(" ".join(" ".join([text, *parts[1:]]).split()))


def visible(text: str) -> str:
    """Control and format characters as \\u escapes: a terminal must not act on what a file holds."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else f"\\u{ord(ch):04x}" for ch in text)


def text_line(problem: Problem, tr: Translator) -> str:
    path = visible(problem.path)
    return f"{path}:{problem.line}:{problem.column}: {problem.severity.value}: {explain(problem, tr)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: Problem, tr: Translator) -> str:
    title = f"Katalog: {problem.key}" if problem.key else "Katalog"
    properties = ",".join(
        [
            f"file={_escape_property(visible(problem.path))}",
            f"line={problem.line}",
            f"col={problem.column}",
            f"title={_escape_property(title)}",
        ]
    )
    return f"::{problem.severity.value} {properties}::{_escape_data(explain(problem, tr))}"


def summary(problems: Iterable[Problem], files: int, tr: Translator) -> str:
    problems = list(problems)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if not problems:
        return tr("report.clean", files=tr.count("files", files))
    return tr(
        "report.summary",
        errors=tr.count("errors", errors),
        warnings=tr.count("warnings", warnings),
        files=tr.count("files", files),
    )
