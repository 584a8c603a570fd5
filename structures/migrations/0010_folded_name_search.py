"""The directory's search by structure name without accents nor case, served
by a trigram index of `gecolib_fold(name)` on PostgreSQL (gecolib's migration
0014 creates the function and indexes the communes' names). SQLite scans."""

from django.db import migrations

INDEX = "structures_structure_name_fold_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" '
        'ON "structures_structure" USING gin (gecolib_fold("name") gin_trgm_ops)'
    )
    # The planner's statistics of the indexed expression: without them it
    # guesses that a search matches a handful of rows, whatever the text.
    schema_editor.execute('ANALYZE "structures_structure"')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [
        ("structures", "0009_load_aci_rules"),
        ("gecolib", "0014_folded_search"),
    ]

    operations = [migrations.RunPython(create, drop)]
