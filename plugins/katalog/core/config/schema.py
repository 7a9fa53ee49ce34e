"""The content model as data: entry types and their fields, as schema_file.py reads them from site_config/schema.yml."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = frozenset(
    {"text", "term", "keyword", "id", "slug", "date", "partial_date", "year", "email", "url", "phone", "object"}
    | {"image"}
)
# An image (core/validate/images.py) is one per entry, at the top of its front-matter: src and alt.
TOP_ONLY_KINDS = ("image",)
RULES = frozenset({"one_of_required", "not_before"})
# How a field is shown on its entry's page; render/display.py says what each means.
DISPLAYS = ("facts", "contact", "highlight", "list", "quotes", "lines", "links", "related", "hidden")


@dataclass(frozen=True)
class Rule:
    name: str
    keys: tuple[str, ...]


@dataclass
class Field:
    name: str
    kind: str
    required: bool = False
    many: bool = False
    allow_single: bool = False
    min_items: int = 0
    min: int | None = None
    max: int | None = None
    vocabulary: str | None = None
    target_type: str | None = None
    personal: bool = False
    display: str = ""  # one of DISPLAYS; "" for the default of the field's kind
    label: dict[str, str] = field(default_factory=dict)
    help: dict[str, str] = field(default_factory=dict)
    fields: dict[str, Field] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)


@dataclass
class EntryType:
    name: str
    folder: str
    url: str
    label: dict[str, str]
    plural: dict[str, str]
    fields: dict[str, Field]
    rules: list[Rule]

    @property
    def in_catalogue(self) -> bool:
        """Catalogue entries get generated pages; the others are ordinary pages in content/."""
        return self.folder != CONTENT_FOLDER


CONTENT_FOLDER = "content"


@dataclass
class Schema:
    types: dict[str, EntryType]

    def type_for_folder(self, folder: str) -> EntryType | None:
        for entry_type in self.types.values():
            if entry_type.folder == folder:
                return entry_type
        return None

    @property
    def catalogue_types(self) -> list[EntryType]:
        return [t for t in self.types.values() if t.in_catalogue]

    @property
    def content_types(self) -> list[EntryType]:
        return [t for t in self.types.values() if not t.in_catalogue]
