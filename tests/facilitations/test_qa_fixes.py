"""What a user saw going wrong in the browser: filters lost on page 2, the team
left without a way to its facilitation, misaligned statistics tables."""

import pytest
from django.urls import reverse
from django.utils import timezone

from facilitations.enums import FacilitationStatus
from tests.facilitations.factories import FacilitationRequestFactory, SessionFactory
from tests.factories import AssignmentFactory, FacilitationFactory, StructureFactory

pytestmark = pytest.mark.django_db


def _facilitations(n, *, status, users):
    for i in range(n):
        facilitation = FacilitationFactory(
            structure=StructureFactory(name=f"ESP {status} {i:02d}"), status=status
        )
        for user in users:
            AssignmentFactory(facilitation=facilitation, user=user)


def test_workspace_page_two_keeps_the_default_filters(client, facilitator, project_officer):
    """Following « Suivant » from the unfiltered workspace (`?page=2`) must not
    bring closed facilitations in."""
    _facilitations(25, status=FacilitationStatus.IN_PROGRESS, users=[facilitator, project_officer])
    closed = FacilitationFactory(
        structure=StructureFactory(name="ESP close"),
        status=FacilitationStatus.DONE,
        closed_at=timezone.now(),
    )
    AssignmentFactory(facilitation=closed, user=facilitator)
    client.force_login(facilitator)
    first = client.get(reverse("facilitations:workspace"))
    second = client.get(reverse("facilitations:workspace"), {"page": 2})
    assert first.context["page"].paginator.count == 25
    assert second.context["page"].paginator.count == 25
    assert "ESP close" not in second.content.decode()
    assert second.context["form"]["status"].value() == "ouvertes"
    # An explicit « Tous » is kept, page after page.
    everything = client.get(reverse("facilitations:workspace"), {"status": "", "page": 2})
    assert everything.context["page"].paginator.count == 26


def test_staff_workspace_page_two_keeps_all_facilitations(client, staff, facilitator):
    _facilitations(25, status=FacilitationStatus.IN_PROGRESS, users=[facilitator])
    client.force_login(staff)
    second = client.get(reverse("facilitations:workspace"), {"page": 2})
    assert second.context["form"]["scope"].value() == "toutes"
    assert second.context["page"].paginator.count == 25
    assert len(second.context["page"].object_list) == 5


def test_triage_page_two_keeps_the_open_filter(client, staff, professional):
    FacilitationRequestFactory.create_batch(22, requester=professional)
    FacilitationRequestFactory(
        requester=professional,
        project_name="Projet décliné",
        status="declinee",
        decline_reason="Hors champ",
    )
    client.force_login(staff)
    second = client.get(reverse("facilitations:triage"), {"page": 2})
    assert second.context["page"].paginator.count == 22
    assert "Projet décliné" not in second.content.decode()
    everything = client.get(reverse("facilitations:triage"), {"status": "", "page": 2})
    assert everything.context["page"].paginator.count == 23


def test_team_member_reaches_the_facilitation_from_the_dashboard(client, facilitation, member):
    html = client_get_home(client, member)
    assert "L&#x27;accompagnement de mon équipe" in html or "L'accompagnement de mon équipe" in html
    assert reverse("facilitations:detail", args=[facilitation.pk]) in html
    assert "Facilitation : ESP des Abers" in html


def test_requester_reaches_the_facilitation_from_the_dashboard(client, facilitation, professional):
    facilitation.request = FacilitationRequestFactory(requester=professional, status="acceptee")
    facilitation.save()
    html = client_get_home(client, professional)
    assert reverse("facilitations:detail", args=[facilitation.pk]) in html


def test_no_team_panel_for_the_binome_or_outsiders(client, facilitation, facilitator, other_member):
    for user in (facilitator, other_member):
        html = client_get_home(client, user)
        assert "accompagnement de mon équipe" not in html


def client_get_home(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_team_page_has_a_breadcrumb_and_readable_participants(client, facilitation, member):
    session = SessionFactory(facilitation=facilitation, private_notes="Secret du binôme")
    session.participations.create(profession=_profession("Infirmier"), count=3)
    client.force_login(member)
    html = client.get(reverse("facilitations:detail", args=[facilitation.pk])).content.decode()
    assert 'class="breadcrumb"' in html and reverse("home") in html
    assert '<h1 class="h2 mb-1">Facilitation : ESP des Abers</h1>' in html
    assert "infirmier : 3" in html
    assert "Secret du binôme" not in html


def test_log_total_is_in_hours(client, facilitation, facilitator):
    SessionFactory(facilitation=facilitation, duration_minutes=120)
    SessionFactory(facilitation=facilitation, duration_minutes=90)
    client.force_login(facilitator)
    html = client.get(reverse("facilitations:detail", args=[facilitation.pk])).content.decode()
    assert "3,5 h au total" in html


def test_request_form_errors_are_summed_up_on_top(client, professional):
    client.force_login(professional)
    response = client.post(reverse("facilitations:request_create"), {"description": ""})
    html = response.content.decode()
    assert (
        "Votre demande n&#x27;est pas envoyée" in html or "Votre demande n'est pas envoyée" in html
    )
    assert reverse("facilitations:request_list") in html


def test_stats_text_columns_are_not_right_aligned(client, staff):
    client.force_login(staff)
    html = client.get(reverse("facilitations:stats")).content.decode()
    assert '<th scope="col">Département</th>' in html
    assert '<th scope="col" class="text-end">Facilitations</th>' in html


def _profession(name):
    from gecolib.models import Profession

    return Profession.objects.get_or_create(name=name)[0]


def test_workspace_empty_state_tells_filters_from_nothing_assigned(client, facilitator):
    client.force_login(facilitator)
    html = client.get(reverse("facilitations:workspace")).content.decode()
    assert "Aucune facilitation ne vous est confiée pour le moment." in html
    html = client.get(
        reverse("facilitations:workspace"), {"scope": "passees", "status": ""}
    ).content.decode()
    assert "Aucune facilitation ne correspond à ces critères." in html


def test_stats_of_an_empty_period_say_so_instead_of_flat_charts(client, staff, facilitation):
    client.force_login(staff)
    html = client.get(reverse("facilitations:stats"), {"annee": "2019"}).content.decode()
    assert "Aucune activité enregistrée pour la période 2019" in html
    assert "Aucune donnée sur cette période : pas de graphique." in html
    assert "<svg" not in html
    # A year with a facilitation keeps its charts and no notice.
    year = facilitation.opened_at.year
    html = client.get(reverse("facilitations:stats"), {"annee": str(year)}).content.decode()
    assert "Aucune activité enregistrée" not in html
    assert "<svg" in html


def test_triage_shows_the_filing_date_in_french_format(client, staff, professional):
    req = FacilitationRequestFactory(requester=professional)
    client.force_login(staff)
    html = client.get(reverse("facilitations:triage")).content.decode()
    assert timezone.localtime(req.created_at).strftime("%d/%m/%Y") in html
    assert "il y a" in html


def test_binome_selects_have_a_french_empty_choice(client, staff, professional):
    req = FacilitationRequestFactory(requester=professional)
    client.force_login(staff)
    html = client.get(reverse("facilitations:request_accept", args=[req.pk])).content.decode()
    assert "---------" not in html
    assert "— Choisir un facilitateur professionnel de santé —" in html
    assert "— Choisir un chargé de mission —" in html


def test_no_follow_up_added_to_a_closed_facilitation(client, facilitation, facilitator):
    facilitation.close(by=facilitator, outcome=_any_outcome(), summary="Bilan")
    client.force_login(facilitator)
    url = reverse("facilitations:followup_create", args=[facilitation.pk])
    response = client.post(url, {"title": "Relancer l'ARS", "due_date": "2030-01-01"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("facilitations:detail", args=[facilitation.pk])
    assert "on n&#x27;y ajoute plus d&#x27;action de suivi" in response.content.decode()
    assert not facilitation.follow_ups.exists()


def _any_outcome():
    from facilitations.enums import FacilitationOutcome

    return FacilitationOutcome.values[0]
