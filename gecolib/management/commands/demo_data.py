from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from gecolib.demo import DEMO_PASSWORD, load_users

# Modules with a `load(users)` function, in order (users: email → User).
DEMO_MODULES = ["structures.demo", "structures.demo_health_project", "facilitations.demo"]


class Command(BaseCommand):
    help = "Crée (ou remet à jour) les données de démonstration. Relancer ne duplique rien."

    def handle(self, *args, **options):
        with transaction.atomic():
            users = load_users()
            for name in DEMO_MODULES:
                import_module(name).load(users)
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes."))
        self.stdout.write(f"Comptes (mot de passe : {DEMO_PASSWORD}) :")
        for email in [
            "staff@demo.gecolib.fr",
            "facilitateur@demo.gecolib.fr",
            "charge.mission@demo.gecolib.fr",
            "professionnel@demo.gecolib.fr",
        ]:
            self.stdout.write(f"  {email}")
