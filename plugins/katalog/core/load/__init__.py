"""Stage 2, load: each file of catalogue/ and content/ read once, its front-matter parsed with positions."""
