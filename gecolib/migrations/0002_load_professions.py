"""Health professions of the ANS nomenclature TRE_G15 (ProfessionSante)."""

from django.db import migrations

PROFESSIONS = [
    ("10", "Médecin", "medicale"),
    ("21", "Pharmacien", "pharmacie"),
    ("26", "Audioprothésiste", "paramedicale"),
    ("28", "Opticien-lunetier", "paramedicale"),
    ("40", "Chirurgien-dentiste", "medicale"),
    ("50", "Sage-femme", "medicale"),
    ("60", "Infirmier", "paramedicale"),
    ("70", "Masseur-kinésithérapeute", "paramedicale"),
    ("80", "Pédicure-podologue", "paramedicale"),
    ("81", "Orthoprothésiste", "paramedicale"),
    ("82", "Podo-orthésiste", "paramedicale"),
    ("83", "Orthopédiste-orthésiste", "paramedicale"),
    ("84", "Oculariste", "paramedicale"),
    ("85", "Épithésiste", "paramedicale"),
    ("86", "Technicien de laboratoire médical", "paramedicale"),
    ("91", "Orthophoniste", "paramedicale"),
    ("92", "Orthoptiste", "paramedicale"),
    ("93", "Psychologue", "autre"),
    ("94", "Ergothérapeute", "paramedicale"),
    ("95", "Diététicien", "paramedicale"),
    ("96", "Psychomotricien", "paramedicale"),
    ("98", "Manipulateur ERM", "paramedicale"),
]


def load(apps, schema_editor):
    Profession = apps.get_model("gecolib", "Profession")
    for code, name, category in PROFESSIONS:
        Profession.objects.update_or_create(
            code=code, defaults={"name": name, "category": category}
        )


def unload(apps, schema_editor):
    apps.get_model("gecolib", "Profession").objects.filter(
        code__in=[code for code, _, _ in PROFESSIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("gecolib", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
