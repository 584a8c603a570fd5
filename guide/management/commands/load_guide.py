"""`manage.py load_guide`: create and publish the guide's starter pages
(guide/starter/) that do not exist yet. Idempotent; `make run` and `make demo`
run it."""

from django.core.management.base import BaseCommand

from guide.importing.starter import load_starter_content


class Command(BaseCommand):
    help = "Charge et publie les pages de départ du guide qui n'existent pas encore."

    def handle(self, *args, **options):
        result = load_starter_content()
        self.stdout.write(
            f"Guide : {len(result.created)} page(s) créée(s) et publiée(s), "
            f"{len(result.skipped)} déjà présente(s)."
        )
