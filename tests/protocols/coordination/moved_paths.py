"""Former addresses of the coordination protocols' pages and their French
addresses today (tests/test_moved_urls.py): the prefix /protocols/ moved to
/protocoles/ (gecolib/urls.py), then the app's own segments were translated
(protocols/coordination/urls.py)."""

MOVED = [
    ("/protocols/", "/protocoles/"),
    ("/protocols/structure/4/", "/protocoles/structure/4/"),
    ("/protocols/structure/4/new/", "/protocoles/structure/4/nouveau/"),
    ("/protocols/3/", "/protocoles/3/"),
    ("/protocols/3/edit/", "/protocoles/3/modifier/"),
    ("/protocols/3/validate/", "/protocoles/3/valider/"),
    ("/protocols/3/status/archive/", "/protocoles/3/statut/archive/"),
    ("/protocols/3/share/", "/protocoles/3/partager/"),
    ("/protocols/3/unshare/", "/protocoles/3/ne-plus-partager/"),
    ("/protocols/3/indicators/", "/protocoles/3/indicateurs/"),
    ("/protocols/3/indicators/7/values/", "/protocoles/3/indicateurs/7/valeurs/"),
    ("/protocols/3/meetings/", "/protocoles/3/reunions/"),
    ("/protocols/3/versions/", "/protocoles/3/versions/"),
    ("/protocols/3/versions/compare/", "/protocoles/3/versions/comparer/"),
    ("/protocols/3/versions/2/", "/protocoles/3/versions/2/"),
    ("/protocols/3/versions/2/restore/", "/protocoles/3/versions/2/restaurer/"),
    ("/protocols/3/pdf/", "/protocoles/3/pdf/"),
    ("/protocols/library/", "/protocoles/bibliotheque/"),
    ("/protocols/library/5/", "/protocoles/bibliotheque/5/"),
    ("/protocols/overview/", "/protocoles/synthese/"),
]
