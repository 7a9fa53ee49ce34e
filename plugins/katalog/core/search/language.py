"""One analysis per language, identical at build time (Python) and in the browser (JavaScript).

The Snowball stemmers of `snowballstemmer` and of lunr-languages come from the same
Snowball sources; tests check that they agree word by word. Stop words travel inside
the index file, so the browser uses exactly the list the index was built with.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import snowballstemmer
import yaml

# site language -> (Snowball algorithm, lunr-languages code)
LANGUAGES = {
    "da": ("danish", "da"),
    "sv": ("swedish", "sv"),
    "nb": ("norwegian", "no"),
    "no": ("norwegian", "no"),
    "en": ("english", "en"),
}
STOPWORDS_DIR = Path(__file__).resolve().parent / "stopwords"
# Letters and digits of any script survive; everything else is trimmed from both ends.
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def trim(word: str) -> str:
    return _EDGES.sub("", word)


@dataclass(frozen=True)
class Analysis:
    language: str
    lunr_code: str
    stopwords: frozenset[str]
    stem: Callable[[str], str]


def analysis_for(language: str) -> Analysis:
    algorithm, lunr_code = LANGUAGES.get(language, LANGUAGES["en"])
    stemmer = snowballstemmer.stemmer(algorithm)
    words_file = STOPWORDS_DIR / f"{lunr_code}.yml"
    words = yaml.safe_load(words_file.read_text(encoding="utf-8")) if words_file.is_file() else []
    return Analysis(language, lunr_code, frozenset(str(w) for w in words), stemmer.stemWord)
