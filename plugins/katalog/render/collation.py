"""Alphabetical order and initial letters as the site's language has them: in Danish and Norwegian
æ, ø and å come after z (and "aa" is å), in Swedish å, ä and ö; elsewhere accents are ignored."""

from __future__ import annotations

import unicodedata

# Letters after z, in order, and letters sorted as one of them.
_LAST = {
    "da": ("æøå", {"ä": "æ", "ö": "ø", "aa": "å"}),
    "nb": ("æøå", {"ä": "æ", "ö": "ø", "aa": "å"}),
    "sv": ("åäö", {"æ": "ä", "ø": "ö"}),
}
# Letters with no accent to drop, where the language has no place of their own for them.
_SPELLED = {"æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l"}
OTHER = "#"  # the group of words that start with a digit or a sign


def _plain(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


class Collation:
    def __init__(self, language: str) -> None:
        self.last, self.same = _LAST.get(language.split("-")[0].split("_")[0], ("", {}))

    def letters(self, text: str) -> list[str]:
        """The word's letters as the language sorts them ("aarhus" is "å", "r", ... in Danish)."""
        text = text.casefold().strip()
        out: list[str] = []
        at = 0
        while at < len(text):
            pair = text[at : at + 2]
            if pair in self.same:
                out.append(self.same[pair])
                at += 2
                continue
            ch = self.same.get(text[at], text[at])
            out.extend(ch if ch in self.last else _SPELLED.get(ch) or _plain(ch))
            at += 1
        return out

    def key(self, text: str) -> tuple[tuple[int, str], ...]:
        return tuple((1 + self.last.index(ch), "") if ch in self.last else (0, ch) for ch in self.letters(text))

    def initial(self, text: str) -> str:
        """The letter a word is listed under: "Ældre" under Æ, "3D-print" under #."""
        letters = self.letters(text)
        first = letters[0] if letters else ""
        return first.upper() if first.isalpha() else OTHER
