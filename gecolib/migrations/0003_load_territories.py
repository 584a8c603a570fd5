"""Regions, departments, EPCI and communes of Bretagne and Pays de la Loire
(INSEE 2025), from the files in gecolib/data/."""

from django.db import migrations


def load(apps, schema_editor):
    from gecolib.territories import load_territories

    load_territories(
        apps.get_model("gecolib", "Region"),
        apps.get_model("gecolib", "Department"),
        apps.get_model("gecolib", "EPCI"),
        apps.get_model("gecolib", "Commune"),
    )


def unload(apps, schema_editor):
    for name in ["Commune", "EPCI", "Department", "Region"]:
        apps.get_model("gecolib", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("gecolib", "0002_load_professions")]
    operations = [migrations.RunPython(load, unload)]
