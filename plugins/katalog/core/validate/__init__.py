"""Stage 2, validate: one entry's values checked against its type and the vocabularies, its body's HTML and
links and its image too; problems as data."""
