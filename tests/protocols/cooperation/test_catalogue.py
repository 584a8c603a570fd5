"""The national catalogue loaded by migration: the 2026 figures, and its history."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from protocols.cooperation.models import NationalProtocol

pytestmark = pytest.mark.django_db


def test_the_six_protocols_of_2026():
    rows = {p.code: p for p in NationalProtocol.objects.with_related()}
    assert set(rows) == {
        "cystite",
        "angine",
        "rhino-conjonctivite",
        "varicelle",
        "cheville",
        "lombalgie",
    }
    cystite = rows["cystite"]
    assert (cystite.min_age_months, cystite.max_age_months, cystite.sex) == (192, 780, "F")
    assert cystite.cpts_since == datetime.date(2023, 3, 9)
    assert rows["angine"].max_age_months == 50 * 12
    assert rows["angine"].reference_date == datetime.date(2023, 8, 17)
    assert rows["angine"].cpts_since == datetime.date(2023, 3, 9)
    assert rows["varicelle"].min_age_months == 12
    assert rows["varicelle"].age_range == "de 12 mois à 12 ans"
    assert rows["rhino-conjonctivite"].age_range == "de 15 ans à 50 ans"
    for code in ("rhino-conjonctivite", "varicelle", "cheville", "lombalgie"):
        assert rows[code].cpts_since is None
        assert rows[code].msp_since == datetime.date(2020, 9, 10)
    assert rows["cheville"].reevaluation_amount == Decimal("25")
    assert rows["cheville"].reevaluation_includes_revoyure
    assert rows["lombalgie"].reevaluation_amount == Decimal("20")
    assert not rows["lombalgie"].reevaluation_includes_revoyure
    assert rows["cystite"].reevaluation_amount is None
    assert {p.code for p in rows["cystite"].delegate_professions.all()} == {"60", "21"}
    assert {p.code for p in rows["lombalgie"].delegate_professions.all()} == {"70"}
    assert all(p.training_hours == 10 for p in rows.values())
    assert all(p.inclusion_amount == Decimal("25") for p in rows.values())
    assert rows["cystite"].patients_label == "Femmes, de 16 ans à 65 ans"
    assert rows["lombalgie"].financing_rules() == [
        "25\u00a0€ par patient inclus (première consultation), revoyure comprise",
        "20\u00a0€ par réévaluation (entre la 2e et la 4e semaine), sans revoyure",
    ]


def test_each_protocol_starts_with_one_revision_matching_its_fields():
    for protocol in NationalProtocol.objects.all():
        revisions = list(protocol.revisions.all())
        assert len(revisions) == 1
        assert revisions[0].content == protocol.revision_content()


def test_a_change_is_a_dated_revision_and_can_be_restored(staff):
    angine = NationalProtocol.objects.get(code="angine")
    angine.max_age_months = 45 * 12
    angine.save()
    revision = angine.save_revision(by=staff, comment="Essai")
    assert revision.number == 2 and revision.author == staff
    assert timezone.localdate(revision.created_at) == timezone.localdate()
    assert angine.save_revision(by=staff) is None  # nothing changed, nothing recorded
    first = angine.revisions.get(number=1)
    restored = angine.restore(first, by=staff)
    angine.refresh_from_db()
    assert restored.number == 3 and angine.max_age_months == 600


def _form_data(protocol, **changes):
    data = {
        "short_name": protocol.short_name,
        "name": protocol.name,
        "delegant_profession": protocol.delegant_profession_id,
        "delegant_specialty": protocol.delegant_specialty,
        "delegate_professions": [p.pk for p in protocol.delegate_professions.all()],
        "min_age": "6",
        "min_age_unit": "ans",
        "max_age": "50",
        "max_age_unit": "ans",
        "sex": protocol.sex,
        "training_hours": "10",
        "inclusion_amount": "25",
        "inclusion_includes_revoyure": "on",
        "reevaluation_amount": "",
        "reevaluation_timing": "",
        "msp_since": "2020-09-10",
        "health_centre_since": "2020-09-10",
        "cpts_since": "2023-03-09",
        "reference_text": protocol.reference_text,
        "reference_date": "2023-08-17",
        "withdrawn_on": "",
        "comment": "",
    }
    return data | changes


def test_staff_change_a_bound_in_the_browser_and_the_change_is_dated(client, staff):
    from django.urls import reverse

    angine = NationalProtocol.objects.get(code="angine")
    client.force_login(staff)
    url = reverse("cooperation:protocol_edit", args=[angine.pk])
    response = client.post(url, _form_data(angine, max_age="55", comment="Nouvel arrêté (essai)"))
    assert response.status_code == 302
    angine.refresh_from_db()
    assert angine.max_age_months == 55 * 12
    latest = angine.revisions.first()
    assert (latest.number, latest.author, latest.comment) == (2, staff, "Nouvel arrêté (essai)")
    compare = client.get(
        reverse("cooperation:protocol_compare", args=[angine.pk]), {"a": 1, "b": 2}
    )
    assert compare.context["changed_count"] == 1


def test_bounds_in_months_and_a_reversed_range_is_refused(client, staff):
    from django.urls import reverse

    varicelle = NationalProtocol.objects.get(code="varicelle")
    client.force_login(staff)
    url = reverse("cooperation:protocol_edit", args=[varicelle.pk])
    page = client.get(url)
    assert page.context["form"].initial["min_age"] == 12
    assert page.context["form"].initial["min_age_unit"] == "mois"
    response = client.post(
        url,
        _form_data(varicelle, min_age="12", min_age_unit="ans", max_age="12", max_age_unit="mois"),
    )
    assert response.context["form"].errors["max_age"] == [
        "L'âge maximal ne peut pas être inférieur à l'âge minimal."
    ]
    varicelle.refresh_from_db()
    assert (varicelle.min_age_months, varicelle.max_age_months) == (12, 144)
    assert varicelle.revisions.count() == 1


def test_staff_read_the_versions_and_a_restore_leads_back_to_the_protocol(client, staff):
    from django.urls import reverse

    angine = NationalProtocol.objects.get(code="angine")
    angine.max_age_months = 45 * 12
    angine.save()
    angine.save_revision(by=staff, comment="Essai")
    client.force_login(staff)
    history = client.get(reverse("cooperation:protocol_versions", args=[angine.pk])).content
    text = history.decode()
    assert "Versions du protocole" in text and "Chaque modification crée une version datée" in text
    assert reverse("cooperation:protocol_restore", args=[angine.pk, 1]) in text
    version = client.get(reverse("cooperation:protocol_version", args=[angine.pk, 1]))
    assert ("Âge maximal (mois)", "600") in version.context["fields"]
    assert "Restaurer cette version" in version.content.decode()
    url = reverse("cooperation:protocol_restore", args=[angine.pk, 1])
    response = client.post(url, {TOKEN_FIELD: new_token()}, follow=True)
    assert response.redirect_chain[-1][0] == angine.get_absolute_url()
    assert "Les valeurs de la version 1 sont rétablies (version 3)." in response.content.decode()
    angine.refresh_from_db()
    assert angine.max_age_months == 600
