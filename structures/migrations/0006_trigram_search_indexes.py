"""Trigram index for the directory's search by structure name, on PostgreSQL
(see gecolib's 0010_trigram_search_indexes, which creates pg_trgm and
indexes the communes' names). SQLite keeps scanning its small tables."""

from django.db import migrations

INDEX = "structures_structure_name_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" '
        'ON "structures_structure" USING gin (UPPER("name") gin_trgm_ops)'
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [
        ("structures", "0005_refuse_patient_identifiers"),
        ("gecolib", "0010_trigram_search_indexes"),
    ]

    operations = [migrations.RunPython(create, drop)]
