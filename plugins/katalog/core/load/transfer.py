"""What a worker process loaded, sent back to the parent as one compact `marshal` string.

Pickling the loaded entries costs as much as a tenth of loading them: every position, reference
and link is a small object whose class pickle names and calls again on the way back. Here they
travel as plain tuples, dicts and strings (what marshal writes fastest) and are made into
objects again in the parent. A value marshal cannot write (something in an entry's data that is
not plain) sends that share by pickle instead, unchanged.
"""

from __future__ import annotations

import marshal
import pickle
from typing import Any

from ..entries import Entry, Page, Reference
from ..problems import Position, Problem, Severity
from ..read.wikilinks import WikiLink
from .loaded import Loaded

_MARSHAL = b"m"
_PICKLE = b"p"
_new = tuple.__new__  # Position((line, column)) without the named tuple's Python-level __new__
_SEVERITIES = {severity.value: severity for severity in Severity}


def pack(loaded: Loaded) -> bytes:
    try:
        plain = (
            [_entry(entry) for entry in loaded.entries],
            [_problem(problem) for problem in loaded.problems],
            loaded.texts,
            [_page(page) for page in loaded.pages],
            loaded.files,
        )
        return _MARSHAL + marshal.dumps(plain)
    except ValueError:  # not plain data somewhere: marshal cannot write it
        return _PICKLE + pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(data: bytes) -> Loaded:

    if data[:1] == _PICKLE:
        loaded = pickle.loads(data[1:])
        assert isinstance(loaded, Loaded)
        return loaded
    entries, problems, texts, pages, files = marshal.loads(data[1:])
    return Loaded(
        entries=[_to_entry(row) for row in entries],
        problems=[_to_problem(row) for row in problems],
        texts=texts,
        pages=[_to_page(row) for row in pages],
        files=files,
    )


def _entry(entry: Entry) -> tuple[Any, ...]:
    return (
        entry.id,
        entry.type,
        entry.path,
        entry.data,
        entry.body,
        entry.body_first_line,
        tuple(entry.id_pos),
        [(ref.target, tuple(ref.pos), ref.key, ref.target_type) for ref in entry.references],
        {key: tuple(pos) for key, pos in entry.positions.items()},
        [_link(link) for link in entry.wikilinks],
        entry.valid,
    )


def _to_entry(row: tuple[Any, ...]) -> Entry:
    entry_id, type_, path, data, body, body_first_line, id_pos, references, positions, wikilinks, valid = row
    return Entry(
        entry_id,
        type_,
        path,
        data,
        body,
        body_first_line,
        _new(Position, id_pos),
        [Reference(target, _new(Position, pos), key, target_type) for target, pos, key, target_type in references],
        {key: _new(Position, pos) for key, pos in positions.items()},
        [WikiLink(target, text, _new(Position, pos)) for target, text, pos in wikilinks],
        valid,
    )


def _link(link: WikiLink) -> tuple[Any, ...]:
    return (link.target, link.text, tuple(link.pos))


def _problem(problem: Problem) -> tuple[Any, ...]:
    return (
        problem.path,
        problem.line,
        problem.column,
        problem.severity.value,
        problem.code,
        problem.key,
        problem.message,
        problem.expected,
        problem.found,
        problem.hint,
    )


def _to_problem(row: tuple[Any, ...]) -> Problem:
    path, line, column, severity, code, key, message, expected, found, hint = row
    return Problem(path, line, column, _SEVERITIES[severity], code, key, message, expected, found, hint)


def _page(page: Page) -> tuple[Any, ...]:
    return (page.path, page.title, page.body, page.body_first_line, [_link(link) for link in page.wikilinks], page.meta)


def _to_page(row: tuple[Any, ...]) -> Page:
    path, title, body, body_first_line, wikilinks, meta = row
    links = [WikiLink(target, text, _new(Position, pos)) for target, text, pos in wikilinks]
    return Page(path, title, body, body_first_line, links, meta)
