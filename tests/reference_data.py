"""Reference rows loaded by data migrations (professions, territories, CARPEC
calendar, needs and help types, the first charter, the national catalogue of
cooperation protocols, the ACI rules, the guide's search synonyms). A transactional test
ends with a flush of every table, these rows included: the fixtures of
transactional tests put them back when missing.

On PostgreSQL the rows are copied back as they were right after the
migrations: `take_snapshot()` reads every table the migrations filled
(`COPY … TO STDOUT`) once per test process, `restore_reference_data()` writes
the tables a flush emptied back in (`COPY … FROM STDIN`), a tenth of the time
of loading them again through the data migrations. Elsewhere (SQLite) the
migrations' loaders run again."""

from importlib import import_module

from django.apps import apps
from django.db import connection, transaction

# Rebuilt by the flush itself (its post_migrate signal), with new ids.
REBUILT_BY_FLUSH = {"django_content_type", "auth_permission"}

_snapshot: dict[str, bytes] = {}


def take_snapshot() -> None:
    """PostgreSQL: keep, in this process, the rows of every table the
    migrations filled (the test database is new: nothing else is in it)."""
    if connection.vendor != "postgresql":
        return
    _snapshot.clear()
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        for table in sorted(set(tables) - REBUILT_BY_FLUSH):
            name = connection.ops.quote_name(table)
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {name})")
            if cursor.fetchone()[0]:
                with cursor.copy(f"COPY {name} TO STDOUT") as copy:
                    _snapshot[table] = b"".join(bytes(block) for block in copy)


def _copy_back() -> None:
    """The snapshot's tables that are empty (one query tells which) get
    their rows back, in one transaction (the foreign keys are checked at its
    end)."""
    quote = connection.ops.quote_name
    empty = " UNION ALL ".join(
        f"SELECT %s WHERE NOT EXISTS (SELECT 1 FROM {quote(table)})" for table in _snapshot
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(empty, list(_snapshot))
        for (table,) in cursor.fetchall():
            with cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                copy.write(_snapshot[table])


REFERENCE_DATA = [
    "gecolib.migrations.0002_load_professions",
    "gecolib.migrations.0003_load_territories",
    "structures.migrations.0002_load_carpec_calendar",
    "facilitations.migrations.0003_load_needs_and_help_types",
]


def restore_reference_data() -> None:
    """Load the reference rows again if a flush removed them. The first
    charter is published again through the current model (its migration
    predates revisions)."""
    if _snapshot and connection.vendor == "postgresql":
        _copy_back()
        return
    from gecolib.models import Charter, Profession

    if not Profession.objects.exists():
        for name in REFERENCE_DATA:
            import_module(name).load(apps, None)
    if not apps.get_model("cooperation", "NationalProtocol").objects.exists():
        # Loaded under the protocols label, before the catalogue had its own app.
        import_module("protocols.coordination.migrations.0003_load_national_protocols").load(
            apps, None, app_label="cooperation"
        )
    if not apps.get_model("structures", "AciRule").objects.exists():
        import_module("structures.migrations.0009_load_aci_rules").load(apps, None)
    if not apps.get_model("guide", "SearchSynonym").objects.exists():
        import_module("guide.migrations.0006_search_synonyms").load(apps, None)
    if not apps.get_model("assessments", "Grid").objects.exists():
        import_module("assessments.starter_grid").load(apps, None)
    if not Charter.objects.exists():
        first = import_module("gecolib.migrations.0004_first_charter")
        Charter.save_revision(title="Charte du facilitateur GECO Lib'", text=first.TEXT, by=None)
