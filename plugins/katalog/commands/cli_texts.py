"""The command line's own words (help, usage, argparse's messages) in the site's language.

They are read before the arguments are parsed, so the catalogue's root is found in argv by hand.
When site_config/ cannot be read, the words stay English: a broken configuration must not hide
the command line's help.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from ..core.i18n import flatten

ROOT_COMMANDS = ("check", "stale", "init", "export", "pdf")
# Options whose next word is their value, not the root.
VALUE_OPTIONS = frozenset({"--months", "--format", "--type", "--theme", "--municipality", "--title", "--output"})
# LibYAML when present: the pure-Python reader takes most of a second for the four text files.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def root_in(argv: Sequence[str]) -> Path:
    """The folder a command will work on, as well as it can be told before parsing."""
    words = list(argv)
    if "--root" in words[:-1]:
        return Path(words[words.index("--root") + 1])
    if words and words[0] in ROOT_COMMANDS:
        for before, word in itertools.pairwise(words):
            if not word.startswith("-") and before not in VALUE_OPTIONS:
                return Path(word)
    return Path(".")


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, ValueError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def cli_texts(root: Path) -> dict[str, str]:
    """`cli.*` texts of the site's language, falling back to the site's English texts; {} if unreadable."""
    config = root / "site_config"
    try:
        found = (config / "site.yml").is_file()
    except (OSError, ValueError):  # a name too long for the system
        found = False
    if not found:
        config = Path("site_config")  # a root that is not a catalogue: the catalogue we stand in
    language = _read(config / "site.yml").get("language", "da")
    if not isinstance(language, str) or not language.isalpha():
        return {}
    texts: dict[str, str] = {}
    for name in ("en", language):
        tree = _read(config / "i18n" / f"{name}.yml").get("cli")
        if isinstance(tree, dict):
            texts.update({key: value for key, value in flatten(tree).items() if isinstance(value, str)})
    return texts


class Words:
    """A text by its key, or the English default written where it is used."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts

    def __call__(self, key: str, default: str) -> str:
        return self.texts.get(key, default)

    def argparse_text(self, message: str) -> str:
        """argparse's own message ids (English, with %-placeholders) to the site's language."""
        name = ARGPARSE_MESSAGES.get(message)
        return self.texts.get(f"argparse.{name}", message) if name else message


# argparse's messages an editor meets, by the names the i18n files give them (cli.argparse.<name>).
ARGPARSE_MESSAGES = {
    "usage: ": "usage",
    "positional arguments": "positional",
    "options": "options",
    "show this help message and exit": "help",
    "the following arguments are required: %s": "required",
    "invalid choice: %(value)r (choose from %(choices)s)": "choice",
    "unrecognized arguments: %s": "unrecognized",
    "%(prog)s: error: %(message)s\n": "error",
    "argument %(argument_name)s: %(message)s": "argument",
    "expected one argument": "one_argument",
    "ambiguous option: %(option)s could match %(matches)s": "ambiguous",
}


@contextmanager
def argparse_in(words: Words) -> Iterator[None]:
    """argparse looks its messages up through its module's `_` at the moment it needs them."""
    module: Any = argparse
    original: Callable[[str], str] = module._
    module._ = words.argparse_text
    try:
        yield
    finally:
        module._ = original
