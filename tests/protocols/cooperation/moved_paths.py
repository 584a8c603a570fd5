"""Former addresses of the national cooperation protocols and their French
addresses today (walked by tests/test_moved_urls.py). The app moved from
/protocols/cooperation/ to /protocoles/cooperation/; its own paths were
already French."""

MOVED = [
    ("/protocols/cooperation/", "/protocoles/cooperation/"),
    ("/protocols/cooperation/catalogue/", "/protocoles/cooperation/catalogue/"),
    ("/protocols/cooperation/catalogue/nouveau/", "/protocoles/cooperation/catalogue/nouveau/"),
    ("/protocols/cooperation/catalogue/2/", "/protocoles/cooperation/catalogue/2/"),
    (
        "/protocols/cooperation/catalogue/2/modifier/",
        "/protocoles/cooperation/catalogue/2/modifier/",
    ),
    (
        "/protocols/cooperation/catalogue/2/versions/",
        "/protocoles/cooperation/catalogue/2/versions/",
    ),
    (
        "/protocols/cooperation/catalogue/2/versions/comparer/",
        "/protocoles/cooperation/catalogue/2/versions/comparer/",
    ),
    (
        "/protocols/cooperation/catalogue/2/versions/1/",
        "/protocoles/cooperation/catalogue/2/versions/1/",
    ),
    (
        "/protocols/cooperation/catalogue/2/versions/1/restaurer/",
        "/protocoles/cooperation/catalogue/2/versions/1/restaurer/",
    ),
    ("/protocols/cooperation/structure/3/", "/protocoles/cooperation/structure/3/"),
    (
        "/protocols/cooperation/structure/3/declarer/",
        "/protocoles/cooperation/structure/3/declarer/",
    ),
    ("/protocols/cooperation/structure/3/export/", "/protocoles/cooperation/structure/3/export/"),
    ("/protocols/cooperation/4/", "/protocoles/cooperation/4/"),
    ("/protocols/cooperation/4/modifier/", "/protocoles/cooperation/4/modifier/"),
    ("/protocols/cooperation/4/statut/", "/protocoles/cooperation/4/statut/"),
    (
        "/protocols/cooperation/4/nouvelle-declaration/",
        "/protocoles/cooperation/4/nouvelle-declaration/",
    ),
    ("/protocols/cooperation/4/equipe/ajouter/", "/protocoles/cooperation/4/equipe/ajouter/"),
    (
        "/protocols/cooperation/4/equipe/5/retirer/",
        "/protocoles/cooperation/4/equipe/5/retirer/",
    ),
    ("/protocols/cooperation/4/activite/", "/protocoles/cooperation/4/activite/"),
    ("/protocols/cooperation/synthese/", "/protocoles/cooperation/synthese/"),
    ("/protocols/cooperation/synthese/export/", "/protocoles/cooperation/synthese/export/"),
]
