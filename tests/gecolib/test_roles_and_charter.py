import pytest
from django.urls import reverse

from gecolib.models import Charter, CharterAcceptance
from tests.factories import UserFactory, activate_totp, tokened

pytestmark = pytest.mark.django_db


def test_staff_grants_facilitator_role(client, staff, professional):
    client.force_login(staff)
    response = client.post(reverse("user_role", args=[professional.pk]), {"role": "charge_mission"})
    assert response.status_code == 302
    professional.refresh_from_db()
    assert professional.facilitator_kind == "charge_mission"


def test_non_staff_cannot_grant_roles(client, facilitator, professional):
    client.force_login(facilitator)
    response = client.post(reverse("user_role", args=[professional.pk]), {"role": "pro_sante"})
    assert response.status_code == 403
    professional.refresh_from_db()
    assert professional.facilitator_kind == ""


def test_facilitator_must_accept_current_charter(client):
    user = UserFactory(email="nouveau.facilitateur@exemple.fr", facilitator=True)
    activate_totp(user)
    client.force_login(user)
    response = client.get(reverse("facilitations:workspace"))
    assert response.status_code == 302
    assert response["Location"] == reverse("charter_accept")

    response = client.post(reverse("charter_accept"), {})
    assert "Cochez la case" in response.content.decode()
    assert not CharterAcceptance.objects.filter(user=user).exists()

    client.post(reverse("charter_accept"), {"accept": "1"})
    acceptance = CharterAcceptance.objects.get(user=user)
    assert acceptance.charter == Charter.current()
    assert acceptance.accepted_at is not None
    assert client.get(reverse("facilitations:workspace")).status_code == 200


def test_new_charter_version_requires_new_acceptance(client, staff, facilitator):
    client.force_login(staff)
    current = Charter.current()
    response = client.post(
        reverse("charter_edit"),
        tokened({"title": current.title, "text": current.text + "\n\n7. Nouvel engagement."}),
    )
    assert response.status_code == 302
    assert Charter.current().number == current.number + 1
    assert not facilitator.has_accepted_current_charter()

    client.force_login(facilitator)
    assert client.get(reverse("facilitations:workspace"))["Location"] == reverse("charter_accept")


def test_identical_charter_is_not_republished(client, staff):
    client.force_login(staff)
    current = Charter.current()
    response = client.post(reverse("charter_edit"), {"title": current.title, "text": current.text})
    assert response.status_code == 200
    assert "identique" in response.content.decode()
    assert Charter.current().number == current.number


def test_charter_is_public(client):
    response = client.get(reverse("charter"))
    assert response.status_code == 200
    assert "Neutralité" in response.content.decode()


def test_home_presents_the_portal_to_visitors(client):
    # Who may open which page: tests/gecolib/test_permissions.py.
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Créer mon compte" in response.content.decode()


@pytest.mark.parametrize("extra_users", [3, 30])
def test_user_list_query_count_is_fixed(client, staff, django_assert_num_queries, extra_users):
    UserFactory.create_batch(extra_users, facilitator=True)
    client.force_login(staff)
    # session, user, MFA check of the staff member (access gate), count for
    # the paginator (then kept in the cache), the page of users with their
    # MFA and charter flags (the current charter a subquery).
    with django_assert_num_queries(5):
        response = client.get(reverse("user_list"))
    assert response.status_code == 200


def test_user_list_filters_by_role_and_text(client, staff, facilitator, professional):
    client.force_login(staff)
    html = client.get(reverse("user_list"), {"role": "facilitateur"}).content.decode()
    assert facilitator.email in html
    assert professional.email not in html
    html = client.get(reverse("user_list"), {"q": "professionnel@"}).content.decode()
    assert professional.email in html
    assert facilitator.email not in html


def test_user_list_tells_who_accepted_the_current_charter(client, staff, facilitator):
    client.force_login(staff)
    cell = f"<td>{facilitator.get_full_name()}</td>"

    def charter_cell() -> str:
        html = client.get(reverse("user_list")).content.decode()
        row = html[html.index(cell) :].split("</tr>", 1)[0]
        return row.split('data-label="Charte">', 1)[1].split("</td>", 1)[0]

    assert charter_cell() == "Acceptée"
    # A new version of the charter: the earlier acceptance no longer counts.
    current = Charter.current()
    Charter.save_revision(title=current.title, text=current.text + "\n\nUn ajout.", by=staff)
    assert "À accepter" in charter_cell()
