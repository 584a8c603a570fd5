"""Every RCP page renders with the demo data, for the coordinator and staff."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from gecolib.models import User
from protocols.rcp.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db


def test_demo_pages_render(client, settings):
    settings.GECOLIB_REQUIRE_MFA = False
    call_command("demo_data")
    coordinator = User.objects.get(email="professionnel@demo.gecolib.fr")
    meetings = Meeting.objects.filter(structure__name="ESP de Lamballe-Penthièvre")
    esp = meetings.first().structure
    validated = meetings.exclude(minutes_validated_at=None).first()
    to_write = meetings.held().filter(minutes_validated_at=None).get()
    upcoming = meetings.upcoming().first()
    cancelled = meetings.filter(status="annulee").get()
    item = AgendaItem.objects.filter(meeting=upcoming).first()
    client.force_login(coordinator)
    urls = [
        reverse("home"),
        reverse("profile"),
        reverse("rcp:index"),
        reverse("rcp:structure", args=[esp.pk]),
        reverse("rcp:decisions", args=[esp.pk]),
        reverse("rcp:decisions", args=[esp.pk]) + "?state=overdue",
        reverse("rcp:figures", args=[esp.pk]) + f"?year={validated.date.year}",
        reverse("structures:detail", args=[esp.pk]),
        reverse("structures:health_project", args=[esp.pk]),
    ]
    for meeting in (validated, to_write, upcoming, cancelled):
        urls.append(reverse("rcp:meeting", args=[meeting.pk]))
    urls += [
        reverse("rcp:minutes_edit", args=[to_write.pk]),
        reverse("rcp:attendance", args=[to_write.pk]),
        reverse("rcp:decision_create", args=[to_write.pk]),
        reverse("rcp:meeting_edit", args=[upcoming.pk]),
        reverse("rcp:meeting_invitees", args=[upcoming.pk]),
        reverse("rcp:item_create", args=[upcoming.pk]),
        reverse("rcp:item_edit", args=[item.pk]),
        reverse("rcp:meeting_create", args=[esp.pk]),
        reverse("rcp:guest_add", args=[upcoming.pk]),
        reverse("rcp:series", args=[upcoming.series_id]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    content = client.get(reverse("home")).content.decode()
    assert "Mes prochaines RCP" in content
    # The to-dos: the minutes to write, the invitation to answer.
    assert "Rédiger le compte rendu de la RCP du " in content
    assert "Répondre à l&#x27;invitation à la RCP du " in content
    # The short series that starts on a public holiday: flagged, with its move.
    holiday = meetings.filter(title="RCP plaies chroniques").earliest("starts_at")
    page = client.get(reverse("rcp:series", args=[holiday.series_id])).content.decode()
    assert ", jour férié." in page and "Déplacer au " in page
    # An outside guest's page, opened by their link without an account.
    guest = upcoming.guests.get(name="Yann Kerhervé")
    client.logout()
    page = client.get(reverse("rcp:guest_answer", args=[guest.token])).content.decode()
    assert "Ordre du jour" in page and "Yann Kerhervé" in page
    client.force_login(coordinator)
    pdf = client.get(reverse("rcp:minutes_pdf", args=[validated.pk]))
    assert pdf.content.startswith(b"%PDF")
    # The health project shows the year's RCPs under « RCP et protocoles », PDF included.
    page = client.get(reverse("structures:health_project", args=[esp.pk])).content.decode()
    assert "Les RCP de l'équipe en" in page
    pdf = client.get(reverse("structures:health_project_pdf", args=[esp.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    client.force_login(User.objects.get(email="staff@demo.gecolib.fr"))
    response = client.get(reverse("rcp:figures_all"), {"year": validated.date.year})
    assert esp.name in response.content.decode()
