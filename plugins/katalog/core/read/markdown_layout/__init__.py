"""Where Python-Markdown sees code, raw HTML and inline text in a Markdown body, line by line.

Wiki links are Katalog's own syntax, replaced before Python-Markdown renders a body, so they must be
found (and replaced, and checked) exactly where Markdown does not show code. `layout(body)` works out,
the way Python-Markdown does with the site's extensions (fenced_code, md_in_html, admonition, tables,
attr_list), which characters of a body are code, which are raw HTML passed to the page as written, and
which are text that Markdown renders inline. It follows Python-Markdown's preprocessors and block
processors step by step, on lines instead of strings, so it agrees on the odd cases as well: a fence
starts in column 0 and ends with the very same fence; an indented block after a list belongs to the
list, and is code only when indented once more; an indented fence in a list item is an inline code
span; a block-level tag at the start of a line starts raw HTML up to its end tag, blank lines and all.

Every step is linear (or n log n) in the length of the body, also on hostile text: searches that
Python-Markdown repeats per line or per bracket are done once, with the results kept.
"""
