"""What an entry page shows, as plain data for the templates (katalog/entry.html, katalog/booklet.html):
labels, values, links and sections. Made by views.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from .images import Picture


@dataclass
class Item:
    text: str
    href: str | None = None
    external: bool = False


@dataclass
class Group:
    """A labelled value: a fact, or a line of the contact card."""

    label: str
    items: list[Item] = field(default_factory=list)


Record = list[Group]


@dataclass
class Quote:
    text: str
    by: str


@dataclass
class Section:
    """A generated section after the entry's text, with a heading of its own (in the table of contents)."""

    name: str  # the field's name: a class for a fork's CSS
    display: str
    label: str
    items: list[Item] = field(default_factory=list)  # list, highlight, links
    lines: list[list[Item]] = field(default_factory=list)  # lines: the values of one object each
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Related:
    title: str
    href: str
    type_label: str
    reasons: list[str]


@dataclass
class Slot:
    """A generated section's heading, which goes into the page's Markdown (so MkDocs gives it an id and
    lists it in the table of contents); its content is filled in after MkDocs has rendered the text."""

    key: str
    label: str
    top: bool = False  # before the entry's text, not after it


@dataclass
class EntryView:
    type_name: str
    notice: str
    title: str
    type_label: str
    summary: str
    facts: list[Group]
    contact: list[Group]  # the entry's own address, e-mail, ...
    people: list[Record]  # contact objects
    sections: list[Section]
    takes_part: list[Related]
    related: list[Related]
    slots: list[Slot] = field(default_factory=list)
    image: Picture | None = None  # the entry's image, under its lead (render/images.py)
