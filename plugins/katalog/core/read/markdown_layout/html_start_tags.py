"""html.parser's reading of a start tag, kept per position so that `<a <a <a ...` is read once."""

from __future__ import annotations

import re

_PARSER_NAME_STOP = re.compile(r"[`\t\n\r\x0c />\x00]")
_PARSER_SPACE = re.compile(r"[\s/]*")
_PARSER_ATTRIBUTE = re.compile(r"[^`\s/>][^\s/=>]*")
_PARSER_EQUALS = re.compile(r"\s*=+\s*")
_PARSER_BARE = re.compile(r"[^`>\s]*")
INCOMPLETE = -1


class StartTags:
    """Start tags in one text: where each ends, read as html.parser reads them, with the searches kept."""

    def __init__(self, doc: str) -> None:
        self.doc = doc
        self.name_stop = len(doc) + 1, -1  # asked from, answer: where the last name search stopped
        self.tag_ends: dict[int, int] = {}  # attribute scan from a position -> end of tag or INCOMPLETE
        self.self_closing: set[int] = set()  # ends of tags written <x ... />

    def start_tag_end(self, i: int) -> tuple[int, str, bool]:
        """End of a start tag at doc[i], its name and whether it ends "/>"; end INCOMPLETE or -2 - end for text."""
        name_end = self.name_end(i + 2)
        end = self.attributes_end(name_end)
        if end >= 0:
            # "/>" closes the tag unless the "/" ends a bare value (`<a b=c/>` is `b="c/"`)
            return end, self.doc[i + 1 : name_end].lower(), end in self.self_closing
        return end, "", False

    def name_end(self, position: int) -> int:
        """Where html.parser's tag name from `position` on stops (names may hold `<`: the search is kept)."""
        asked, answer = self.name_stop
        if not (asked <= position <= answer):
            match = _PARSER_NAME_STOP.search(self.doc, position)
            answer = match.start() if match else len(self.doc)
            self.name_stop = position, answer
        return answer

    def attributes_end(self, position: int) -> int:
        """html.parser's reading of attributes from `position` on: the tag's end, INCOMPLETE, or -2 - end of text.

        Results are kept per position, so `<a <a <a ...` is read once, not once per `<`.
        """
        doc, visited = self.doc, []
        result = INCOMPLETE
        while True:
            known = self.tag_ends.get(position)
            if known is not None:
                result = known
                break
            visited.append(position)
            start = _PARSER_SPACE.match(doc, position).end()  # type: ignore[union-attr]
            char = doc[start : start + 1]
            previous = doc[start - 1]
            if char and char not in ">`" and not char.isspace() and (previous in "'\"/" or previous.isspace()):
                name = _PARSER_ATTRIBUTE.match(doc, start)
                assert name is not None
                position = name.end()
                equals = _PARSER_EQUALS.match(doc, position)
                if equals is not None:
                    value = equals.end()
                    quote = doc[value : value + 1]
                    if quote in ("'", '"') and quote:
                        close = doc.find(quote, value + 1)
                        if close < 0:
                            break  # an unclosed quote: html.parser waits for more text
                        position = close + 1
                    else:
                        position = _PARSER_BARE.match(doc, value).end()  # type: ignore[union-attr]
                continue
            if char == ">":
                result = start + 1
                if doc[position:start].endswith("/"):
                    self.self_closing.add(result)
            elif not char or (char.isascii() and char.isalpha()) or char in "=/":
                result = INCOMPLETE
            else:
                result = -2 - start  # text up to here
            break
        for seen in visited:
            self.tag_ends[seen] = result
        return result

    # -- the walk -------------------------------------------------------------------------------------
