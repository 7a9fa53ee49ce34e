"""The search index, built at build time with lunr.py and loaded in the browser by lunr.js."""
