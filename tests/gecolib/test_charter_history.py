"""The charter's history for staff: list, one version, comparison, restore."""

import html

import pytest
from django.urls import reverse

from gecolib.models import Charter, CharterAcceptance
from tests.factories import UserFactory, tokened

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def second(staff):
    current = Charter.current()
    return Charter.save_revision(
        title=current.title,
        text=current.text.replace("Humilité", "Modestie") + "\n\n7. Nouvel engagement.",
        by=staff,
        comment="Engagement 7",
    )


# (method, url name, args, query/data, code for staff)
PAGES = [
    ("get", "charter_versions", [], {}, 200),
    ("get", "charter_version", [1], {}, 200),
    ("get", "charter_compare", [], {"a": 1, "b": 2}, 200),
    ("post", "charter_restore", [1], {}, 302),
]


@pytest.mark.parametrize(
    "role", ["anonymous", "professional", "member", "facilitator", "project_officer", "staff"]
)
@pytest.mark.parametrize(("method", "name", "args", "data", "code"), PAGES)
def test_permission_matrix(cast, client_for, second, role, method, name, args, data, code):
    response = getattr(client_for(cast[role]), method)(reverse(name, args=args), data)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif role == "staff":
        assert response.status_code == code
    else:
        assert response.status_code == 403
    if role != "staff":
        assert Charter.objects.count() == 2


@pytest.mark.parametrize(
    ("method", "name", "args"),
    [("post", "charter_versions", []), ("get", "charter_restore", [1])],
)
def test_wrong_methods(client_for, staff, second, method, name, args):
    response = getattr(client_for(staff), method)(reverse(name, args=args))
    assert response.status_code == 405


def test_unknown_version_is_404(client_for, staff):
    client = client_for(staff)
    assert client.get(reverse("charter_version", args=[9])).status_code == 404
    assert client.post(reverse("charter_restore", args=[9])).status_code == 404


def test_charter_page_leads_staff_to_the_history(client_for, staff, facilitator):
    assert reverse("charter_versions") in text(client_for(staff).get(reverse("charter")))
    assert reverse("charter_versions") not in text(client_for(facilitator).get(reverse("charter")))


def test_history_lists_the_versions(client_for, staff, second):
    page = text(client_for(staff).get(reverse("charter_versions")))
    assert "2 versions enregistrées" in page
    assert "Engagement 7" in page
    assert staff.display_name in page
    assert "Comparer les versions cochées" in page
    # The version in force is not offered for restore; the older one is.
    assert reverse("charter_restore", args=[1]) in page
    assert reverse("charter_restore", args=[2]) not in page


@pytest.mark.parametrize("extra", [3, 30])
def test_history_query_count_is_fixed(client_for, staff, django_assert_num_queries, extra):
    authors = UserFactory.create_batch(3, staff=True)
    for i in range(extra):
        Charter.save_revision(title="Charte", text=f"Texte {i}", by=authors[i % 3])
    Charter.restore(Charter.objects.get(number=2), by=staff)
    client = client_for(staff)
    # session, user, MFA check (staff gate), count for the paginator,
    # the page of versions with their authors and restored_from.
    with django_assert_num_queries(5):
        response = client.get(reverse("charter_versions"))
    assert response.status_code == 200


def test_version_page(client_for, staff, second):
    client = client_for(staff)
    old = text(client.get(reverse("charter_version", args=[1])))
    assert "Humilité" in old and "Modestie" not in old
    assert "Republier ce texte comme nouvelle version" in old
    current = text(client.get(reverse("charter_version", args=[2])))
    assert "Version en vigueur" in current
    assert "Republier ce texte" not in current


def test_compare_page(client_for, staff, second):
    page = text(client_for(staff).get(reverse("charter_compare"), {"a": 2, "b": 1}))
    assert "Différences entre les versions 1 et 2" in page
    # the words in bold in the charter are shown in bold, not between raw ** marks
    assert '<del><span class="visually-hidden">[supprimé </span><strong>Humilité</strong>' in page
    assert '<ins><span class="visually-hidden">[ajouté </span><strong>Modestie</strong>' in page
    assert "**" not in page
    assert "1 partie modifiée." in page
    assert "7. Nouvel engagement." in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({}, "Choisissez deux versions à comparer."),
        ({"a": 1, "b": 1}, "Choisissez deux versions différentes à comparer."),
        ({"a": 1, "b": 9}, "La version 9 n'existe pas."),
    ],
)
def test_compare_bad_input(client_for, staff, second, query, message):
    response = client_for(staff).get(reverse("charter_compare"), query, follow=True)
    assert response.redirect_chain[-1][0] == reverse("charter_versions")
    assert message in text(response)


def test_restore_publishes_the_old_text_again(client_for, staff, facilitator, second):
    first = Charter.objects.get(number=1)
    assert not facilitator.has_accepted_current_charter()
    CharterAcceptance.objects.create(user=facilitator, charter=second)
    response = client_for(staff).post(reverse("charter_restore", args=[1]), tokened(), follow=True)
    assert "Le texte de la version 1 est republié comme version 3" in text(response)
    restored = Charter.current()
    assert restored.number == 3
    assert restored.text == first.text and restored.title == first.title
    assert restored.restored_from == first and restored.author == staff
    assert restored.comment == "Restauration de la version 1"
    # Like any new version, the restored one must be accepted again.
    assert not facilitator.has_accepted_current_charter()
    client = client_for(facilitator)
    assert client.get(reverse("facilitations:workspace"))["Location"] == reverse("charter_accept")


def test_restoring_the_text_in_force_is_refused(client_for, staff, second):
    response = client_for(staff).post(reverse("charter_restore", args=[2]), tokened(), follow=True)
    assert "rien à restaurer" in text(response)
    assert Charter.objects.count() == 2


def test_publishing_keeps_the_comment(client_for, staff):
    current = Charter.current()
    client_for(staff).post(
        reverse("charter_edit"),
        tokened(
            {"title": current.title, "text": current.text + "\n\nAjout.", "comment": "Ajout final"}
        ),
    )
    new = Charter.current()
    assert new.number == current.number + 1
    assert new.comment == "Ajout final" and new.author == staff
