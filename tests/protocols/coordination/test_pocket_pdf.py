"""The fiche de poche alone: an A5 PDF of the steps with the team's contacts
(names, professions, phones from the profiles), for the team only."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import MembershipFactory, UserFactory, profession
from tests.protocols.coordination.factories import protocol_with_steps

pytestmark = pytest.mark.django_db

# A5 in PostScript points: 148 × 210 mm.
A5 = (419.5, 595.3)


def _pdf(client, protocol):
    response = client.get(reverse("protocols:protocol_pocket_pdf", args=[protocol.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response, PdfReader(io.BytesIO(response.content))


def _text(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_an_a5_page_with_the_steps_and_the_contacts_named_on_the_protocol(
    client_for, structure, member
):
    nurse = MembershipFactory(
        structure=structure,
        user__first_name="Anne",
        user__last_name="Guillou",
        user__phone="02 96 00 00 01",
        user__profession=profession("60"),
    ).user
    left = MembershipFactory(
        structure=structure,
        user__last_name="Parti",
        start_date=timezone.localdate() - datetime.timedelta(days=30),
    ).user
    protocol = protocol_with_steps(3, structure=structure, title="Prévention des chutes")
    protocol.members.add(nurse, left)
    left.memberships.update(end_date=timezone.localdate() - datetime.timedelta(days=1))
    response, reader = _pdf(client_for(member), protocol)
    assert "fiche-de-poche_prevention-des-chutes_" in response["Content-Disposition"]
    [page] = reader.pages  # printable alone: one page
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width, 1), round(height, 1)) == A5
    text = _text(reader)
    assert "Prévention des chutes" in text and "Qui fait quoi" in text
    assert "Anne Guillou" in text and "02 96 00 00 01" in text and "Infirmier" in text
    # A member who left is not a contact any more.
    assert "Parti" not in text
    assert reader.metadata.title == "Fiche de poche – Prévention des chutes"


def test_without_members_named_the_professions_concerned_are_the_contacts(
    client_for, structure, member
):
    physio = MembershipFactory(
        structure=structure, user__last_name="Kerbrat", user__profession=profession("70")
    ).user
    MembershipFactory(structure=structure, user__last_name="Ailleurs", user__gp=True)
    UserFactory(last_name="Horsequipe", profession=profession("70"))
    protocol = protocol_with_steps(1, structure=structure)
    protocol.professions.add(physio.profession)
    text = _text(_pdf(client_for(member), protocol)[1])
    assert "Kerbrat" in text and "Ailleurs" not in text and "Horsequipe" not in text
    # No phone entered: a dash, not an empty cell.
    assert "–" in text
    protocol.professions.clear()
    text = _text(_pdf(client_for(member), protocol)[1])
    assert "Aucun membre de l'équipe n'est nommé sur ce protocole." in text


def test_the_protocol_page_links_to_it(client_for, structure, member):
    protocol = protocol_with_steps(1, structure=structure)
    page = client_for(member).get(protocol.get_absolute_url()).content.decode()
    assert reverse("protocols:protocol_pocket_pdf", args=[protocol.pk]) in page
    assert "fiche de poche seule (PDF A5" in page
