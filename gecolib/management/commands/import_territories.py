from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from gecolib.models import EPCI, Commune, Department, Region
from gecolib.territories import load_territories


class Command(BaseCommand):
    help = (
        "Importe ou met à jour les départements, EPCI et communes depuis des fichiers CSV "
        "officiels (mêmes colonnes que gecolib/data/). Sans option : les fichiers fournis."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--departments", type=Path, help="CSV : code,name,region_code,region_name"
        )
        parser.add_argument(
            "--epci", type=Path, help="CSV : siren,name,type,department,population,departments"
        )
        parser.add_argument(
            "--communes", type=Path, help="CSV : insee,name,epci_siren,department,population"
        )

    def handle(self, *args, **options):
        for key in ("departments", "epci", "communes"):
            path = options[key]
            if path is not None and not path.is_file():
                raise CommandError(f"Fichier introuvable : {path}")
        try:
            with transaction.atomic():
                report = load_territories(
                    Region,
                    Department,
                    EPCI,
                    Commune,
                    departments_csv=options["departments"],
                    epci_csv=options["epci"],
                    communes_csv=options["communes"],
                )
        except (KeyError, ValueError) as exc:
            raise CommandError(f"Fichier invalide : {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.departments} départements ; EPCI : {report.epcis_created} créés, "
                f"{report.epcis_updated} mis à jour ; communes : {report.communes_created} créées, "
                f"{report.communes_updated} mises à jour, {report.communes_skipped} ignorées."
            )
        )
