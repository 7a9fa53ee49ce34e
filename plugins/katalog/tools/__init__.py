"""Scripts run by hand, once, to make data files that are committed (not run by builds)."""
