"""attr_list's reading of `{...}`: its tokens, and whether it leaves text it could not read."""

from __future__ import annotations

import re

_ATTRIBUTE_TOKEN = re.compile(r"""[^ =}]+=".*?"|[^ =}]+='.*?'|[^ =}]+=[^ =}]+|[^ =}]+| """)


def attribute_tokens(text: str) -> tuple[list[tuple[str, str | None, int]], int]:
    """attr_list's reading of `{...}` content: (key, value or None, offset) per token, and where reading stopped.

    Keys: "." for a class, "id" for #id, else the attribute name (a word alone is a valueless attribute).
    """
    tokens: list[tuple[str, str | None, int]] = []
    position = 0
    while position < len(text):
        match = _ATTRIBUTE_TOKEN.match(text, position)
        if match is None:
            break
        token = match.group()
        if token != " ":
            if "=" in token:
                key, value = token.split("=", 1)
                tokens.append((key, value.strip("\"'") if value[:1] in "\"'" else value, position))
            elif token.startswith("."):
                tokens.append((".", token[1:], position))
            elif token.startswith("#"):
                tokens.append(("id", token[1:], position))
            else:
                tokens.append((token, None, position))
        position = match.end()
    return tokens, position


def attribute_remainder(text: str) -> bool:
    """Whether attr_list finds text after a "}" it could not read (fenced_code then ignores the fence)."""
    _, stop = attribute_tokens(text)
    return "}" in text[stop:]
