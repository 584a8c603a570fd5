"""Former addresses of the RCP pages and where they answer now (tests/test_moved_urls.py):
the app moved from /protocols/rcp/ to /protocoles/rcp/, the comparison of two
versions of the minutes under the minutes' versions."""

MOVED = [
    ("/protocols/rcp/", "/protocoles/rcp/"),
    ("/protocols/rcp/chiffres/", "/protocoles/rcp/chiffres/"),
    ("/protocols/rcp/structures/3/", "/protocoles/rcp/structures/3/"),
    ("/protocols/rcp/structures/3/decisions/", "/protocoles/rcp/structures/3/decisions/"),
    ("/protocols/rcp/reunions/4/", "/protocoles/rcp/reunions/4/"),
    ("/protocols/rcp/reunions/4/invitation.ics", "/protocoles/rcp/reunions/4/invitation.ics"),
    ("/protocols/rcp/reunions/4/compte-rendu/", "/protocoles/rcp/reunions/4/compte-rendu/"),
    (
        "/protocols/rcp/reunions/4/compte-rendu/pdf/",
        "/protocoles/rcp/reunions/4/compte-rendu/pdf/",
    ),
    (
        "/protocols/rcp/reunions/4/compte-rendu/comparer/",
        "/protocoles/rcp/reunions/4/compte-rendu/versions/comparer/",
    ),
    (
        "/protocoles/rcp/reunions/4/compte-rendu/comparer/",
        "/protocoles/rcp/reunions/4/compte-rendu/versions/comparer/",
    ),
    ("/protocols/rcp/reponse/un-jeton/", "/protocoles/rcp/reponse/un-jeton/"),
]
