"""lunr.js 2.3.9 and the lunr-languages stemmers, as shipped inside MkDocs' own search plugin.

Taking them from the installed MkDocs keeps one pinned copy of each and none in this repository.
"""

from __future__ import annotations

from pathlib import Path

import mkdocs.contrib.search

# The package's folder, from the module as imported: a MkDocs 1.x fork such as ProperDocs answers
# `import mkdocs...` with its own modules, which importlib.resources.files() cannot read from.
_SEARCH = Path(mkdocs.contrib.search.__file__).parent


def lunr_scripts(language_code: str) -> dict[str, str]:
    scripts = {"lunr.js": (_SEARCH / "templates" / "search" / "lunr.js").read_text(encoding="utf-8")}
    if language_code != "en":
        languages = _SEARCH / "lunr-language"
        for name in ("lunr.stemmer.support.js", f"lunr.{language_code}.js"):
            scripts[name] = (languages / name).read_text(encoding="utf-8")
    return scripts
