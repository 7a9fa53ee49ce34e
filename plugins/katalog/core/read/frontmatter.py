"""Split a Markdown file's bytes into YAML front-matter and body, or say why not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..problems import Position


@dataclass
class Split:
    yaml_text: str | None
    yaml_first_line: int  # line number of the first YAML line in the file
    body: str
    body_first_line: int
    issue: tuple[str, Position, dict[str, Any]] | None = None


def decode(data: bytes) -> tuple[str | None, tuple[str, Position, dict[str, Any]] | None]:
    """UTF-8 text with BOM removed and CRLF/CR made LF; or the position of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        # Locate the byte as an editor sees it: lines by LF, CRLF or CR, columns in characters.
        before = data[: error.start].decode("utf-8", errors="replace").removeprefix("\ufeff")
        lines = before.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        line, column = len(lines), len(lines[-1]) + 1
        byte = data[error.start]
        return None, ("not_utf8", Position(line, column), {"byte": f"0x{byte:02X}"})
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None


def _is_fence(line: str) -> bool:
    return line.rstrip(" \t") == "---"


def split(text: str, *, required: bool) -> Split:
    """Front-matter is the text between a first line `---` and the next line `---`."""
    issue: tuple[str, Position, dict[str, Any]] | None
    if not text.strip():
        issue = ("empty_file", Position(1, 1), {}) if required else None
        return Split(None, 0, text, 1, issue)
    first_newline = text.find("\n")
    first_line = text if first_newline < 0 else text[:first_newline]
    if not _is_fence(first_line):
        issue = ("no_frontmatter", Position(1, 1), {"first_line": first_line[:40]}) if required else None
        return Split(None, 0, text, 1, issue)
    closing = _CLOSING.search(text, first_newline) if first_newline >= 0 else None
    if closing is None:
        return Split(None, 0, "", 1, ("unclosed_frontmatter", Position(1, 1), {}))
    end = closing.start()  # the line break before the closing line
    index = text.count("\n", 0, end) + 1  # the closing line's number, counting from 0
    yaml_text = text[first_newline + 1 : end + 1] if end > first_newline else "\n"
    body = text[closing.end() + 1 :]
    return Split(yaml_text, 2, body, index + 2)


# The line break before the first line that closes the front-matter: `---` (spaces or tabs may
# follow, as _is_fence allows) or `...` (any whitespace may follow). A line ends at "\n" only.
_CLOSING = re.compile(r"\n(?:---[ \t]*|\.\.\.[^\S\n]*)(?=\n|\Z)")
