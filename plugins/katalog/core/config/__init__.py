"""Stage 1, config: site_config/ (settings, schema, vocabularies, texts, places) read and checked as data."""
