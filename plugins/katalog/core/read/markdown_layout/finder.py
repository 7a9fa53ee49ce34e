"""A search for one needle that keeps its answer, for the walks that ask again and again from later on."""

from __future__ import annotations


class Finder:
    """str.find for one needle, remembering answers so that repeated searches stay linear."""

    def __init__(self, text: str, needle: str) -> None:
        self.text, self.needle = text, needle
        self.asked, self.answer = len(text) + 1, -1

    def __call__(self, position: int) -> int:
        if self.asked <= position and (self.answer < 0 or position <= self.answer):
            return self.answer
        self.asked, self.answer = position, self.text.find(self.needle, position)
        return self.answer
