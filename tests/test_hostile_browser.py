"""Hostile input in the browser: words that are JavaScript property names, markup, regex and lunr
query syntax, odd Unicode and very long text, typed into the search box, put in the URL and picked
as filters. Every word is found like any other and nothing breaks, runs or hangs."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from .browser_support import browser_page, serve
from .build_support import build_ok
from .conftest import INDEX_MD, Site, copy_example_config, entry, mkdocs_yml_for_tests

pytestmark = pytest.mark.browser

INPUT = ".katalog-search__input"
PWN = "window.__pwned=1"
IMAGE = f"<img src=x onerror={PWN}>"
SVG = f'"><svg onload={PWN}>'

# Each word of Object.prototype (and friends) is in one entry, in its title, body, tags or a term.
# value: (entry file name, where the word is)
WORDS = {
    "constructor": ("constructor", "title"),
    "__proto__": ("proto", "title"),  # "__proto__.md" is no valid entry id
    "toString": ("tostring", "title"),
    "prototype": ("prototype", "body"),
    "valueOf": ("valueof", "body"),
    "__defineGetter__": ("definegetter", "body"),
    "hasOwnProperty": ("hasownproperty", "tags"),
    "isPrototypeOf": ("isprototypeof", "tags"),
    "propertyIsEnumerable": ("propertyisenumerable", "tags"),
    "toLocaleString": ("tolocalestring", "theme"),  # the label of a theme whose key is "constructor"
    "__lookupSetter__": ("lookupsetter", "theme"),  # a synonym of a theme whose key is "__proto__"
}
# Themes with keys that are property names too; labels with markup, shown as text by the filters.
THEMES = f"""\
  - key: constructor
    label: {{da: "Tema {IMAGE} toLocaleString", en: Constructor}}
  - key: __proto__
    label: {{da: Prototema, en: Proto theme}}
    synonyms: [__lookupSetter__]
"""
LONG_WORD = "a" * 40  # a query like a*a*a*... once made lunr try every way to match it: the search hung


def hostile_entry(number: int, word: str, where: str) -> str:
    theme = {"toLocaleString": "constructor", "__lookupSetter__": "__proto__"}.get(word, "samskabelse")
    replace = {"title:": f'title: "Initiativ {word}"' if where == "title" else f'title: "Initiativ nummer {number}"'}
    replace["themes:"] = f"themes: [{theme}]"
    add = f'tags: ["{word}"]' if where == "tags" else ""
    body = f"Teksten nævner {word} en enkelt gang.\n" if where == "body" else "Brødtekst.\n"
    return entry("initiative", replace=replace, add=add, body=body)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("hostile-browser")
    copy_example_config(root / "site_config")
    themes = root / "site_config" / "vocabularies" / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8") + THEMES, encoding="utf-8")
    (root / "mkdocs.yml").write_text(mkdocs_yml_for_tests(), encoding="utf-8")
    files = {
        f"catalogue/initiatives/{name}.md": hostile_entry(number, word, where)
        for number, (word, (name, where)) in enumerate(WORDS.items())
    }
    files["catalogue/initiatives/markup.md"] = entry(
        "initiative",
        replace={
            "title:": f"title: '{IMAGE} billede'",
            "summary:": f"summary: '{SVG} svg og script i et resumé'",
            "municipality:": "municipality: horsens",
        },
        add=f"tags: ['<script>{PWN}</script>', 'javascript:{PWN}']",
        body=f"Et langt ord: {LONG_WORD}.\n",
    )
    Site(root).write({"content/index.md": INDEX_MD, **files})
    site = build_ok(root)
    # A tampered data file: a result whose URL is a script must not become a link that runs it.
    (docs,) = (site / "katalog" / "data").glob("docs.*.json")
    data = json.loads(docs.read_text(encoding="utf-8"))
    for row in data["docs"]:
        if row[0].startswith("<img"):
            row[1] = f"javascript:{PWN}"
    docs.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    # The same in the search index's result rows (core/search/index.py: files of rows [title, URL, ...]).
    tampered = 0
    for rows_file in (site / "katalog" / "search").glob("r*/*.json"):
        rows = json.loads(rows_file.read_text(encoding="utf-8"))
        for row in rows:
            if str(row[0]).startswith("<img"):
                row[1] = f"javascript:{PWN}"
                tampered += 1
        rows_file.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    assert tampered == 1
    # And in the shards, which carry the rows of each term's best documents: [number, title, URL, ...].
    for shard_file in (site / "katalog" / "search" / "t").glob("*.json"):
        shard = json.loads(shard_file.read_text(encoding="utf-8"))
        if not isinstance(shard, dict):
            continue  # a tail: postings only
        for row in shard.get("r", []):
            if str(row[1]).startswith("<img"):
                row[2] = f"javascript:{PWN}"
                tampered += 1
        shard_file.write_text(json.dumps(shard, ensure_ascii=False), encoding="utf-8")
    assert tampered > 1
    yield site


class Watch:
    """Every page error, console error and dialog of a page, taken per step."""

    def __init__(self, page: Any) -> None:
        self.events: list[str] = []
        page.on("pageerror", lambda error: self.events.append(f"pageerror: {error}"))
        page.on("console", self.console)
        page.on("dialog", self.dialog)

    def console(self, message: Any) -> None:
        if message.type == "error":
            self.events.append(f"console: {message.text}")

    def dialog(self, dialog: Any) -> None:
        self.events.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def take(self) -> list[str]:
        events, self.events = self.events, []
        return events


# Counts the search's answers: each one rewrites the status line.
COUNT_ANSWERS = """() => {
  window.__answers = 0;
  const status = document.querySelector('.katalog-search__status');
  new MutationObserver(() => { window.__answers += 1; })
    .observe(status, {childList: true, characterData: true, subtree: true});
}"""

# Waits for the answer to the query (if the box holds one) and reports what is unsafe on the page.
INSPECT = """async (before) => {
  const started = performance.now();
  const input = document.querySelector('.katalog-search__input');
  if (input.value.trim() !== '') {
    while (window.__answers <= before) {
      if (performance.now() - started > 5000) return {problems: ['no answer within 5 s'], links: []};
      await new Promise(resolve => setTimeout(resolve, 5));
    }
  }
  const problems = [];
  const allowed = new Set(['P', 'DIV', 'SELECT', 'OPTION', 'OL', 'LI', 'A', 'SPAN', 'MARK', 'BUTTON']);
  for (const node of document.getElementById('katalog-search-results').querySelectorAll('*')) {
    if (!allowed.has(node.tagName)) problems.push('element ' + node.tagName);
  }
  for (const node of document.querySelectorAll('*')) {
    for (const attribute of node.attributes) {
      if (/^on/i.test(attribute.name)) problems.push(node.tagName + ' has ' + attribute.name);
    }
  }
  for (const link of document.querySelectorAll('.katalog-search__list a, .katalog-results a')) {
    if (link.hasAttribute('href') && !/^https?:/.test(link.href)) problems.push('link to ' + link.href);
  }
  if (typeof window.__pwned !== 'undefined') problems.push('window.__pwned is set');
  const links = Array.from(document.querySelectorAll('.katalog-search__link'), a => a.getAttribute('href'));
  return {problems, links, ms: performance.now() - started};
}"""


def answers(page: Any) -> int:
    count: int = page.evaluate("() => window.__answers")
    return count


def search(page: Any, text: str) -> list[str]:
    """Fills the search box; the hrefs of the results, once the search has answered."""
    before = answers(page)
    page.fill(INPUT, text)
    report: dict[str, Any] = page.evaluate(INSPECT, before)
    assert report["problems"] == [], (text, report["problems"])
    return list(report["links"])


def open_page(page: Any, url: str) -> None:
    page.goto(url)
    page.evaluate(COUNT_ANSWERS)


def test_javascript_property_names_are_ordinary_words(hostile_site: Path) -> None:
    with serve(hostile_site) as url, browser_page() as page:
        watch = Watch(page)
        open_page(page, url)
        for word, (name, _) in WORDS.items():
            for typed in (word, word.lower(), word.upper()):
                links = search(page, typed)
                assert links[:1] == [url + f"initiativer/{name}/"], (typed, links)
        # Prefixes too, while typing ("__proto" and "construc" find as "__proto__" and "constructor").
        assert url + "initiativer/proto/" in search(page, "__proto")
        assert search(page, "construc")[:1] == [url + "initiativer/constructor/"]
        # Markup in a title is text; a result whose URL is a script is no link.
        search(page, "billede")
        title = page.locator(".katalog-search__title").first
        assert title.inner_text() == f"{IMAGE} billede"
        assert page.locator(".katalog-search__link").first.get_attribute("href") is None
        # The themes with keys "constructor" and "__proto__" filter the overview as any other term.
        page.goto(url + "initiativer/")
        page.wait_for_selector(".katalog-facet-options input")
        constructor, proto = (
            page.locator("fieldset[data-facet=themes] label", has_text=label).locator("input")
            for label in ("Tema <img", "Prototema")
        )
        assert constructor.is_enabled() and proto.is_enabled()
        constructor.check()
        titles = page.locator(".katalog-results .katalog-card-title")
        assert titles.all_inner_texts() == ["Initiativ nummer 9"]  # toLocaleString's entry
        proto.check()
        assert sorted(titles.all_inner_texts()) == ["Initiativ nummer 10", "Initiativ nummer 9"]
        assert page.locator(".katalog-filter-status").inner_text() == f"2 af {len(WORDS) + 1} poster matcher"
        # On the overview too: markup in a title is text, a script URL no link.
        page.get_by_role("button", name="Nulstil filtre").click()
        page.locator("fieldset[data-facet=municipalities] label", has_text="Horsens").locator("input").check()
        assert titles.all_inner_texts() == [f"{IMAGE} billede"]
        assert titles.first.get_attribute("href") is None
        assert watch.take() == []


# --- generated hostile input ---------------------------------------------------------------------

PROPERTY_NAMES = [
    "constructor", "__proto__", "prototype", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf",
    "propertyIsEnumerable", "toLocaleString", "__defineGetter__", "__defineSetter__", "__lookupGetter__",
    "__lookupSetter__", "length", "then", "call", "apply", "bind", "caller", "arguments", "Symbol.iterator",
    "undefined", "null", "NaN", "Infinity", "-1", "0", "1e999", "[object Object]", "constructor.prototype",
    "__proto__.polluted", "constructor[prototype][x]",
]  # fmt: skip
MARKUP = [
    IMAGE, SVG, f"<script>{PWN}</script>", f"javascript:{PWN}", f"'-{PWN}-'", f"</ol></div>{IMAGE}",
    "<iframe srcdoc='<script>parent.__pwned=1</script>'>", "&lt;b&gt;", "&#60;img&#62;", "<!--", "]]>",
    f"{{{{constructor.constructor('{PWN}')()}}}}", f"${{{PWN}}}", f"<math><mi xlink:href=javascript:{PWN}>x",
    f"<a href=javascript:{PWN}>x</a>", "<b>fed</b>", "<mark>", '" autofocus onfocus="window.__pwned=1',
]  # fmt: skip
REGEX = [".*", "+", "?", "^", "$", "{", "}", "(", ")", "|", "[", "]", "\\", ".*+?^${}()|[]\\", "(a+)+$", "$&", "$1"]
LUNR = [
    "+", "-", "~", "^", ":", "*", "title:x", "+constructor", "-toString", "proto~2", "valueOf^10", "*constructor",
    "a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a", "to*St*ri*ng", "body:*", "\\*", "constructor~1^2",
]  # fmt: skip
UNICODE = [
    "ældre", "Århus", "ØSTER", "e\u0301e\u0301", "a\u0308\u0308\u0308\u0308", "\u202eevil\u202c", "\u200b",
    "zero\u200bwidth", "\ufeff", "\u00a0", "\U0001f600", "\U0001f469\u200d\U0001f469\u200d\U0001f467",
    "\U0001f1e9\U0001f1f0", "\U0001d518\U0001d52b\U0001d526", "\u216b", "ß", "İ", "\ufb00", "\u0000", "\t",
    "\n", "日本語", "עברית", "العربية", "\ufffd", "\U0010ffff",
]  # fmt: skip
URLISH = ["%", "%E0%A4%A", "%ZZ", "%00", "%2F..%2F", "#", "?", "&", "=", "/", "//evil.example", "?q=<b>"]
POOL = list(dict.fromkeys(PROPERTY_NAMES + MARKUP + REGEX + LUNR + UNICODE + URLISH))
# Lone surrogates cannot travel as UTF-8: these are set from JavaScript instead of typed.
LONE = ["\ud800", "a\udfffb", "\udc00constructor\ud800", "\ude00\ud83d"]  # the last: a pair, reversed


def generated_cases(count: int = 200, seed: int = 20240611) -> list[str]:
    """Every piece of the pool alone, then random joins of pieces, then a few very long texts."""
    rng = random.Random(seed)
    cases = list(POOL)
    while len(cases) < count - 4:
        pieces = [rng.choice(POOL) for _ in range(rng.randint(2, 5))]
        case = "".join(piece + rng.choice(["", " ", "-", "  "]) for piece in pieces)
        if case not in cases:
            cases.append(case)
    long_mix = "".join(rng.choice(POOL) + " " for _ in range(2000))[:10000]
    cases += ["a" * 10000, ("constructor " * 900)[:10000], (IMAGE * 300)[:10000], long_mix]
    return cases


def query_string(text: str) -> str:
    """The text as a search query, a filter-like parameter and a parameter name."""
    value = quote(text[:2000], safe="")
    return f"q={value}&themes={value}&{value}=1&__proto__[polluted]=1&constructor[prototype][polluted]=1"


def test_generated_hostile_input_breaks_nothing(hostile_site: Path) -> None:
    cases = generated_cases()
    failures: list[tuple[str, list[str]]] = []
    slowest = 0.0
    with serve(hostile_site) as url, browser_page() as page:
        watch = Watch(page)
        open_page(page, url)
        for number, text in enumerate(cases):
            problems: list[str] = []
            if number % 10 == 5 and len(text) < 40 and text.isprintable():
                # Typed key by key: a query per keystroke; the last one must land.
                page.fill(INPUT, "")
                page.locator(INPUT).press_sequentially(text)
                before = page.evaluate(
                    "() => { const n = window.__answers;"
                    " document.querySelector('.katalog-search__input').dispatchEvent(new Event('input')); return n; }"
                )
            else:
                before = answers(page)
                page.fill(INPUT, text)
            report = page.evaluate(INSPECT, before)
            problems += report["problems"]
            slowest = max(slowest, report.get("ms", 0))
            # The hash changes without reloading (the page's scripts see a hashchange).
            page.evaluate(f"() => {{ location.hash = {json.dumps(text[:2000])}; }}")
            if number % 10 == 0:
                # Query string and hash, on the front page and on an overview with filters.
                target = url if number % 20 == 0 else url + "initiativer/"
                page.goto(f"{target}?{query_string(text)}#{quote(text[:2000], safe='')}")
                if target == url:
                    page.evaluate(COUNT_ANSWERS)
                else:
                    page.wait_for_selector(".katalog-facet-options input")
                    page.locator(".katalog-facet-options input:enabled").first.check()
                    page.wait_for_selector(".katalog-results .katalog-card-title")
                    problems += page.evaluate(INSPECT, 0)["problems"]
                    open_page(page, url)
            problems += watch.take()
            if problems:
                failures.append((text[:80], problems))
        # Lone surrogates, set from JavaScript, in the box and in the hash.
        for text in LONE:
            literal = json.dumps(text)  # ASCII-only: surrogates as \\u escapes
            before = page.evaluate(
                f"() => {{ const n = window.__answers; const input = document.querySelector('{INPUT}');"
                f" input.value = {literal}; input.dispatchEvent(new Event('input'));"
                f" location.hash = {literal}; return n; }}"
            )
            problems = page.evaluate(INSPECT, before)["problems"] + watch.take()
            if problems:
                failures.append((repr(text), problems))
        assert failures == [], failures
        # Still responsive: an ordinary query after all that finds its entry.
        assert search(page, "constructor")[:1] == [url + "initiativer/constructor/"]
    assert slowest < 3000, f"the slowest query took {slowest:.0f} ms"


def test_random_filter_choices_match_the_data(hostile_site: Path) -> None:
    """Checking random terms (among them the keys "constructor" and "__proto__") shows exactly the
    entries that have one of the checked terms of each facet."""
    (docs,) = (hostile_site / "katalog" / "data").glob("docs.*.json")
    data = json.loads(docs.read_text(encoding="utf-8"))
    initiative = [t[0] for t in data["types"]].index("initiative")
    rows = [row for row in data["docs"] if row[2] == initiative]
    facets = {vocabulary["name"]: v for v, vocabulary in enumerate(data["vocabularies"])}
    rng = random.Random(7)
    with serve(hostile_site) as url, browser_page() as page:
        watch = Watch(page)
        page.goto(url + "initiativer/")
        page.wait_for_selector(".katalog-facet-options input")
        boxes = page.locator(".katalog-facet-options input")
        for _ in range(25):
            enabled = [i for i in range(boxes.count()) if boxes.nth(i).is_enabled()]
            boxes.nth(rng.choice(enabled)).click()
            checked: list[tuple[str, int]] = page.evaluate(
                "() => Array.from(document.querySelectorAll('.katalog-facet-options input:checked'),"
                " box => [box.closest('fieldset').dataset.facet, Number(box.value)])"
            )
            wanted: dict[int, set[int]] = {}
            for name, term in checked:
                wanted.setdefault(facets[name], set()).add(term)
            expected = sorted(row[0] for row in rows if all(terms & set(row[4][f]) for f, terms in wanted.items()))
            shown = page.locator(".katalog-results .katalog-card-title").all_inner_texts()
            assert sorted(shown) == (expected if checked else sorted(r[0] for r in rows)), checked
        assert watch.take() == []


def test_the_generated_cases_cover_every_kind_of_hostile_input() -> None:
    cases = generated_cases()
    assert len(cases) == 200 and len(set(cases)) == 200
    assert max(map(len, cases)) == 10000
    for needle in ("constructor", "__proto__", "<img", "<svg", "<script", "*", "~", "^", ":", "æ", "\u200b", "\u202e"):
        assert any(needle in case for case in cases), needle
    assert any(re.search(r"[\U0001f600-\U0001f64f]", case) for case in cases)
