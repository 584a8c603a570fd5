"""Structure sheet: identifiers, population, CPTS missions, detail page content."""

import html

import pytest
from django.urls import reverse

from gecolib.models import EPCI, Commune
from structures.enums import (
    CptsMissionKind,
    LegalForm,
    MembershipRole,
    MissionStatus,
    Stage,
    StructureKind,
)
from structures.forms import StructureForm
from structures.models import CptsMission, StageChange, Structure
from tests.factories import tokened
from tests.structures.factories import MembershipFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

VALID_SIRET = "73282932000074"
VALID_FINESS = "350000014"  # Luhn-valid, department 35


def form_data(**overrides):
    data = {
        "kind": StructureKind.MSP,
        "name": "MSP du Test",
        "legal_form": LegalForm.SISA,
        "siret": "",
        "finess": "",
        "address": "1 rue du Port",
        "postal_code": "22400",
        "commune": "",
        "epcis": [EPCI.objects.get(siren="200069391").pk],
        "communes_covered": [],
        "population_override": "",
        "aci_signed_on": "",
        "information_system": "aucun",
        "information_system_name": "",
        "coordinator_name": "",
        "coordination_hours": "",
        "contact_email": "",
        "contact_phone": "",
    }
    data.update(overrides)
    return tokened(data)


def test_valid_identifiers_are_saved():
    form = StructureForm(form_data(siret="732 829 320 00074", finess=VALID_FINESS))
    assert form.is_valid(), form.errors
    structure = form.save()
    assert structure.siret == VALID_SIRET
    assert structure.finess == VALID_FINESS
    assert structure.stage == Stage.MSP_PROJECT


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("siret", "7328293200007", "exactement 14 chiffres"),
        ("siret", "73282932000075", "clé de contrôle"),
        ("finess", "35000001", "9 caractères"),
        ("finess", "350000015", "clé de contrôle"),
    ],
)
def test_bad_identifiers_refused_in_french_and_nothing_saved(
    client_for, staff, field, value, message
):
    response = client_for(staff).post(reverse("structures:create"), form_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Structure.objects.filter(name="MSP du Test").exists()


def test_finess_only_for_msp_and_health_centre():
    form = StructureForm(
        form_data(kind=StructureKind.ESP, legal_form="association", finess=VALID_FINESS)
    )
    assert not form.is_valid()
    assert "ne concerne que les MSP" in form.errors["finess"][0]


def test_no_siret_without_legal_form():
    form = StructureForm(
        form_data(kind=StructureKind.ESP, legal_form=LegalForm.NONE, siret=VALID_SIRET)
    )
    assert not form.is_valid()
    assert "sans forme juridique" in form.errors["siret"][0]


def test_population_override_only_for_cpts():
    form = StructureForm(form_data(population_override="12000"))
    assert not form.is_valid()
    assert "Seule une CPTS" in form.errors["population_override"][0]
    form = StructureForm(
        form_data(kind=StructureKind.CPTS, legal_form="association", population_override="12000")
    )
    assert form.is_valid(), form.errors
    assert form.save().population == 12000


def test_population_from_communes_then_epcis():
    lamballe = EPCI.objects.get(siren="200069391")
    structure = StructureFactory(epcis=[lamballe])
    assert structure.population == lamballe.population
    communes = list(Commune.objects.filter(epci=lamballe)[:2])
    structure.communes_covered.set(communes)
    assert structure.population == sum(c.population for c in communes)
    # The override is ignored for a non-CPTS even if set in the database.
    Structure.objects.filter(pk=structure.pk).update(population_override=5)
    structure.refresh_from_db()
    assert structure.population == sum(c.population for c in communes)


def test_edit_keeps_kind_and_shows_errors(client_for, coordinator, structure):
    client = client_for(coordinator)
    data = form_data(name="ESP des Abers (nouveau nom)", legal_form="association")
    data.pop("kind")
    response = client.post(reverse("structures:edit", args=[structure.pk]), data)
    assert response.status_code == 302
    structure.refresh_from_db()
    assert structure.name == "ESP des Abers (nouveau nom)"
    assert structure.kind == StructureKind.ESP
    # An ESP has no FINESS number nor typed population: neither is offered,
    # and a forged value is not stored.
    page = client.get(reverse("structures:edit", args=[structure.pk])).content.decode()
    assert 'name="finess"' not in page
    assert 'name="population_override"' not in page
    data["finess"] = VALID_FINESS
    client.post(reverse("structures:edit", args=[structure.pk]), data)
    structure.refresh_from_db()
    assert structure.finess == ""
    data.pop("finess")
    data["siret"] = "12345678901234"
    response = client.post(reverse("structures:edit", args=[structure.pk]), data)
    assert "Ce numéro SIRET est invalide" in html.unescape(response.content.decode())


def test_edit_offers_finess_to_an_msp_and_population_to_a_cpts(client_for, staff):
    client = client_for(staff)
    msp = StructureFactory(kind=StructureKind.MSP, stage=Stage.MSP_WRITING)
    page = client.get(reverse("structures:edit", args=[msp.pk])).content.decode()
    assert 'name="finess"' in page
    assert 'name="population_override"' not in page
    cpts = StructureFactory(kind=StructureKind.CPTS, stage=Stage.CPTS_WRITING)
    page = client.get(reverse("structures:edit", args=[cpts.pk])).content.decode()
    assert 'name="finess"' not in page
    assert 'name="population_override"' in page
    assert "Maintenez Ctrl" in page


def test_staff_creates_a_structure_with_its_first_stage(client_for, staff):
    response = client_for(staff).post(
        reverse("structures:create"),
        form_data(kind=StructureKind.CPTS, legal_form="association", name="CPTS Nouvelle"),
    )
    structure = Structure.objects.get(name="CPTS Nouvelle")
    assert response["Location"] == reverse("structures:detail", args=[structure.pk])
    assert structure.stage == Stage.CPTS_INTENT
    assert StageChange.objects.get(structure=structure).stage == Stage.CPTS_INTENT


def test_cpts_missions_edited_and_shown(client_for, coordinator):
    cpts = StructureFactory(kind=StructureKind.CPTS, stage=Stage.CPTS_WRITING, name="CPTS Test")
    MembershipFactory(structure=cpts, user=coordinator, role=MembershipRole.COORDINATOR)
    client = client_for(coordinator)
    response = client.get(reverse("structures:missions", args=[cpts.pk]))
    assert response.content.decode().count("<fieldset") == 6
    data = {}
    for kind in CptsMissionKind:
        data[f"{kind.value}-status"] = MissionStatus.NOT_STARTED
        data[f"{kind.value}-description"] = ""
    data["acces_soins-status"] = MissionStatus.IN_PROGRESS
    data["acces_soins-description"] = "Permanence de soins non programmés le samedi"
    response = client.post(reverse("structures:missions", args=[cpts.pk]), data)
    assert response.status_code == 302
    assert CptsMission.objects.filter(structure=cpts).count() == 6
    html = client.get(reverse("structures:detail", args=[cpts.pk])).content.decode()
    assert "Permanence de soins non programmés le samedi" in html
    assert "En cours de déploiement" in html
    assert "Qualité et pertinence des soins" in html


def test_missions_page_only_for_cpts(client_for, coordinator, structure):
    response = client_for(coordinator).get(reverse("structures:missions", args=[structure.pk]))
    assert response.status_code == 404


def test_detail_private_data_only_for_insiders(client_for, cast, facilitation):
    structure = facilitation.structure
    structure.move_to(Stage.ESP_RECOGNISED, by=cast["staff"], comment="Note interne ARS")
    cast["member"].phone = "02 96 00 00 00"
    cast["member"].save()
    url = reverse("structures:detail", args=[structure.pk])
    for role in ["member", "coordinator", "facilitator", "staff"]:
        html = client_for(cast[role]).get(url).content.decode()
        assert "membre@exemple.fr" in html, role
        assert "Note interne ARS" in html, role
    for role in ["anonymous", "professional", "other_member"]:
        html = client_for(cast[role]).get(url).content.decode()
        assert structure.name in html
        assert "membre@exemple.fr" not in html, role
        assert "02 96 00 00 00" not in html, role
        assert "Note interne ARS" not in html, role
        # The public timeline still shows the dated stages.
        assert "6. Reconnaissance de l&#x27;ESP" in html


def test_detail_composition_and_team_warning(client_for, coordinator, member, structure):
    # coordinator is a GP, member a nurse: the ESP minimum is met.
    html = client_for(coordinator).get(reverse("structures:detail", args=[structure.pk])).content
    html = html.decode()
    assert "Médecin généraliste" in html
    assert "Infirmier" in html
    assert "Équipe incomplète" not in html
    msp = StructureFactory(kind=StructureKind.MSP, stage=Stage.MSP_PROJECT)
    MembershipFactory(structure=msp, user=coordinator, role=MembershipRole.COORDINATOR)
    html = client_for(coordinator).get(reverse("structures:detail", args=[msp.pk])).content
    assert "Il faut au moins 2 médecin(s) généraliste(s)" in html.decode()
    assert msp.team_warnings() and len(msp.team_warnings()) == 2


def test_team_warnings_count_gps_and_paramedicals():
    esp = StructureFactory()
    assert len(esp.team_warnings()) == 2
    MembershipFactory(structure=esp, user=UserFactory(gp=True))
    assert esp.team_warnings() == [
        "Il faut au moins 1 professionnel(s) paramédical(aux) dans une "
        "ESP – équipe de soins primaires (actuellement : 0)."
    ]
    MembershipFactory(structure=esp)
    assert esp.team_warnings() == []
    assert StructureFactory(kind=StructureKind.CPTS, stage=Stage.CPTS_INTENT).team_warnings() == []


def test_health_project_link_guarded(client_for, coordinator, structure):
    # Whether or not the health-project pages are installed, the page renders.
    response = client_for(coordinator).get(reverse("structures:detail", args=[structure.pk]))
    assert response.status_code == 200
