"""How a field is shown on its entry's page: the schema's `display` setting, else a default by kind.

facts      a compact fact at the top of the page (label and value)
contact    in the contact card at the top (an object's fields, or the entry's own address, e-mail, ...)
highlight  a section of its own, set off from the text (what others can learn)
list       a section with a bulleted list
quotes     a section of quotations: an object's first text field is the quote, the rest its attribution
lines      a section with one readable line per object ("Borger, april 2018")
links      a section of links: an object's first text field is the link's text, its first url the address
related    its entries are listed once, in the page's related section, with this field's label as the reason
hidden     not shown
"""

from __future__ import annotations

from ..core.config.schema import Field

DISPLAYS = ("facts", "contact", "highlight", "list", "quotes", "lines", "links", "related", "hidden")
SECTION_DISPLAYS = ("highlight", "quotes", "list", "lines", "links")  # in this order after the text
DATE_KINDS = frozenset({"date", "partial_date", "year"})


def display_of(field_: Field) -> str:
    chosen = str(getattr(field_, "display", "") or "")
    return chosen if chosen in DISPLAYS else default_display(field_)


def default_display(field_: Field) -> str:
    if field_.kind == "id":
        return "related"
    if field_.kind == "object":
        kinds = {sub.kind for sub in field_.fields.values()}
        if not field_.many and kinds <= DATE_KINDS:
            return "facts"  # a period
        if "url" in kinds:
            return "links"
        if kinds & {"email", "phone"}:
            return "contact"
        return "lines"
    if field_.kind == "text" and field_.many:
        return "list"
    return "facts"


def is_period(field_: Field) -> bool:
    dates = [sub for sub in field_.fields.values() if sub.kind in DATE_KINDS]
    return field_.kind == "object" and not field_.many and len(dates) == 2 == len(field_.fields)
