"""Compiled Jinja templates kept in memory from one `mkdocs serve` build to the next."""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


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
