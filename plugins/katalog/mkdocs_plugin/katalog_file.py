"""MkDocs' File for Katalog's pages: a dirty build rebuilds only those whose is_modified() says so."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from mkdocs.structure.files import File


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
