"""Katalog: a static site generator for municipal knowledge banks and initiative catalogues."""

__version__ = "0.1.0"
