"""Stage 3, load: each file of catalogue/ and content/ found and read once (in worker processes for a large
catalogue) and validated into an entry or a page, every problem collected."""
