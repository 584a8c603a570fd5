"""Former English addresses of the structures app and their French ones
(walked by tests/test_moved_urls.py)."""

MOVED = [
    ("/structures/4/health-project/", "/structures/4/projet-de-sante/"),
    ("/structures/4/health-project/start/", "/structures/4/projet-de-sante/commencer/"),
    (
        "/structures/4/health-project/sections/diagnostic_territoire/edit/",
        "/structures/4/projet-de-sante/sections/diagnostic_territoire/modifier/",
    ),
    ("/structures/4/health-project/versions/", "/structures/4/projet-de-sante/versions/"),
    (
        "/structures/4/health-project/versions/compare/",
        "/structures/4/projet-de-sante/versions/comparer/",
    ),
    ("/structures/4/health-project/versions/2/", "/structures/4/projet-de-sante/versions/2/"),
    (
        "/structures/4/health-project/versions/2/restore/",
        "/structures/4/projet-de-sante/versions/2/restaurer/",
    ),
    (
        "/structures/4/health-project/versions/2/pdf/",
        "/structures/4/projet-de-sante/versions/2/pdf/",
    ),
    (
        "/structures/4/health-project/status/submit/",
        "/structures/4/projet-de-sante/statut/soumettre/",
    ),
    ("/structures/4/health-project/status/carpec/", "/structures/4/projet-de-sante/statut/carpec/"),
    (
        "/structures/4/health-project/status/validate/",
        "/structures/4/projet-de-sante/statut/valider/",
    ),
    (
        "/structures/4/health-project/status/rework/",
        "/structures/4/projet-de-sante/statut/renvoyer/",
    ),
    (
        "/structures/4/health-project/status/reopen/",
        "/structures/4/projet-de-sante/statut/reprendre/",
    ),
    ("/structures/4/health-project/pdf/", "/structures/4/projet-de-sante/pdf/"),
]
