"""What users read on the structures pages: French labels instead of blank
choices, one numbering of the steps, breadcrumbs back to the directory,
plurals, and forms that never preselect a decision."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from structures.enums import CarpecOutcome, HealthProjectSection, Stage, StructureKind
from structures.models import CarpecReview, CarpecSession, HealthProject, StageChange
from tests.factories import MembershipFactory, StructureFactory, UserFactory, tokened
from tests.structures.factories import CarpecReviewFactory, CarpecSessionFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_carpec_models_live_in_their_own_module():
    assert CarpecSession.__module__ == "structures.models.carpec"
    assert CarpecReview.__module__ == "structures.models.carpec"
    assert CarpecSession._meta.app_label == "structures"


# -- directory filters -------------------------------------------------------------


def test_directory_filters_have_french_blank_choices(client):
    page = text(client.get(reverse("structures:directory")))
    assert "---------" not in page
    for label in ["Tous les types", "Tous les départements", "Tous les EPCI"]:
        assert f">{label}</option>" in page
    assert ">Toutes les étapes</option>" in page


def test_directory_stage_filter_groups_stages_by_kind(client_for, staff):
    page = text(client_for(staff).get(reverse("structures:directory")))
    groups = dict(re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', page, re.S))
    assert list(groups) == ["ESP et ESP CLAP", "MSP", "CPTS", "Centres de santé"]
    # "ACI signé" exists for MSPs and CPTSs: each sits under its kind.
    assert 'value="msp_5_aci"' in groups["MSP"] and "ACI signé" in groups["MSP"]
    assert 'value="cpts_5_aci"' in groups["CPTS"] and "ACI signé" in groups["CPTS"]
    assert "cpts_5_aci" not in groups["MSP"]
    # The closed select shows the option alone: it names its kind too.
    assert ">ACI signé (MSP)</option>" in groups["MSP"]
    assert ">ACI signé (CPTS)</option>" in groups["CPTS"]


def test_directory_stage_filter_for_visitors_lists_recognised_stages_only(client):
    page = text(client.get(reverse("structures:directory")))
    select = re.search(r'<select name="stage".*?</select>', page, re.S).group(0)
    values = re.findall(r'<option value="([^"]+)"', select)
    assert values == [
        "esp_6_reconnue",
        "msp_4_reconnue",
        "msp_5_aci",
        "cpts_4_valide",
        "cpts_5_aci",
        "cs_3_ouvert",
    ]


def test_directory_filter_by_grouped_stage(client):
    StructureFactory(name="MSP signataire", kind=StructureKind.MSP, stage=Stage.MSP_ACI)
    StructureFactory(name="CPTS signataire", kind=StructureKind.CPTS, stage=Stage.CPTS_ACI)
    page = text(client.get(reverse("structures:directory"), {"stage": "msp_5_aci"}))
    assert "MSP signataire" in page
    assert "CPTS signataire" not in page


# -- lifecycle ---------------------------------------------------------------------


def test_stage_steps_numbered_once_and_marked(structure):
    steps = structure.stage_steps()
    assert [s["label"] for s in steps][:2] == [
        "1. Constitution de l'équipe",
        "2. Création de l'association",
    ]
    assert [s["state"] for s in steps] == ["done", "done", "done", "current", "todo", "todo"]
    msp = StructureFactory(kind=StructureKind.MSP, stage=Stage.MSP_WRITING)
    assert [s["label"] for s in msp.stage_steps()] == [
        "1. Projet de maison de santé",
        "2. Rédaction du projet de santé",
        "3. Validation (ARS, CARPEC)",
        "4. MSP reconnue",
        "5. ACI signé",
    ]


def test_lifecycle_page_numbers_once_and_offers_next_stage(client_for, coordinator, structure):
    page = text(client_for(coordinator).get(reverse("structures:lifecycle", args=[structure.pk])))
    assert "1. 1." not in page
    assert "(franchie)" in page
    assert '<option value="esp_5_validation" selected>' in page


def test_lifecycle_with_no_later_stage_preselects_nothing(client_for, staff):
    structure = StructureFactory(kind=StructureKind.MSP, stage=Stage.MSP_ACI)
    page = text(client_for(staff).get(reverse("structures:lifecycle", args=[structure.pk])))
    assert " selected>" not in page.split('name="stage"')[1].split("</select>")[0]


def test_timeline_puts_the_carpec_opinion_before_the_stage_it_caused(staff):
    structure = StructureFactory(stage=Stage.ESP_VALIDATION)
    session = CarpecSessionFactory(past=True)
    review = CarpecReviewFactory(structure=structure, session=session)
    review.record_outcome(CarpecOutcome.FAVOURABLE, by=staff)
    kinds = [e["kind"] for e in structure.timeline() if e["date"] == session.date]
    assert kinds == ["carpec", "stage"]


# -- CARPEC forms ------------------------------------------------------------------


def test_outcome_form_preselects_no_opinion(client_for, staff, structure):
    session = CarpecSessionFactory(past=True)
    CarpecReviewFactory(structure=structure, session=session)
    page = text(client_for(staff).get(reverse("structures:carpec_session", args=[session.pk])))
    select = re.search(r'<select name="r\d+-outcome".*?</select>', page, re.S).group(0)
    assert '<option value="" selected>Choisissez l\'avis rendu</option>' in select
    assert "a_venir" not in select


def test_outcome_without_choice_says_so_and_changes_nothing(client_for, staff, structure):
    session = CarpecSessionFactory(past=True)
    review = CarpecReviewFactory(structure=structure, session=session)
    response = client_for(staff).post(
        reverse("structures:carpec_review_outcome", args=[review.pk]),
        {f"r{review.pk}-outcome": "", f"r{review.pk}-comment": ""},
        follow=True,
    )
    assert "Choisissez l'avis rendu par la CARPEC." in text(response)
    review.refresh_from_db()
    assert review.outcome == CarpecOutcome.PENDING


def test_schedule_without_kind_says_so_and_creates_nothing(client_for, staff, structure):
    session = CarpecSessionFactory()
    client = client_for(staff)
    page = text(client.get(reverse("structures:lifecycle", args=[structure.pk])))
    assert "Choisissez l'objet de l'examen</option>" in page
    response = client.post(
        reverse("structures:carpec_schedule", args=[structure.pk]),
        {"carpec-session": session.pk, "carpec-kind": ""},
        follow=True,
    )
    assert "Choisissez l'objet de l'examen." in text(response)
    assert not CarpecReview.objects.exists()


# -- breadcrumbs -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "current"),
    [
        ("members", "Membres"),
        ("lifecycle", "Étapes et CARPEC"),
        ("edit", "Modifier la fiche"),
    ],
)
def test_structure_pages_have_a_breadcrumb(client_for, staff, structure, name, current):
    page = text(client_for(staff).get(reverse(f"structures:{name}", args=[structure.pk])))
    crumbs = re.search(r'<ol class="breadcrumb">(.*?)</ol>', page, re.S).group(1)
    assert f'href="{reverse("structures:directory")}">Annuaire des structures</a>' in crumbs
    assert f'href="{reverse("structures:detail", args=[structure.pk])}">ESP des Abers</a>' in crumbs
    assert f'aria-current="page">{current}</li>' in crumbs


def test_missions_and_create_pages_have_a_breadcrumb(client_for, staff):
    cpts = StructureFactory(name="CPTS du Léon", kind=StructureKind.CPTS, stage=Stage.CPTS_ACI)
    client = client_for(staff)
    page = text(client.get(reverse("structures:missions", args=[cpts.pk])))
    assert 'aria-current="page">Missions</li>' in page
    assert ">CPTS du Léon</a>" in page
    page = text(client.get(reverse("structures:create")))
    assert 'aria-current="page">Créer une structure</li>' in page
    assert ">Annuaire des structures</a>" in page


def test_health_project_breadcrumb_names_the_directory(client_for, member, structure):
    page = text(client_for(member).get(reverse("structures:health_project", args=[structure.pk])))
    crumbs = re.search(r'<ol class="breadcrumb">(.*?)</ol>', page, re.S).group(1)
    assert ">Annuaire des structures</a>" in crumbs
    assert ">Structures</a>" not in crumbs


def test_carpec_session_breadcrumb(client_for, staff):
    session = CarpecSessionFactory(date=datetime.date(2027, 3, 4))
    page = text(client_for(staff).get(reverse("structures:carpec_session", args=[session.pk])))
    assert ">Calendrier de la CARPEC</a>" in page
    assert 'aria-current="page">4 mars 2027</li>' in page


# -- structure page ----------------------------------------------------------------


def test_detail_shows_whole_hours_and_general_practitioners(client_for, coordinator, structure):
    structure.coordinator_name = "Coordination partagée"
    structure.coordination_hours = 10
    structure.save()
    page = text(client_for(coordinator).get(reverse("structures:detail", args=[structure.pk])))
    assert "Coordination partagée – 10 h par semaine" in page
    assert "10,0 h" not in page
    members = page.split('id="membres-titre"')[1]
    assert re.search(r"<td[^>]*>Médecin généraliste\s*</td>", members)
    page = text(client_for(coordinator).get(reverse("structures:members", args=[structure.pk])))
    assert re.search(r"<td[^>]*>Médecin généraliste\s*</td>", page)


def test_detail_half_hours_keep_their_decimal(client_for, coordinator, structure):
    structure.coordination_hours = "7.5"
    structure.save()
    page = text(client_for(coordinator).get(reverse("structures:detail", args=[structure.pk])))
    assert "7,5 h par semaine" in page


def test_detail_status_badge_sits_with_the_stage(client_for, member, structure):
    HealthProject.objects.create(structure=structure)
    page = text(client_for(member).get(reverse("structures:detail", args=[structure.pk])))
    badges = page.split("Étape : 4. Rédaction du projet de santé")[1].split("</p>")[0]
    assert "Projet de santé : brouillon" in badges


# -- health project diff -----------------------------------------------------------


def test_diff_counts_lines_with_real_plurals(client_for, coordinator, structure):
    project = HealthProject.objects.create(structure=structure)
    project.save_section(HealthProjectSection.TERRITORY, "Un.", by=coordinator)
    project.save_section(HealthProjectSection.TERRITORY, "Un.\n\nDeux.\n\nTrois.", by=coordinator)
    page = text(
        client_for(coordinator).get(
            reverse("structures:health_project_compare", args=[structure.pk]), {"a": 1, "b": 2}
        )
    )
    assert "(s)" not in page
    assert "(4 lignes ajoutées ou modifiées)" in page


def test_diff_single_line_singular(client_for, coordinator, structure):
    project = HealthProject.objects.create(structure=structure)
    project.save_section(HealthProjectSection.TERRITORY, "Douze communes.", by=coordinator)
    project.save_section(HealthProjectSection.TERRITORY, "Treize communes.", by=coordinator)
    page = text(
        client_for(coordinator).get(
            reverse("structures:health_project_compare", args=[structure.pk]), {"a": 1, "b": 2}
        )
    )
    assert "1 ligne ajoutée ou modifiée, 1 ligne supprimée ou modifiée" in page


# -- stage history written by the views ----------------------------------------------


def test_stage_change_form_posts_the_preselected_stage(client_for, coordinator, structure):
    client = client_for(coordinator)
    url = reverse("structures:lifecycle", args=[structure.pk])
    response = client.post(
        url, tokened({"stage": Stage.ESP_VALIDATION, "date": timezone.localdate().isoformat()})
    )
    assert response.status_code == 302
    assert StageChange.objects.get(structure=structure).stage == Stage.ESP_VALIDATION


def test_members_page_lists_an_unknown_profession_as_a_dash(client_for, coordinator, structure):
    user = UserFactory(email="sansprofession@exemple.fr", profession=None)
    MembershipFactory(structure=structure, user=user)
    page = text(client_for(coordinator).get(reverse("structures:members", args=[structure.pk])))
    row = re.search(r"<tr>(?:(?!</tr>).)*sansprofession@exemple\.fr.*?</tr>", page, re.S).group(0)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert cells[1].strip() == "—"


# -- restoring a version identical to the current text ------------------------------


def test_restoring_the_current_text_is_refused_and_not_offered(client_for, coordinator, structure):
    project = HealthProject.objects.create(structure=structure)
    project.save_section(HealthProjectSection.TERRITORY, "Avant.", by=coordinator)
    project.save_section(HealthProjectSection.TERRITORY, "Après.", by=coordinator)
    client = client_for(coordinator)
    latest = text(client.get(reverse("structures:health_project_version", args=[structure.pk, 2])))
    assert "Restaurer cette version" not in latest
    older = text(client.get(reverse("structures:health_project_version", args=[structure.pk, 1])))
    assert "Restaurer cette version" in older
    response = client.post(
        reverse("structures:health_project_restore", args=[structure.pk, 2]),
        {TOKEN_FIELD: new_token()},
        follow=True,
    )
    assert "rien à restaurer" in text(response)
    assert project.versions.count() == 2


def test_comparing_a_version_with_itself_asks_for_two_versions(client_for, member, structure):
    project = HealthProject.objects.create(structure=structure)
    project.save_section(HealthProjectSection.TERRITORY, "Texte.", by=member)
    response = client_for(member).get(
        reverse("structures:health_project_compare", args=[structure.pk]),
        {"a": 1, "b": 1},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse(
        "structures:health_project_versions", args=[structure.pk]
    )
    assert "Choisissez deux versions différentes à comparer." in text(response)


# -- French dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (datetime.date(2026, 10, 1), "l j F Y", "jeudi 1er octobre 2026"),
        (datetime.date(2026, 10, 1), "j F Y", "1er octobre 2026"),
        (datetime.date(2026, 10, 11), "j F Y", "11 octobre 2026"),
        (datetime.date(2026, 10, 21), "j F Y", "21 octobre 2026"),
        (datetime.date(2026, 10, 1), "d/m/Y", "01/10/2026"),
        (None, "j F Y", ""),
    ],
)
def test_date_fr_filter(value, fmt, expected):
    from gecolib.templatetags.french_dates import date_fr

    assert date_fr(value, fmt) == expected


def test_calendar_writes_the_first_of_the_month_in_french(client_for, staff):
    CarpecSessionFactory(date=datetime.date(2027, 4, 1))
    page = text(client_for(staff).get(reverse("structures:carpec_calendar")))
    assert "jeudi 1er avril 2027" in page
    assert "jeudi 1 avril" not in page


def test_calendar_counts_opinions_to_enter_only_once_the_session_is_held(client_for, staff):
    held = CarpecSessionFactory(past=True)
    coming = CarpecSessionFactory()
    CarpecReviewFactory(session=held)
    CarpecReviewFactory(session=coming)
    page = text(client_for(staff).get(reverse("structures:carpec_calendar")))
    rows = {
        pk: re.search(rf'carpec/{pk}/".*?</tr>', page, re.S).group(0) for pk in (held.pk, coming.pk)
    }
    cells = {pk: re.findall(r'<td class="text-end">(.*?)</td>', row) for pk, row in rows.items()}
    assert cells[held.pk] == ["1", "1"]
    assert cells[coming.pk][0] == "1"
    assert "après la séance" in cells[coming.pk][1]
