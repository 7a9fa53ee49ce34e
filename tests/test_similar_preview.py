"""Under `mkdocs serve`, similar entries are ranked again only for the entries an edit can change
(mkdocs_plugin/remembered_similar.py): the answers must be those of ranking every entry anew."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from katalog.core.config.settings import SimilarSettings
from katalog.core.link.similar import SimilarIndex
from katalog.mkdocs_plugin.remembered_similar import RememberedSimilar

TERMS = [("themes", f"t{n}") for n in range(4)] + [("tags", f"k{n}") for n in range(3)] + [("status", "s")]
SETTINGS = SimilarSettings(weights={"themes": 2, "tags": 3}, threshold=2, limit=2, max_postings=3)

catalogues = st.dictionaries(
    st.sampled_from([f"e{n:02}" for n in range(14)]), st.lists(st.sampled_from(TERMS), max_size=4), min_size=1
)


def remembered(terms_of: dict[str, list[tuple[str, str]]], last: RememberedSimilar | None) -> RememberedSimilar:
    index = RememberedSimilar(SimilarIndex(terms_of, SETTINGS), last)
    for entry_id in terms_of:
        index.of(entry_id)  # every page asks, as a build does
    return index


@settings(max_examples=300, deadline=None)
@given(catalogues, st.data())
def test_similar_entries_after_edits_are_those_ranked_anew(
    first: dict[str, list[tuple[str, str]]], data: st.DataObject
) -> None:
    last = remembered(first, None)
    terms_of = dict(first)
    for _ in range(data.draw(st.integers(1, 3))):
        # An edit: an entry's terms changed, an entry added or removed (the order is the catalogue's).
        entry_id = data.draw(st.sampled_from([*sorted(terms_of), "e99"]))
        if data.draw(st.booleans()) and len(terms_of) > 1:
            terms_of.pop(entry_id, None)
        else:
            terms_of[entry_id] = data.draw(st.lists(st.sampled_from(TERMS), max_size=4))
        index = remembered(terms_of, last)
        fresh = SimilarIndex(terms_of, SETTINGS)
        assert {e: index.of(e) for e in terms_of} == {e: fresh.of(e) for e in terms_of}
        last = index
