"""site_config/'s files read: their bytes, their YAML and what is made of them, with every finding.

What a file gives depends on its bytes alone, so it is kept for the next load with the same bytes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from ..problems import Position
from ..read import frontmatter, yamlparse
from .findings import Finding, Text, hint_text
from .i18n_check import Checked, read_texts
from .rules import ConfigFile, Item, root_item
from .vocabulary import Vocabulary, read_vocabulary


class Reader:
    """Reads the files of site_config/, collecting the findings of all of them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.findings: list[Finding] = []

    def data(self, relative: str, *, required: bool = True) -> bytes | None:
        """The file's bytes, or None (reported when it must be there) when it is missing or unreadable."""
        out = ConfigFile(relative, self.findings)
        path = self.root / relative
        if not path.is_file():
            if required:
                out.add("missing_file", Position(1, 1), hint=hint_text("missing_file", file=relative))
            return None
        try:
            return path.read_bytes()
        except OSError as error:
            out.add("unreadable", Position(1, 1), detail=error.strerror or type(error).__name__)
            return None

    def read(self, relative: str, *, required: bool = True) -> tuple[ConfigFile, Item | None]:
        """The file's reporter and its root (an Item with node None for an empty file), or None
        for the root when it is missing or cannot be read as YAML at all."""
        data = self.data(relative, required=required)
        if data is None:
            return ConfigFile(relative, self.findings), None
        findings, item = _yaml(relative, data)
        self.findings.extend(findings)
        return ConfigFile(relative, self.findings), item

    def checked(self, relative: str, check: Callable[[str, bytes], tuple[tuple[Finding, ...], _T]]) -> _T | None:
        """What `check` makes of a file that must be there (its findings collected), or None."""
        data = self.data(relative)
        if data is None:
            return None
        findings, result = check(relative, data)
        self.findings.extend(findings)
        return result


_T = TypeVar("_T")

# A file's findings and result depend on its bytes alone, so they are kept for the next load with the
# same bytes: `mkdocs serve` loads site_config/ again on every change, mostly unchanged. Nothing changes
# a parsed tree, a vocabulary or a text after it is made, so sharing them is safe.
_CACHE = 128


@functools.lru_cache(maxsize=_CACHE)
def _yaml(relative: str, data: bytes) -> tuple[tuple[Finding, ...], Item | None]:
    """The findings that keep the bytes from being YAML, and the root (None if there is none to read)."""
    findings: list[Finding] = []
    out = ConfigFile(relative, findings)
    text, bad = frontmatter.decode(data)
    if text is None:
        assert bad is not None
        _code, pos, args = bad
        found, hint = Text("found.byte", args), Text("hints.not_utf8")
        out.add("not_utf8", pos, message=Text("problems.not_utf8"), found=found, hint=hint)
        return tuple(findings), None
    parsed = yamlparse.parse(text)
    for issue in parsed.issues:
        own = issue.code in ("alias", "yaml_tag")  # the entries' texts speak of entries
        message = Text(f"config.problems.{issue.code}" if own else f"problems.{issue.code}", issue.args)
        hint = Text(f"hints.{issue.code}")
        out.add(issue.code, issue.pos, str(issue.args.get("key", "")), message=message, hint=hint)
    if parsed.root is None and parsed.issues:
        return tuple(findings), None
    return tuple(findings), root_item(parsed.root)


@functools.lru_cache(maxsize=_CACHE)
def vocabulary_file(relative: str, data: bytes) -> tuple[tuple[Finding, ...], tuple[Item, Vocabulary | None] | None]:
    findings, item = _yaml(relative, data)
    if item is None:
        return findings, None
    more: list[Finding] = []
    vocabulary = read_vocabulary(ConfigFile(relative, more), item, Path(relative).stem)
    return (*findings, *more), (item, vocabulary)


@functools.lru_cache(maxsize=_CACHE)
def text_file(relative: str, data: bytes) -> tuple[tuple[Finding, ...], Mapping[str, Checked]]:
    findings, item = _yaml(relative, data)
    if item is None:
        return findings, {}
    more: list[Finding] = []
    texts = read_texts(ConfigFile(relative, more), item)
    return (*findings, *more), texts
