"""Stage 1, config: site_config/ (settings, schema, vocabularies, texts, accessibility statement, map) read
and checked as data."""
