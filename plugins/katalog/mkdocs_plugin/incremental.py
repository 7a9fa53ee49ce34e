"""`mkdocs serve --dirty`: rebuild only the pages whose output an edit changes.

MkDocs' dirty build skips every page whose File.is_modified() is false. Katalog's pages are
KatalogFile, which answers from a signature: the inputs that page's HTML is made of, kept from the
last build and compared with this build's. An entry page's signature holds the entry, its links both
ways, its similar entries, and the title, type and address of every entry it shows; a listing's holds
the cards it shows, its count and its place in the pagination. What the signature cannot see forces
a full rebuild: site_config/, mkdocs.yml, a fork's templates, the pages in the navigation (their
titles are in every page's navigation), the date (stale notices).

Pages whose signature cannot be made cheaply (the overviews' first pages with their filters, the
list of taxonomies, ordinary pages of content/) are few and always rebuilt. Files an edit removed
are deleted from the site; when the problems panel changes, it is replaced in every page kept.
tests/test_preview.py checks a dirty-built site against a clean one after a sequence of edits.

At 10,000 entries a rebuild must not do per page what it can do per change. So, between builds:
- the File objects (and the Page objects MkDocs made for them) are taken up again (Preview.take_up);
- an entry page is signed again only if an edit can reach it (Preview.sign_entries): the loader
  gives the same Entry object for an unchanged file, so "changed" is a comparison of identities;
- a list of entries on a listing keeps its signature while it holds the same objects in order;
- the similar-entries index, card faces and search-data keys are kept while their inputs are;
- sitemap.xml is not rendered again while the pages' addresses and the date are the same.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.structure.files import File

from ..core.catalogue import Catalogue
from ..core.entries import Entry
from ..core.link.similar import SimilarIndex, settings_from
from ..core.link.taxonomy import Taxonomy, TermInfo
from ..core.load.filecache import FileCache
from ..render.model import SiteModel
from ..render.pages import GeneratedPage
from ..render.problem_panel import with_panel
from ..render.site_search import SearchMemo

ALWAYS = None  # the signature of a page rebuilt every time
SITEMAP = "sitemap.xml"


class KatalogFile(File):
    """A file whose is_modified() Katalog decides (MkDocs' dirty build rebuilds only those), and
    whose Markdown may be made only when MkDocs is about to read it (`make`, called in on_pre_page:
    a dirty build reads only the pages it rebuilds)."""

    changed = True
    make: Callable[[], str] | None = None

    def is_modified(self) -> bool:
        return self.changed

    def ready(self) -> None:
        if self.make is not None:
            make, self.make = self.make, None
            self.content_string = make()


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept between builds: MkDocs makes a new Jinja environment for each build,
    and compiling Material's templates again took most of a small rebuild. Jinja checks each entry
    against the template's source, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


def as_katalog_file(file: File, reusable: Mapping[str, File] | None = None) -> KatalogFile:
    """The same file of docs_dir as a KatalogFile: the last build's, when it may be taken up again
    (see Preview.take_up)."""
    old = reusable.get(file.src_uri) if reusable else None
    if (
        isinstance(old, KatalogFile)
        and old.abs_src_path == file.abs_src_path
        and old.dest_uri == file.dest_uri
        and old.inclusion == file.inclusion
    ):
        old.changed = True
        return old
    copy = KatalogFile(
        file.src_uri,
        src_dir=file.src_dir,
        dest_dir=file.dest_dir,
        use_directory_urls=file.use_directory_urls,
        dest_uri=file.dest_uri,
        inclusion=file.inclusion,
    )
    copy.generated_by = file.generated_by
    copy.abs_src_path = file.abs_src_path
    return copy


FileState = tuple[tuple[str, int, int], ...]


def folder_state(*paths: Path | str | None, skip: Callable[[str], bool] | None = None) -> FileState:
    """(path, mtime, size) of every file under the paths (files or folders) but those whose name skip()
    takes: cheap, and any edit changes it."""
    state: list[tuple[str, int, int]] = []
    for top in paths:
        if top is None:
            continue
        top = str(top)
        if os.path.isfile(top):
            info = os.stat(top)
            state.append((top, info.st_mtime_ns, info.st_size))
            continue
        for folder, subfolders, names in os.walk(top):
            subfolders.sort()
            for name in sorted(names):
                if skip is not None and skip(name):
                    continue
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                state.append((path, info.st_mtime_ns, info.st_size))
    return tuple(state)


def digest(texts: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode("utf-8", "surrogateescape")).hexdigest()


class Signatures:
    """The signature of each Katalog page in one build (see the module's docstring)."""

    def __init__(self, model: SiteModel, page_set: str, docs_name: str, lists: CardLists | None = None) -> None:
        """lists: the last build's signed lists of entries (see `normal`); only while the world is the same."""
        self.model = model
        self.entries = model.catalogue.entries
        self.page_set = page_set  # changes when a page is added or removed: relative Markdown links may change
        self.docs_name = docs_name  # a hash of the search data, which holds every entry's terms
        self.cards: dict[str, tuple[Any, ...]] = {}  # entry id -> its card, made when first asked for
        self.named: dict[str, frozenset[str]] = {}  # entry id -> the entries its page shows something of
        self.lists: CardLists = lists or {}
        self.lists_next: CardLists = {}  # the lists this build signed, for the next

    def face(self, entry_id: str) -> tuple[Any, ...] | None:
        """What another page may show of an entry: its front-matter (title and all), type and address.
        Its body is never shown elsewhere."""
        entry = self.entries.get(entry_id)
        return None if entry is None else (entry.data, entry.type, self.model.entry_src(entry))

    def card(self, entry: Entry) -> tuple[Any, ...]:
        card = self.cards.get(entry.id)
        if card is None:
            municipality = entry.data.get("municipality") or ()
            places = tuple(municipality) if isinstance(municipality, list | tuple) else (municipality,)
            # A card also shows the entry's dates, status and themes (render/views.py card_face): its front-matter.
            src = self.model.entry_src(entry)
            card = self.cards[entry.id] = (entry.id, entry.title, entry.summary, places, entry.type, src, entry.data)
        return card

    def entry(self, entry: Entry) -> tuple[Any, ...]:
        catalogue = self.model.catalogue
        outgoing = tuple((link.target, link.key) for link in catalogue.outgoing.get(entry.id, []))
        incoming = tuple((link.source, link.key) for link in catalogue.incoming.get(entry.id, []))
        similar = tuple(self.model.similar(entry))
        src = self.model.entry_src(entry)
        named = [reference.target for reference in entry.references]
        named.extend(link.target for link in entry.wikilinks)
        named.extend(link[0] for link in outgoing)
        named.extend(link[0] for link in incoming)
        named.extend(similar)
        names = dict.fromkeys(named)
        self.named[entry.id] = frozenset(names)
        faces = tuple((name, self.face(name)) for name in names)
        relative_links = self.page_set if "](" in entry.body else ""
        return (
            entry.path,
            entry.type,
            entry.data,
            entry.body,
            src,
            outgoing,
            incoming,
            similar,
            faces,
            relative_links,
        )

    def generated(self, page: GeneratedPage) -> object:
        """A term page, a listing or a taxonomy's index: the arguments it is rendered from, with each
        entry as its card. Anything else: ALWAYS."""
        render = page.render
        if not isinstance(render, functools.partial) or render.keywords:
            return ALWAYS
        name = getattr(render.func, "__name__", "")
        args = render.args
        try:
            if name == "listing" and len(args) == 8:
                extra = args[7]
                if extra is None:
                    return (name, *(self.normal(arg) for arg in args[:5]), args[6])
                filters = getattr(extra, "func", None)
                if getattr(filters, "__name__", "") == "filters_html":
                    # An overview's first page: its filters count terms by type, all in the search data.
                    return (name, *(self.normal(arg) for arg in args[:5]), args[6], self.docs_name)
            if name == "taxonomy_page" and len(args) == 6:
                return (name, *(self.normal(arg) for arg in args))
            if name == "terms_index_html":
                taxonomies = [(t.label, len(t.terms), t.slug) for t in self.model.taxonomies.values()]
                return (name, *args, tuple(sorted(taxonomies)))
            if name == "who_knows_html" and len(args) == 3:
                # Every term of the keyword taxonomies with the cards of its entries.
                src, heading, taxonomies = args
                terms = tuple(
                    (self.normal(t), *((i.label, i.slug, self.normal(i.entries)) for i in t.terms.values()))
                    for t in taxonomies
                )
                return (name, src, heading, terms)
        except _Unknown:
            pass
        return ALWAYS

    def normal(self, value: object) -> object:
        if value is None or isinstance(value, str | int):
            return value
        if isinstance(value, Entry):
            return self.card(value)
        if isinstance(value, TermInfo):
            return ("term", value.key, value.label, value.slug, len(value.entries))
        if isinstance(value, Taxonomy):
            digits = any(info.slug.isdigit() for info in value.terms.values())
            return ("taxonomy", value.name, value.slug, value.label, digits)
        if isinstance(value, list | tuple):
            # The common case, made fast: a list of entries. The same Entry objects as in the last
            # build (unchanged files), in the same order, have the same cards: the last build's
            # signature of the list is taken as it was, by the objects' ids (alive, as `lists`
            # holds them, so no other object has one of those ids).
            ids = tuple(map(id, value))
            kept = self.lists.get(ids) or self.lists_next.get(ids)
            if kept is None and value and all(type(item) is Entry for item in value):
                kept = (tuple(value), tuple(self.card(item) for item in value))
            if kept is not None:
                self.lists_next[ids] = kept
                return kept[1]
            return tuple(self.normal(item) for item in value)
        raise _Unknown(type(value).__name__)


CardLists = dict[tuple[int, ...], tuple[tuple[Entry, ...], tuple[Any, ...]]]


class _Unknown(Exception):
    """An argument this does not know how to sign: the page is rebuilt every time."""


class RememberedSimilar(SimilarIndex):
    """A build's similar-entries index that reuses the last build's answer for an entry whose terms,
    and the entries listed under each of them, are unchanged (ranking every entry again took most
    of a small rebuild)."""

    def __init__(self, index: SimilarIndex, last: RememberedSimilar | None) -> None:
        self.settings = index.settings
        self.postings = index.postings
        self.own_terms = index.own_terms
        self.terms_of: list[tuple[str, list[tuple[str, str]]]] = []  # what the index was made of, in order
        self.answers: dict[str, list[str]] = {}
        self.carried: set[str] = set()  # entries whose answer is the last build's
        if last is None or last.settings != self.settings:
            return
        if index is last:  # the same index: every answer holds
            self.answers = dict(last.answers)
            self.carried = set(self.answers)
            return
        changed = {
            pair
            for pair in self.postings.keys() | last.postings.keys()
            if self.postings.get(pair) != last.postings.get(pair)
        }
        for entry_id, answer in last.answers.items():
            terms = self.own_terms.get(entry_id)
            if terms is not None and terms == last.own_terms.get(entry_id) and changed.isdisjoint(terms):
                self.answers[entry_id] = answer
        self.carried = set(self.answers)

    def of(self, entry_id: str) -> list[str]:
        answer = self.answers.get(entry_id)
        if answer is None:
            answer = self.answers[entry_id] = super().of(entry_id)
        return answer


class Preview:
    """What `mkdocs serve` keeps from one build to the next."""

    def __init__(self) -> None:
        self.cache = FileCache()
        self.previous: dict[str, object] = {}  # src -> signature, from the last good build
        self.current: dict[str, object] = {}
        self.world: object = None  # what, when changed, changes every page
        self.full = True  # this build rebuilds everything
        self.dests: set[str] = set()  # every file the last build wrote, relative to site_dir
        self.panel = ""
        self.kept: list[File] = []  # pages this build left as they were
        self.templates = MemoryBytecodeCache()
        self.similar: RememberedSimilar | None = None
        self.search = SearchMemo()
        self.search_token: object = None
        self.card_faces: dict[str, Any] = {}  # render/views.py EntryViews.faces, while search_token holds
        self.files: dict[str, File] = {}  # the last good build's files, by src_uri
        self.files_token: object = None  # what their Page objects depend on (the date, mkdocs.yml)
        self.reusable: Mapping[str, File] = {}  # what this build may take up of them
        # Of the last good build: its entries, what each entry's page shows of others, its page set.
        self.entries: dict[str, Entry] = {}
        self.named: dict[str, frozenset[str]] = {}
        self.page_set = ""
        self.affected: set[str] | None = None  # entries whose page this build must sign; None: all
        self.sitemap: object = None  # what the last good build's sitemap.xml was made of
        self.sitemap_next: object = None
        self.skipped: set[str] = set()  # theme templates this build left as they were
        self.signatures: Signatures | None = None
        self.lists: CardLists = {}  # Signatures.lists of the last good build
        # For an edit of bodies only (body_edit.py): the last good build's catalogue, the order of its
        # files (before the theme's), what MkDocs found in content/, and content/'s other files.
        self.catalogue: Catalogue | None = None
        self.order: list[str] = []
        self.fresh: dict[str, str | None] = {}
        self.assets: object = None
        self.docs_dir = ""
        self.body_only = False  # this build took the last one up whole (body_edit.py)

    def remember(self, model: SiteModel, config_state: object) -> SearchMemo:
        """Let this build's model reuse the last build's similar entries, and its search documents.
        When no entry's terms changed (a body or title edit), the last index serves as it is."""
        terms_of = list(model.terms_of_entries().items())
        last = self.similar
        settings = settings_from(model.catalogue.config.site)
        if last is not None and last.settings == settings and last.terms_of == terms_of:
            self.similar = RememberedSimilar(last, last)
        else:
            self.similar = RememberedSimilar(SimilarIndex(dict(terms_of), settings), last)
        self.similar.terms_of = terms_of
        model.similar_index = self.similar
        if config_state != self.search_token:
            self.search, self.search_token = SearchMemo(), config_state
            self.card_faces = {}
        return self.search

    def take_up(self, token: object) -> None:
        """Before this build makes its files: may it take up the last build's File objects (and with
        them the Page objects MkDocs made for them; making ~14,000 of each took seconds at 10,000
        entries)? Only after a good build with the same token: a Page holds the build's date (the
        sitemap's lastmod) and mkdocs.yml's addresses. A page taken up and rebuilt is read and
        rendered again by MkDocs, which sets all it had from the last time."""
        self.reusable = self.files if not self.full and token == self.files_token else {}
        self.files_token = token

    def generated(self, src: str, content: str | bytes, inclusion: object) -> KatalogFile | None:
        """The last build's file for src, with this build's content; unchanged content is not
        written again (MkDocs copies only modified static files in a dirty build)."""
        old = self.reusable.get(src)
        if not isinstance(old, KatalogFile) or old.inclusion != inclusion or old.abs_src_path is not None:
            return None
        if isinstance(content, bytes):
            old.changed = old.content_bytes != content
            if old.changed:
                old.content_bytes = content
        else:
            old.changed = old.content_string != content
            if old.changed:
                old.content_string = content
        old.make = None
        return old

    def start(self, world: object) -> None:
        """A new build; everything is rebuilt after a failed build or when the world changed."""
        self.full = self.full or world != self.world or not self.previous
        self.body_only = False
        self.world = world
        self.current = {}
        self.kept = []

    def card_lists(self) -> CardLists:
        """The last build's signed lists of entries, unless this build rebuilds everything."""
        return {} if self.full else self.lists

    def sign_entries(self, signatures: Signatures) -> None:
        """Which entries' pages may have changed: the entries whose file changed (an unchanged file
        gives the same Entry object), those their pages show or showed, those whose similar entries
        were ranked again. Any other entry page's signature is the last build's: every input of it
        is the same object as then (see Signatures.entry)."""
        self.signatures = signatures
        catalogue = signatures.model.catalogue
        entries = catalogue.entries
        similar = signatures.model.similar_index
        if self.full or not self.entries or not isinstance(similar, RememberedSimilar):
            self.affected = None
            return
        last = self.entries
        changed = {entry_id for entry_id, entry in entries.items() if last.get(entry_id) is not entry}
        changed.update(entry_id for entry_id in last if entry_id not in entries)
        affected = set(changed)
        for entry_id in changed:  # pages it links to now (those it linked to before name it)
            affected.update(link.target for link in catalogue.outgoing.get(entry_id, ()))
        affected.update(entry_id for entry_id in entries if entry_id not in similar.carried)
        affected.update(entry_id for entry_id, names in self.named.items() if not names.isdisjoint(changed))
        self.affected = affected

    def entry_signature(self, src: str, entry: Entry) -> object:
        signatures = self.signatures
        assert signatures is not None
        affected = self.affected
        if affected is not None and entry.id not in affected and src in self.previous:
            names = self.named.get(entry.id)
            moved = "](" in entry.body and signatures.page_set != self.page_set
            if names is not None and not moved:
                signatures.named[entry.id] = names
                return self.previous[src]
        return signatures.entry(entry)

    def skip_sitemap(self, templates: set[str], pages: Iterable[File]) -> None:
        """sitemap.xml lists every page's address (~14,000 at 10,000 entries) with the build's date:
        when neither changed since the last good build, MkDocs is not asked to render it again."""
        self.sitemap_next = (self.world, digest(f"{file.src_uri} {file.url}" for file in pages))
        self.skipped = set()
        if not self.full and self.sitemap_next == self.sitemap and SITEMAP in templates:
            templates.discard(SITEMAP)
            self.skipped = {SITEMAP, f"{SITEMAP}.gz"}

    def decide(self, file: KatalogFile, signature: object) -> None:
        self.current[file.src_uri] = signature
        file.changed = self.full or signature is ALWAYS or self.previous.get(file.src_uri, _MISSING) != signature
        if not file.changed:
            self.kept.append(file)

    def finish(
        self, site_dir: str, dests: set[str], panel: str, keep: Callable[[str], bool], files: Iterable[File] = ()
    ) -> None:
        """After a good build: delete what the last build wrote and this one did not, bring the panel
        up to date on the pages kept, and remember this build."""
        dests = dests | self.skipped
        for gone in sorted(self.dests - dests):
            if keep(gone):
                continue
            remove_with_folders(site_dir, gone)
        if panel != self.panel and not self.full:
            replace_panel([file.abs_dest_path for file in self.kept], self.panel, panel)
        self.previous, self.current = self.current, {}
        self.dests = dests
        self.panel = panel
        self.full = False
        self.files = {file.src_uri: file for file in files if isinstance(file, KatalogFile)}
        self.reusable = {}
        self.sitemap, self.skipped = self.sitemap_next, set()
        signatures, self.signatures = self.signatures, None
        if signatures is not None:
            self.entries, self.named, self.page_set = dict(signatures.entries), signatures.named, signatures.page_set
            self.lists = signatures.lists_next

    def failed(self) -> None:
        self.full = True
        self.catalogue, self.order = None, []
        self.files, self.reusable = {}, {}
        self.entries, self.named, self.signatures, self.lists = {}, {}, None, {}
        self.sitemap, self.skipped = None, set()


_MISSING = object()


def remove_with_folders(site_dir: str, relative: str) -> None:
    path = os.path.join(site_dir, relative)
    try:
        os.remove(path)
    except FileNotFoundError:
        return
    folder = os.path.dirname(path)
    top = os.path.abspath(site_dir)
    while os.path.abspath(folder) != top and folder.startswith(top):
        try:
            os.rmdir(folder)
        except OSError:
            return  # not empty
        folder = os.path.dirname(folder)


def replace_panel(paths: list[str], old: str, new: str) -> None:
    """The problems panel of each kept page, replaced in place (a fraction of re-rendering it)."""

    def one(path: str) -> None:
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except FileNotFoundError:
            return
        changed = text.replace(old, new, 1) if old else with_panel(text, new)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(changed)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(one, paths))


def nav_sources(nav_paths: Iterable[str] | None, files: Mapping[str, File]) -> set[str]:
    return set(nav_paths or ()) & set(files)


def today() -> str:
    return date.today().isoformat()
