"""Stage 0, read: what every stage reads with: a file's bytes (files.py), front-matter (frontmatter.py), YAML
that remembers where each key and value stood (yamlnodes.py, parsed by yamlparse.py), HTML tags and comments
as a browser reads them (htmltags.py, htmlscan.py), and a Markdown body's layout with its `[[id]]` links
(markdown_layout/, wikilinks.py). Nothing here knows the schema or the catalogue."""
