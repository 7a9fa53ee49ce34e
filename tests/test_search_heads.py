"""The first results a query shows from the heads of common terms (before their tails are fetched) are
the first results of the whole list, for random catalogues and random queries of one to three words,
prefixes, typos, ends of compounds and "-word", in Chromium: each site built twice, as is and shaped as a
big catalogue's (every term a shard, three documents a head), and the two sites' workers asked the same
queries."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from katalog.core.search import index as index_module
from katalog.core.search.language import analysis_for

from .browser_support import browser_page, serve
from .build_support import build_ok
from .conftest import Site, copy_example_config, entry, mkdocs_yml_for_tests

# Words that share stems, prefixes and compounds, so that queries meet at every kind of match.
WORDS = ["have", "fælleshave", "haven", "borger", "borgere", "borgerinddragelse", "inddragelse", "skole"]
WORDS += ["skolegården", "frivillig", "frivillige", "plejecenter", "netværk", "netværket", "cykel", "cykelsti"]
SEEDS = (1, 2, 3)
QUERIES_PER_SITE = 120

# Asks each query of a worker of each site; returns per query the whole list of each (URLs) and every
# list the heads' site posted before its whole list. The heads' site's worker is a new one per query:
# a worker keeps the tails it fetched, and a query the kept tails answer needs no heads.
ASK_BOTH = """async ([whole, heads, queries]) => {
  async function indexOf(base) {
    const script = await (await fetch(base + "katalog/katalog-search.js")).text();
    return /"index": "([^"]+)"/.exec(script)[1];
  }
  function open(base, index) {
    const worker = new Worker(base + "katalog/katalog-search-worker.js");
    worker.postMessage({ type: "setup", base: base + "katalog/", index: base + "katalog/" + index, lang: "da" });
    return worker;
  }
  function ask(worker, id, query) {
    return new Promise((resolve) => {
      const early = [];
      worker.onmessage = (event) => {
        const m = event.data;
        if (m.id !== id) return;
        if (m.type === "error") resolve({ error: m.message });
        else if (m.type === "results" && m.total === null) early.push(m.hits.map((h) => h.url));
        else if (m.type === "results") resolve({ list: m.hits.map((h) => h.url), early: early });
      };
      worker.postMessage({ type: "search", id: id, query: query, limit: 40, early: 5, channel: "box" });
    });
  }
  const [wholeIndex, headsIndex] = await Promise.all([indexOf(whole), indexOf(heads)]);
  const wholeWorker = open(whole, wholeIndex);
  const out = [];
  for (let i = 0; i < queries.length; i++) {
    const headsWorker = open(heads, headsIndex);
    const [w, h] = await Promise.all([ask(wholeWorker, i + 1, queries[i]), ask(headsWorker, i + 1, queries[i])]);
    headsWorker.terminate();
    out.push({ query: queries[i], whole: w, heads: h });
  }
  return out;
}"""


def catalogue(seed: int) -> dict[str, str]:
    """40 entries of random titles and bodies over WORDS, each word a random number of times."""
    rng = random.Random(seed)
    files = {}
    for number in range(40):
        title = " ".join(rng.sample(WORDS, rng.randint(1, 3))).capitalize()
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 30)))
        files[f"catalogue/initiatives/nr-{number}.md"] = entry(
            "initiative", replace={"title:": f'title: "{title} {number}"'}, body=f"## Afsnit\n\nOrd: {body}.\n"
        )
    return files


def query(rng: random.Random) -> str:
    words = []
    for _ in range(rng.choice((1, 2, 2, 3))):
        word = rng.choice(WORDS)
        kind = rng.random()
        if kind < 0.2:
            word = word[: rng.randint(3, len(word))]  # being typed
        elif kind < 0.3 and len(word) >= 6:
            # A letter left out after the fourth: a typo in the first letters is looked for in the shards
            # it can be named in without guessing a letter, so a big catalogue's shards can miss it.
            at = rng.randrange(4, len(word))
            word = word[:at] + word[at + 1 :]
        elif kind < 0.4:
            word = "-" + word
        elif kind < 0.5 and len(word) >= 8:
            word = word[rng.randint(3, len(word) - 5) :]  # the end of a compound
        words.append(word)
    return " ".join(words)


@pytest.fixture(scope="module", params=SEEDS)
def twin_sites(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root: Path = tmp_path_factory.mktemp(f"heads-{request.param}")
    copy_example_config(root / "site_config")
    (root / "mkdocs.yml").write_text(mkdocs_yml_for_tests(), encoding="utf-8")
    Site(root).write({"content/index.md": "# Forside\n\nTest.\n", **catalogue(request.param)})
    build_ok(root, site_dir="whole")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_module, "SHARD_CHARS", 1)
        patch.setattr(index_module, "HEAD", 3)
        patch.setattr(index_module, "ROWS_INLINE", 1)
        build_ok(root, site_dir="heads")
    with serve(root) as url:
        yield url


@pytest.mark.browser
def test_first_results_from_the_heads_start_the_whole_list(twin_sites: str, request: pytest.FixtureRequest) -> None:
    seed = request.node.callspec.params["twin_sites"]
    rng = random.Random(seed * 1000)
    queries = sorted({query(rng) for _ in range(QUERIES_PER_SITE)})
    with browser_page() as page:
        page.goto(twin_sites + "whole/")
        answers: list[dict[str, Any]] = page.evaluate(ASK_BOTH, [twin_sites + "whole/", twin_sites + "heads/", queries])
    shown_early = 0
    for answer in answers:
        q, whole, heads = answer["query"], answer["whole"], answer["heads"]
        assert "error" not in whole and "error" not in heads, answer
        # The same whole list from both sites: a site's URLs differ only in its folder.
        assert [u.replace("/heads/", "/whole/") for u in heads["list"]] == whole["list"], q
        for early in heads["early"]:
            assert early == heads["list"][: len(early)], q
            shown_early += 1
    # The heads answer some queries of several words first, or this test would test nothing of them
    # (a stop word, "-" in front or not, is dropped from a query that has other words).
    stopwords = analysis_for("da").stopwords
    several = [a for a in answers if sum(1 for w in a["query"].split() if w.lstrip("-") not in stopwords) > 1]
    multi_early = sum(1 for a in several if a["heads"]["early"])
    assert shown_early > 0 and multi_early > 0, (shown_early, multi_early)
