"""Pages of the built site, as Markdown/HTML strings: no MkDocs import, so any engine can use them."""
