"""The nesting limit that keeps LibYAML alive counts only real flow collections.

Generated YAML of keys with flow collections (after anchors and tags too), quoted and plain scalars
full of brackets, and comments: "too deep" is reported exactly when a flow collection nests more
than MAX_NESTING deep (no false alarm on `title: "[[["`), and what is not reported loads.
"""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from katalog.core.read.yamlprecheck import MAX_NESTING, too_deep

# kind -> (value of n levels or brackets, whether it nests n levels)
KINDS = {
    "flow": (lambda n: "[" * n + "a" + "]" * n, True),
    "mapping": (lambda n: "{a: " * n + "b" + "}" * n, True),
    "anchor": (lambda n: "&a " + "[" * n + "x" + "]" * n, True),
    "tag": (lambda n: "!!seq " + "[" * n + "x" + "]" * n if n else "!!str x", True),
    "double_quoted": (lambda n: '"\\"' + "[" * n + '"', False),
    "single_quoted": (lambda n: "'it''s " + "{" * n + "'", False),
    "plain": (lambda n: "tekst [" + "[" * n, False),
    "quoted_in_flow": (lambda n: '["' + "[" * n + '"]', False),
}
LINES = st.tuples(st.sampled_from(sorted(KINDS)), st.integers(0, 2 * MAX_NESTING), st.booleans())


@settings(derandomize=True, database=None, deadline=None, max_examples=300)
@given(st.lists(LINES, min_size=1, max_size=4))
def test_reported_exactly_when_too_deep(lines: list[tuple[str, int, bool]]) -> None:
    text, deep = "", False
    for number, (kind, n, commented) in enumerate(lines):
        make, nests = KINDS[kind]
        if commented:
            text += "# " + make(n) + "\n"
        else:
            text += f"k{number}: {make(n).replace('&a ', f'&a{number} ')}\n"
            deep = deep or (nests and n > MAX_NESTING)
    issue = too_deep(text, 0)
    if deep:
        assert issue is not None and issue.code == "too_deep", text
    else:
        assert issue is None, text
        yaml.load(text, Loader=yaml.CSafeLoader)
