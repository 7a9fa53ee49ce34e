"""What every stage reads with: a file's bytes (files.py), front-matter (frontmatter.py), YAML that remembers
where each key and value stood (yamlnodes.py and its parser), and a Markdown body's layout with its `[[id]]`
links (markdown_layout/, wikilinks.py). Nothing here knows the schema or the catalogue."""
