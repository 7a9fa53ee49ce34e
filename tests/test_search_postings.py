"""The index's scores (core/search/postings.py), which are made fast, against a plain reading of what they
mean; and the same files from every build, whatever order Python's sets and dicts happen to take."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from katalog.core.search.analyser import Analyser
from katalog.core.search.compounds import Compounds
from katalog.core.search.index import _encode
from katalog.core.search.language import analysis_for, trim
from katalog.core.search.postings import K1, PART_WEIGHT, SCALE, B, score_postings

ROOT = Path(__file__).resolve().parents[1]
BOOSTS = (("title", 10), ("summary", 4), ("body", 1))
PHRASES = frozenset({"title", "summary"})  # fields whose pairs of terms are terms too
# Words, compounds of them, stop words ("however" is one and a compound in English), punctuation,
# hyphens, capitals, digits and other scripts.
WORDS = [
    "borger",
    "inddragelse",
    "borgerinddragelse",
    "borgerinddragelsen",
    "fælles",
    "have",
    "fælleshave",
    "fælleshaverne",
    "og",
    "i",
    "at",
    "der",
    "(have)",
    "«frivillige»",
    "frivillig",
    "Frivilliges",
    "besøg",
    "besøgsvenner",
    "venner",
    "kommune",
    "kommunesamarbejde",
    "samarbejde",
    "--",
    "...",
    "2024",
    "3.0",
    "_x_",
    "Ærø",
    "ærø,",
    "ÆRØ!",
    "however",
    "how",
    "ever",
    "straße",
    "ﬁre",
    "·",
    "grøn,",
]
SEPARATORS = (" ", "-", "  ", "\n", "\u00a0", "\t")


def reference(language: str, documents: Sequence[Sequence[tuple[str, str]]]) -> dict[str, list[tuple[int, float]]]:
    """Each term's (document, score × SCALE) read plainly: token by token, BM25 per field, summed; in
    PHRASES' fields each two terms one after the other too (stop words skipped, punctuation alone ends a
    phrase)."""
    analyser = Analyser(analysis_for(language))
    tokens = [[(name, text.lower().replace("-", " ").split()) for name, text in fields] for fields in documents]
    vocabulary = {trim(t) for fields in tokens for _, words in fields for t in words} - {""}
    compounds = Compounds(vocabulary, analyser)
    counted = []
    totals: dict[str, int] = defaultdict(int)
    for fields in tokens:
        per_field = []
        for name, raw in fields:
            counts: dict[str, float] = defaultdict(float)
            length = 0
            before = None
            for word in map(trim, raw):
                if not word:
                    before = None
                    continue
                term = analyser.term(word)
                if term is not None:
                    counts[term] += 1
                    length += 1
                    if name in PHRASES and before is not None:
                        counts[f" {before} {term}"] += 1
                    before = term
                for part in compounds.parts(word):
                    counts[part] += PART_WEIGHT
            totals[name] += length
            per_field.append((name, counts, length))
        counted.append(per_field)
    boosts = dict(BOOSTS)
    average = {name: (totals[name] / max(len(documents), 1)) or 1.0 for name in boosts}
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for number, per_field in enumerate(counted):
        scores: dict[str, float] = defaultdict(float)
        for name, counts, length in per_field:
            norm = K1 * (1 - B + B * length / average[name])
            for term, tf in counts.items():
                scores[term] += boosts[name] * (K1 + 1) * tf / (tf + norm)
        for term, score in scores.items():
            postings[term].append((number, score * SCALE))
    return postings


texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda pairs: "".join(word + separator for word, separator in pairs)
)
documents = st.lists(st.lists(st.tuples(st.sampled_from([n for n, _ in BOOSTS]), texts), max_size=3), max_size=8)


@settings(max_examples=150, deadline=None)
@given(documents=documents, language=st.sampled_from(["da", "sv", "en"]))
def test_scores_are_bm25_per_field_with_compound_parts_and_phrases(
    documents: list[list[tuple[str, str]]], language: str
) -> None:
    fields = [[(name, text) for name, text in {name: text for name, text in doc}.items()] for doc in documents]
    made = score_postings(Analyser(analysis_for(language)), BOOSTS, fields, PHRASES)
    expected = reference(language, fields)
    assert sorted(made) == sorted(expected)
    for term, flat in made.items():
        assert flat[0::2] == [number for number, _ in expected[term]], term
        for tenths, (_, exact) in zip(flat[1::2], expected[term], strict=True):
            # The sums may differ in their last bit, which only matters exactly between two tenths.
            assert tenths == (round(exact) or 1) or abs(exact % 1 - 0.5) < 1e-9, (term, tenths, exact)


@settings(max_examples=200, deadline=None)
@given(
    numbers=st.lists(st.integers(0, 3_000_000), unique=True).map(sorted),
    score=st.integers(1, 5000),
)
def test_postings_are_written_as_json_whatever_their_numbers(numbers: list[int], score: int) -> None:
    """Digits come from a table up to a million, from str beyond: the same JSON either way."""
    tenths = [score + n % 7 for n in numbers]
    differences = [n - before for n, before in zip(numbers, [0, *numbers], strict=False)]
    expected = [value for pair in zip(differences, tenths, strict=True) for value in pair]
    assert json.loads(_encode(numbers, tenths)) == expected


BUILD = """
import hashlib, sys
from katalog.core.search.index import IndexDocument, build_index_files
words = sys.argv[1].split()
documents = [
    IndexDocument((("title", " ".join(words[n % 7 :: 3])), ("body", " ".join(words[n % 5 :: 2]) * 3)),
                  {"t": str(n), "u": f"{n}/", "i": "", "s": "", "c": []}, 0, ())
    for n in range(40)
]
index = build_index_files("da", (("title", 10), ("body", 1)), documents, {"types": [], "filters": []})
print(hashlib.sha256("".join(k + v for k, v in sorted(index.files.items())).encode()).hexdigest())
"""


def test_every_build_writes_the_same_files_whatever_the_hash_seed() -> None:
    """Python orders sets of words by a hash it seeds anew in each process: nothing the index writes,
    not even a score's last bit, may follow that order."""
    digests = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "plugins")}
        result = subprocess.run(
            [sys.executable, "-c", BUILD, " ".join(WORDS)], env=env, capture_output=True, text=True, check=True
        )
        digests.add(result.stdout.strip())
    assert len(digests) == 1, json.dumps(sorted(digests))
