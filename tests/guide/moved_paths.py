"""Former addresses of the guide's pages and their French ones (tests/test_moved_urls.py)."""

MOVED = [
    ("/guide/search/", "/guide/recherche/"),
    ("/guide/search/suggestions/", "/guide/recherche/suggestions/"),
]
