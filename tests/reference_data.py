"""Reference rows loaded by data migrations (professions, territories, CARPEC
calendar, needs and help types, the first charter, the national catalogue of
cooperation protocols, the ACI rules, the guide's search synonyms). A transactional test
ends with a flush of every table, these rows included: the fixtures of
transactional tests put them back when missing."""

from importlib import import_module

from django.apps import apps

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
