"""Reading a file without being fooled by what stands in its place, and saying, in the site's
language, why the file system refused; showing names that hold unprintable characters."""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from pathlib import Path

from ..i18n import Translator

_UNSHOWABLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def shown(text: str) -> str:
    """The text with every character that cannot be shown on one line escaped: `\\n`, `\\x1b`,
    `\\u202e`; a byte that is not UTF-8 (a lone surrogate from the file system) as `\\xe6`."""
    if text.isprintable():
        return text
    return "".join(escaped(char) if unicodedata.category(char) in _UNSHOWABLE else char for char in text)


def unshowable(text: str) -> list[str]:
    """The characters of text that shown() escapes, each once, in order."""
    if text.isprintable():
        return []
    return list(dict.fromkeys(char for char in text if unicodedata.category(char) in _UNSHOWABLE))


def escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def is_inside(path: str, folder: str) -> bool:
    """Whether the real path `path` is `folder` or lies under it (both absolute, symlinks resolved)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class NotRegularFile(OSError):
    """A FIFO, socket or device where a file was expected: never read (a FIFO would block forever)."""

    def __init__(self, mode: int) -> None:
        super().__init__(errno.EINVAL, "not a regular file")
        self.mode = mode


_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def read_regular(path: Path | str) -> bytes:
    """The bytes of a regular file. Anything else raises NotRegularFile without being read: it is
    opened without blocking (a FIFO with no writer would wait forever) and checked once open."""
    fd = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(info.st_mode)
        chunks = []
        size = info.st_size + 1  # one read for the whole file, one more to see its end
        while chunk := os.read(fd, max(size, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def file_kind(tr: Translator, mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return tr("filesystem.fifo")
    if stat.S_ISSOCK(mode):
        return tr("filesystem.socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return tr("filesystem.device")
    if stat.S_ISDIR(mode):
        return tr("filesystem.folder")
    return tr("filesystem.special")


def os_reason(tr: Translator, error: OSError) -> str:
    """Why the file system said no, in the site's language where Katalog knows the case."""
    if isinstance(error, NotRegularFile):
        return file_kind(tr, error.mode)
    known = {
        errno.EACCES: "filesystem.no_access",
        errno.EPERM: "filesystem.no_access",
        errno.ENOENT: "filesystem.missing",
        errno.ENAMETOOLONG: "filesystem.name_too_long",
        errno.ELOOP: "filesystem.loop",
        errno.EROFS: "filesystem.read_only",
        errno.ENOSPC: "filesystem.full",
        errno.ENOTDIR: "filesystem.not_folder",
        errno.EISDIR: "filesystem.is_folder",
    }
    name = known.get(error.errno or 0)
    return tr(name) if name else shown(error.strerror or type(error).__name__)
