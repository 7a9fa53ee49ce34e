"""Stage 5, search: the search index in pieces (index.py), its terms and scores worked out at build time as
lunr makes them; the browser's worker (assets/katalog-search-worker.js) fetches what a query needs."""
