"""Trigram indexes for the text searches of large tables, on PostgreSQL.

`icontains` is written `UPPER(col) LIKE UPPER('%…%')` by Django on
PostgreSQL: a GIN index of UPPER(col) with pg_trgm's operator class serves
it without reading the whole table (the user list's search by name or
e-mail; the directory's search by structure or commune name is indexed by
the structures app). SQLite, the embedded default, keeps scanning: its
tables stay small.
"""

from django.db import migrations

COLUMNS = [
    ("gecolib_user", "email"),
    ("gecolib_user", "first_name"),
    ("gecolib_user", "last_name"),
    ("gecolib_commune", "name"),
]


def _name(table: str, column: str) -> str:
    return f"{table}_{column}_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{_name(table, column)}" '
            f'ON "{table}" USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in COLUMNS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{_name(table, column)}"')


class Migration(migrations.Migration):
    dependencies = [("gecolib", "0009_export_jobs")]

    operations = [migrations.RunPython(create, drop)]
