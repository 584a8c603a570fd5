from django.core.management.base import BaseCommand

from gecolib.demo import DEMO_PASSWORD, load_all


class Command(BaseCommand):
    help = "Crée (ou remet à jour) les données de démonstration. Relancer ne duplique rien."

    def handle(self, *args, **options):
        load_all()
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes."))
        self.stdout.write(f"Comptes (mot de passe : {DEMO_PASSWORD}) :")
        for email in [
            "staff@demo.gecolib.fr",
            "facilitateur@demo.gecolib.fr",
            "charge.mission@demo.gecolib.fr",
            "professionnel@demo.gecolib.fr",
        ]:
            self.stdout.write(f"  {email}")
