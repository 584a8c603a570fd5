"""Former English addresses of the facilitations app and their French ones
(walked by tests/test_moved_urls.py)."""

MOVED = [
    ("/facilitations/requests/new/", "/facilitations/nouvelle/"),
    ("/facilitations/requests/", "/facilitations/demandes/"),
    ("/facilitations/requests/7/", "/facilitations/demandes/7/"),
    ("/facilitations/requests/7/message/", "/facilitations/demandes/7/message/"),
    ("/facilitations/requests/7/review/", "/facilitations/demandes/7/examen/"),
    ("/facilitations/requests/7/accept/", "/facilitations/demandes/7/accepter/"),
    ("/facilitations/requests/7/redirect/", "/facilitations/demandes/7/reorienter/"),
    ("/facilitations/requests/7/decline/", "/facilitations/demandes/7/refuser/"),
    ("/facilitations/3/status/", "/facilitations/3/statut/"),
    ("/facilitations/3/close/", "/facilitations/3/cloturer/"),
    ("/facilitations/3/sessions/new/", "/facilitations/3/seances/nouvelle/"),
    ("/facilitations/sessions/5/edit/", "/facilitations/seances/5/modifier/"),
    ("/facilitations/3/follow-ups/new/", "/facilitations/3/suivis/nouveau/"),
    ("/facilitations/follow-ups/9/toggle/", "/facilitations/suivis/9/basculer/"),
]
