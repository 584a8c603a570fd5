"""The public-service pages (issue 9, point 10): contact (kept, sent to the
staff, rate limited), mentions légales, personal data with one's own export
and account closure, accessibility statement; all linked from the footer."""

import json

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gecolib.contact import ContactMessage
from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import User
from structures.enums import HealthProjectSection as Section
from structures.enums import MembershipRole
from structures.models import HealthProject
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

FOOTER_PAGES = ["contact", "legal_notice", "personal_data", "accessibility"]


def _message(**extra) -> dict:
    return {
        "name": "Anne Guillou",
        "email": "anne@exemple.fr",
        "subject": "accessibility",
        "body": "Le calendrier ne se lit pas au lecteur d'écran.",
        TOKEN_FIELD: new_token(),
        **extra,
    }


@pytest.mark.parametrize("name", FOOTER_PAGES)
def test_every_public_service_page_is_open_to_visitors_and_in_the_footer(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    footer = response.content.decode().split("<footer", 1)[1]
    for other in FOOTER_PAGES:
        assert f'href="{reverse(other)}"' in footer
    assert 'aria-current="page"' in footer  # the page itself is marked


def test_contact_message_is_kept_and_sent_to_active_staff(
    client, staff, django_capture_on_commit_callbacks
):
    UserFactory(email="ancien@exemple.fr", staff=True, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("contact"), _message())
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert (message.name, message.email, message.user) == ("Anne Guillou", "anne@exemple.fr", None)
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert "Un problème d'accessibilité" in mail.outbox[0].subject
    assert "lecteur d'écran" in mail.outbox[0].body
    page = client.get(response["Location"]).content.decode()
    assert "Elle vous répondra à l&#x27;adresse anne@exemple.fr" in page


def test_contact_keeps_the_signed_in_sender_and_prefills_their_address(client, professional):
    client.force_login(professional)
    form = client.get(reverse("contact")).context["form"]
    assert form["email"].value() == professional.email
    client.post(reverse("contact"), _message(email=professional.email))
    assert ContactMessage.objects.get().user == professional


@pytest.mark.parametrize(
    "data,field",
    [
        ({"email": "pas-une-adresse"}, "email"),
        ({"subject": ""}, "subject"),
        ({"body": "Patient NIR 1 85 05 78 006 084 91"}, "body"),
    ],
)
def test_bad_contact_input_is_refused_in_french_and_nothing_is_kept(client, data, field):
    response = client.post(reverse("contact"), _message(**data))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not ContactMessage.objects.exists()
    assert not mail.outbox


def test_contact_is_rate_limited_per_address(client, settings):
    settings.GECOLIB_CONTACT_RATE_LIMIT = "2/1h/ip"
    for _ in range(2):
        assert client.post(reverse("contact"), _message()).status_code == 302
    response = client.post(reverse("contact"), _message())
    assert response.status_code == 429
    assert "Réessayez dans une heure" in response.content.decode()
    assert ContactMessage.objects.count() == 2
    # Another address is not held back.
    other = Client(REMOTE_ADDR="198.51.100.9")
    assert other.post(reverse("contact"), _message()).status_code == 302


def test_staff_read_the_messages_newest_first(client, staff):
    ContactMessage.objects.create(name="Premier", email="a@b.fr", subject="other", body="Un")
    ContactMessage.objects.create(name="Second", email="c@d.fr", subject="account", body="Deux")
    client.force_login(staff)
    html = client.get(reverse("contact_messages")).content.decode()
    assert html.index("De Second") < html.index("De Premier")
    assert "Mon compte sur le portail" in html


@pytest.mark.parametrize("size", [3, 30])
def test_contact_messages_cost_a_fixed_number_of_queries(
    client, staff, django_assert_num_queries, size
):
    sender = UserFactory()
    ContactMessage.objects.bulk_create(
        ContactMessage(name=f"N{i}", email="a@b.fr", subject="other", body="x", user=sender)
        for i in range(size)
    )
    client.force_login(staff)
    # Session, user, second-factor check, count, page of messages (with their user).
    with django_assert_num_queries(5):
        client.get(reverse("contact_messages"))


def test_export_holds_the_account_and_what_points_to_it_without_secrets(client, member):
    project = HealthProject.objects.create(structure=member.memberships.get().structure)
    project.save_section(Section.TERRITORY, "Douze communes.", by=member)
    client.force_login(member)
    response = client.get(reverse("personal_data_export"))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["compte"]["email"] == member.email
    text = json.dumps(data, ensure_ascii=False)
    assert "ESP des Abers" in text  # the membership
    assert "Douze communes." in text  # the version they wrote
    assert "password" not in text and "pbkdf2" not in text and "md5$" not in text


def test_closing_an_account_erases_the_identity_ends_memberships_and_keeps_anonymous_work(
    client, member, structure
):
    project = HealthProject.objects.create(structure=structure)
    project.save_section(Section.TERRITORY, "Douze communes.", by=member)
    ContactMessage.objects.create(
        name="Alix", email=member.email, subject="other", body="x", user=member
    )
    client.force_login(member)
    page = client.get(reverse("account_delete"))
    assert "définitive" in page.content.decode()
    response = client.post(reverse("account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    member.refresh_from_db()
    assert not member.is_active and not member.has_usable_password()
    assert member.email.startswith("compte-supprime-") and member.phone == ""
    assert member.display_name == "Compte supprimé"
    assert member.memberships.get().end_date == timezone.localdate()
    assert project.versions.exists()
    assert not project.versions.filter(author__isnull=False).exists()  # « compte supprimé »
    assert not ContactMessage.objects.exists()
    assert "_auth_user_id" not in client.session
    assert not Client().login(email="membre@exemple.fr", password=PASSWORD)


def test_closing_needs_the_password_and_the_confirmation(client, member):
    client.force_login(member)
    response = client.post(reverse("account_delete"), {"password": "faux"})
    errors = response.context["form"].errors
    assert errors["password"] == ["Ce mot de passe n'est pas le bon."]
    assert errors["confirm"] == ["Cochez cette case pour confirmer la suppression."]
    member.refresh_from_db()
    assert member.is_active


def test_the_last_coordinator_names_another_one_first(client, coordinator, structure):
    client.force_login(coordinator)
    response = client.post(
        reverse("account_delete"), {"password": PASSWORD, "confirm": "on"}, follow=True
    )
    assert "ESP des Abers : Impossible : c&#x27;est le dernier coordinateur" in (
        response.content.decode()
    )
    coordinator.refresh_from_db()
    assert coordinator.is_active and coordinator.memberships.get().end_date is None
    # Once another coordinator is named, the account closes.
    MembershipFactory(structure=structure, role=MembershipRole.COORDINATOR)
    client.post(reverse("account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert not User.objects.get(pk=coordinator.pk).is_active


def test_a_facilitator_in_an_open_binome_is_replaced_first(client, facilitation, facilitator):
    client.force_login(facilitator)
    response = client.post(
        reverse("account_delete"), {"password": PASSWORD, "confirm": "on"}, follow=True
    )
    assert "demandez d&#x27;abord à l&#x27;équipe GECO Lib&#x27; de vous remplacer" in (
        response.content.decode()
    )
    assert User.objects.get(pk=facilitator.pk).is_active


def test_staff_accounts_are_closed_by_the_administration(client, staff):
    client.force_login(staff)
    client.post(reverse("account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert User.objects.get(pk=staff.pk).is_active


def test_profile_leads_to_the_export_and_the_closure(client, professional):
    client.force_login(professional)
    html = client.get(reverse("profile")).content.decode()
    assert reverse("personal_data_export") in html and reverse("account_delete") in html


def test_export_writes_files_by_name_and_unknown_values_as_text():
    from django.db.models.fields.files import FieldFile, FileField

    from gecolib.personal_data import _value

    field = FileField(upload_to="x")
    field.storage = None
    attached = FieldFile(None, field, "pieces/compte-rendu.pdf")
    assert _value(attached) == "pieces/compte-rendu.pdf"
    assert _value(FieldFile(None, field, "")) is None
    assert _value(range(2)) == "range(0, 2)"  # anything else as text, JSON-ready
