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

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from mkdocs.structure.files import File

from ..core.catalogue import Catalogue
from ..core.entries import Entry
from ..core.link.similar import SimilarIndex, settings_from
from ..core.load.filecache import FileCache
from ..render.model import SiteModel
from ..render.site_search import SearchMemo
from .fingerprints import digest
from .katalog_file import KatalogFile
from .remembered_similar import RememberedSimilar
from .signatures import ALWAYS, CardLists, Signatures
from .site_dir import remove_with_folders, replace_panel
from .template_cache import MemoryBytecodeCache

SITEMAP = "sitemap.xml"


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
        self.card_faces: dict[str, Any] = {}  # render/card_views.py CardViews.faces, while search_token holds
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
        # For an edit of entries only (entry_edit.py): the last good build's catalogue, the order of its
        # files (before the theme's), what MkDocs found in content/, and content/'s other files.
        self.catalogue: Catalogue | None = None
        self.order: list[str] = []
        self.fresh: dict[str, str | None] = {}
        self.assets: object = None
        self.docs_dir = ""
        self.body_only = False  # this build took the last one up whole, with new bodies (entry_edit.py)
        self.entry_first = False  # this build rendered edited entries' pages alone (entry_edit.py)
        # After an "entry first" build, until an ordinary build: the (src, id(entry)) it rendered.
        self.behind: frozenset[tuple[str, int]] | None = None

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
        self.entry_first = False
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
        if not self.entry_first:
            self.behind = None
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
        self.behind = None
        self.catalogue, self.order = None, []
        self.files, self.reusable = {}, {}
        self.entries, self.named, self.signatures, self.lists = {}, {}, None, {}
        self.sitemap, self.skipped = None, set()


_MISSING = object()
