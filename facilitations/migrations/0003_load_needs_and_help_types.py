from django.db import migrations

NEEDS = [
    ("creer-esp", "Créer une ESP", "esp"),
    ("creer-msp", "Créer une MSP", "msp"),
    ("creer-cpts", "Créer une CPTS", "cpts"),
    ("projet-de-sante", "Écrire ou mettre à jour le projet de santé", ""),
    ("protocole-coordination", "Un protocole de coordination (PPSPR)", ""),
    ("protocole-cooperation", "Un protocole de coopération", ""),
    ("rcp", "Mettre en place des RCP", ""),
    ("outils-numeriques", "Outils numériques et système d'information partagé", ""),
    ("prevention", "Une action de prévention", ""),
    ("matrice-maturite", "Une séance de matrice de maturité", ""),
    ("coordinateur", "Recruter un coordinateur", ""),
    ("autre", "Autre besoin", ""),
]

HELP_TYPES = [
    ("definition-projet", "Définition du projet"),
    ("animation-groupe", "Animation de groupe"),
    ("retours-experience", "Retours d'expérience"),
    ("appui-juridique", "Appui juridique"),
    ("financements", "Recherche de financements"),
    ("gestion-projet", "Méthodologie de gestion de projet"),
]


def load(apps, schema_editor):
    Need = apps.get_model("facilitations", "Need")
    HelpType = apps.get_model("facilitations", "HelpType")
    for position, (code, label, kind) in enumerate(NEEDS):
        Need.objects.update_or_create(
            code=code, defaults={"label": label, "position": position, "creates_kind": kind}
        )
    for position, (code, label) in enumerate(HELP_TYPES):
        HelpType.objects.update_or_create(
            code=code, defaults={"label": label, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("facilitations", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
