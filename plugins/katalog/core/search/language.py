"""One analysis per language, identical at build time (Python) and in the browser (JavaScript).

The Snowball stemmers of `snowballstemmer` and of lunr-languages come from the same
Snowball sources; tests check that they agree word by word. Stop words travel inside
the index file, so the browser uses exactly the list the index was built with.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from snowballstemmer.danish_stemmer import DanishStemmer
from snowballstemmer.english_stemmer import EnglishStemmer
from snowballstemmer.norwegian_stemmer import NorwegianStemmer
from snowballstemmer.swedish_stemmer import SwedishStemmer

# site language -> (Snowball stemmer, lunr-languages code). The pure-Python classes are named
# directly: snowballstemmer.stemmer() switches to PyStemmer where installed, whose newer
# Snowball algorithms no longer match lunr-languages.
LANGUAGES: dict[str, tuple[type, str]] = {
    "da": (DanishStemmer, "da"),
    "sv": (SwedishStemmer, "sv"),
    "nb": (NorwegianStemmer, "no"),
    "no": (NorwegianStemmer, "no"),
    "en": (EnglishStemmer, "en"),
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
    stemmer_class, lunr_code = LANGUAGES.get(language, LANGUAGES["en"])
    stemmer = stemmer_class()
    words_file = STOPWORDS_DIR / f"{lunr_code}.yml"
    words = yaml.safe_load(words_file.read_text(encoding="utf-8")) if words_file.is_file() else []
    # Stemming is pure and words repeat: remember every answer.
    return Analysis(language, lunr_code, frozenset(str(w) for w in words), functools.cache(stemmer.stemWord))
