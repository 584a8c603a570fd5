"""`manage.py grow_data --scale N`: a large database for the benchmarks
(gecolib/growth.py says what scale 1 holds)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from gecolib.growth import grow_all


class Command(BaseCommand):
    help = "Fait grossir la base (données générées) pour les mesures de performance."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 = 10 000 structures.")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale: float, seed: int, **options):
        if not 0 < scale <= 20:
            raise CommandError("L'échelle doit être comprise entre 0 (exclu) et 20.")
        started = time.perf_counter()
        grow_all(scale, seed=seed, report=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(f"Base agrandie en {time.perf_counter() - started:.1f} s.")
        )
