"""Stage 4, link: `[[id]]` links and references resolved both ways; taxonomies and similar entries."""
