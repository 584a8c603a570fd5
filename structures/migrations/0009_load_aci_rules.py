"""The ACI rule of the coordination protocols: each protocol in application
counts 100 points, up to 8, at 7 € a point (accord conventionnel
interprofessionnel des structures de santé pluriprofessionnelles, 2017).
Loaded unchecked: staff verify it against the agreement in force (and its
avenants) on the page « Règles de l'ACI », which keeps every change."""

import datetime

from django.db import migrations

RULES = [
    {
        "code": "protocoles",
        "label": "Protocoles pluriprofessionnels",
        "structure_kind": "msp",
        "points_per_unit": 100,
        "max_units": 8,
        "point_value": "7.00",
        "source": (
            "Accord conventionnel interprofessionnel (ACI) des structures de santé "
            "pluriprofessionnelles, valeur du point 7 €"
        ),
        "rule_date": datetime.date(2017, 4, 20),
        "checked": False,
    }
]


def load(apps, schema_editor):
    AciRule = apps.get_model("structures", "AciRule")
    AciRuleRevision = apps.get_model("structures", "AciRuleRevision")
    for values in RULES:
        rule, created = AciRule.objects.get_or_create(code=values["code"], defaults=values)
        if created:
            content = {
                key: ("oui" if value else "non") if isinstance(value, bool) else str(value)
                for key, value in values.items()
            }
            content["rule_date"] = values["rule_date"].isoformat()
            AciRuleRevision.objects.create(
                rule=rule,
                number=1,
                content=content,
                comment="Règle chargée à l'installation : à vérifier par l'équipe",
            )


def unload(apps, schema_editor):
    AciRule = apps.get_model("structures", "AciRule")
    AciRule.objects.filter(code__in=[values["code"] for values in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("structures", "0008_aci_rule")]
    operations = [migrations.RunPython(load, unload)]
