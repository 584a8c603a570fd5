"""The published CARPEC calendar 2024–2025 (ARS Bretagne)."""

import datetime

from django.db import migrations

DATES = [
    datetime.date(2024, 12, 5),
    datetime.date(2025, 2, 13),
    datetime.date(2025, 4, 3),
    datetime.date(2025, 6, 5),
    datetime.date(2025, 10, 2),
    datetime.date(2025, 12, 4),
]


def load(apps, schema_editor):
    CarpecSession = apps.get_model("structures", "CarpecSession")
    for date in DATES:
        CarpecSession.objects.get_or_create(date=date)


class Migration(migrations.Migration):
    dependencies = [("structures", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
