"""Stage 4, link: references and `[[id]]` links resolved both ways, one entry per id, the featured ids
checked; taxonomies and similar entries."""
