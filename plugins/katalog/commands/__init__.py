"""The `katalog` sub-commands, one module each."""

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
