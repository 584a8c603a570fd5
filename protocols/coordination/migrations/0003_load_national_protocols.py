"""The national cooperation protocols as of 2026, with their financing rules.

Sources: the six national protocols authorised in March 2020 for coordinated
structures; the financing arrêté of 10 September 2020; the arrêté of 9 March
2023 reissuing cystite and angine for MSP, centres de santé and CPTS; the
arrêté of 17 August 2023 raising the angine age bound to 50. Délégant: a
general practitioner; délégués trained for 10 hours. Ages are stored in months
(varicelle starts at 12 months).
"""

import datetime
from decimal import Decimal

from django.db import migrations

FINANCING_2020 = datetime.date(2020, 9, 10)
REISSUE_2023 = datetime.date(2023, 3, 9)
ANGINE_2023 = datetime.date(2023, 8, 17)
NURSE, PHARMACIST, PHYSIOTHERAPIST = "60", "21", "70"

# code, short name, name, délégués, min months, max months, sex, inclusion €,
# revoyure in inclusion, re-evaluation €, revoyure in re-evaluation, timing,
# CPTS since, reference text, reference date
PROTOCOLS = [
    (
        "cystite",
        "Cystite",
        "Prise en charge de la pollakiurie et des brûlures mictionnelles chez la femme "
        "de 16 à 65 ans",
        [NURSE, PHARMACIST],
        16 * 12,
        65 * 12,
        "F",
        Decimal("25.00"),
        True,
        None,
        False,
        "",
        REISSUE_2023,
        "Arrêté du 9 mars 2023 (protocole réédité, ouvert aux CPTS) ; financement : arrêté "
        "du 10 septembre 2020",
        REISSUE_2023,
    ),
    (
        "angine",
        "Angine",
        "Prise en charge de l'odynophagie (douleur à la déglutition) chez le patient de 6 à 50 ans",
        [NURSE, PHARMACIST],
        6 * 12,
        50 * 12,
        "",
        Decimal("25.00"),
        True,
        None,
        False,
        "",
        REISSUE_2023,
        "Arrêté du 17 août 2023 (âge maximal porté de 45 à 50 ans), après l'arrêté du "
        "9 mars 2023 ; financement : arrêté du 10 septembre 2020",
        ANGINE_2023,
    ),
    (
        "rhino-conjonctivite",
        "Rhino-conjonctivite allergique",
        "Renouvellement du traitement de la rhino-conjonctivite allergique saisonnière chez le "
        "patient de 15 à 50 ans",
        [NURSE, PHARMACIST],
        15 * 12,
        50 * 12,
        "",
        Decimal("25.00"),
        True,
        None,
        False,
        "",
        None,
        "Protocole national autorisé en mars 2020 ; financement : arrêté du 10 septembre 2020",
        FINANCING_2020,
    ),
    (
        "varicelle",
        "Varicelle",
        "Prise en charge de l'éruption vésiculeuse prurigineuse (varicelle) chez l'enfant de "
        "12 mois à 12 ans",
        [NURSE, PHARMACIST],
        12,
        12 * 12,
        "",
        Decimal("25.00"),
        True,
        None,
        False,
        "",
        None,
        "Protocole national autorisé en mars 2020 ; financement : arrêté du 10 septembre 2020",
        FINANCING_2020,
    ),
    (
        "cheville",
        "Entorse de la cheville",
        "Prise en charge du traumatisme en torsion de la cheville chez le patient de 18 à 55 ans",
        [PHYSIOTHERAPIST],
        18 * 12,
        55 * 12,
        "",
        Decimal("25.00"),
        True,
        Decimal("25.00"),
        True,
        "",
        None,
        "Protocole national autorisé en mars 2020 ; financement : arrêté du 10 septembre 2020",
        FINANCING_2020,
    ),
    (
        "lombalgie",
        "Lombalgie aiguë",
        "Prise en charge de la douleur lombaire aiguë inférieure à 4 semaines chez le patient "
        "de 20 à 55 ans",
        [PHYSIOTHERAPIST],
        20 * 12,
        55 * 12,
        "",
        Decimal("25.00"),
        True,
        Decimal("20.00"),
        False,
        "entre la 2e et la 4e semaine",
        None,
        "Protocole national autorisé en mars 2020 ; financement : arrêté du 10 septembre 2020",
        FINANCING_2020,
    ),
]


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def load(apps, schema_editor, app_label="protocols"):
    """`app_label="cooperation"` loads the catalogue into the current models
    (they moved to that app after this migration)."""
    Profession = apps.get_model("gecolib", "Profession")
    NationalProtocol = apps.get_model(app_label, "NationalProtocol")
    Revision = apps.get_model(app_label, "NationalProtocolRevision")
    gp = Profession.objects.get(code="10")
    for (
        code,
        short_name,
        name,
        delegates,
        min_months,
        max_months,
        sex,
        inclusion,
        inclusion_revoyure,
        reevaluation,
        reevaluation_revoyure,
        timing,
        cpts_since,
        reference_text,
        reference_date,
    ) in PROTOCOLS:
        fields = {
            "name": name,
            "short_name": short_name,
            "delegant_profession": gp,
            "delegant_specialty": "generaliste",
            "min_age_months": min_months,
            "max_age_months": max_months,
            "sex": sex,
            "training_hours": 10,
            "inclusion_amount": inclusion,
            "inclusion_includes_revoyure": inclusion_revoyure,
            "reevaluation_amount": reevaluation,
            "reevaluation_includes_revoyure": reevaluation_revoyure,
            "reevaluation_timing": timing,
            "msp_since": FINANCING_2020,
            "health_centre_since": FINANCING_2020,
            "cpts_since": cpts_since,
            "reference_text": reference_text,
            "reference_date": reference_date,
            "withdrawn_on": None,
        }
        protocol, _created = NationalProtocol.objects.update_or_create(code=code, defaults=fields)
        professions = list(Profession.objects.filter(code__in=delegates))
        protocol.delegate_professions.set(professions)
        content = {key: _text(value) for key, value in fields.items()}
        content["delegant_profession"] = gp.code
        content["delegate_professions"] = ", ".join(sorted(p.code for p in professions))
        if not Revision.objects.filter(protocol=protocol).exists():
            Revision.objects.create(
                protocol=protocol,
                number=1,
                content=content,
                comment="Catalogue national en vigueur en 2026",
            )


def unload(apps, schema_editor):
    apps.get_model("protocols", "NationalProtocol").objects.filter(
        code__in=[row[0] for row in PROTOCOLS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("protocols", "0002_cooperation"),
        ("gecolib", "0002_load_professions"),
    ]
    operations = [migrations.RunPython(load, unload)]
