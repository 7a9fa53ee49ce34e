"""Stage 3, validate: every entry's values checked against its type and the vocabularies; problems as data."""
