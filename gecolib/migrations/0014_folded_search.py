"""Searches that ignore accents and case, on PostgreSQL (gecolib/folded_search.py).

`gecolib_fold(text)`: the text without accents (the `unaccent` extension,
its dictionary named in full so the function does not depend on the
search_path) and in lower case. `unaccent()` itself is only STABLE (its
dictionary could change), so it cannot be indexed; this wrapper is declared
IMMUTABLE, which holds as long as the dictionary is not edited. A trigram GIN
index of `gecolib_fold(name)` then serves the communes' search by name; the
structures app indexes its own names the same way. SQLite, the embedded
default, gets the same function from Python and scans its small tables.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION gecolib_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$
"""
INDEX = "gecolib_commune_name_fold_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(FUNCTION)
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" '
        'ON "gecolib_commune" USING gin (gecolib_fold("name") gin_trgm_ops)'
    )
    # The planner's statistics of the indexed expression: without them it
    # guesses that a search matches a handful of rows, whatever the text.
    schema_editor.execute('ANALYZE "gecolib_commune"')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')
    schema_editor.execute("DROP FUNCTION IF EXISTS gecolib_fold(text)")


class Migration(migrations.Migration):
    dependencies = [("gecolib", "0013_contact_message")]

    operations = [migrations.RunPython(create, drop)]
