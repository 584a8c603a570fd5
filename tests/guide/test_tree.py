"""The editors' tree: the page list as sections and sub-pages, reordered in one
save (drag and drop or Alt + arrows, then « Enregistrer l'ordre »), or one
page put under a chosen parent at a chosen position (the keyboard's form)."""

import pytest
from django.urls import reverse

from guide.models import Page, PageMove
from tests.factories import UserFactory
from tests.guide.factories import make_editor, make_page

pytestmark = pytest.mark.django_db


def titles(parent=None):
    return list(
        Page.objects.filter(parent=parent)
        .order_by("position", "title")
        .values_list("title", flat=True)
    )


def ordre(*pairs):
    return [f"{page.pk}:{parent.pk if parent else ''}" for page, parent in pairs]


@pytest.fixture
def tree(staff):
    sections = [make_page(f"Section {n}", by=staff) for n in range(3)]
    children = [make_page(f"Fiche {n}", by=staff, parent=sections[0]) for n in range(3)]
    return sections, children


def test_the_list_is_a_tree(client, staff, tree):
    sections, children = tree
    client.force_login(staff)
    response = client.get(reverse("guide:pages"))
    assert response.status_code == 200
    assert [node.page for node in response.context["tree"]] == sections
    assert [node.page for node in response.context["tree"][0].children] == children
    # a search or a state: the flat list
    response = client.get(reverse("guide:pages"), {"q": "Fiche"})
    assert response.templates[0].name == "guide/pages.html"


def test_ten_pages_reordered_in_one_save(client, staff):
    pages = [make_page(f"Section {n:02d}", by=staff) for n in range(10)]
    client.force_login(staff)
    wanted = list(reversed(pages))
    response = client.post(
        reverse("guide:pages_reorder"), {"ordre": ordre(*((p, None) for p in wanted))}
    )
    assert response.status_code == 302
    assert titles() == [p.title for p in wanted]


def test_a_section_dragged_to_the_top_and_a_page_under_another_section(client, staff, tree):
    sections, children = tree
    client.force_login(staff)
    order = [(sections[2], None), (sections[0], None), (children[1], sections[0])]
    order += [(children[0], sections[0]), (sections[1], None), (children[2], sections[1])]
    client.post(reverse("guide:pages_reorder"), {"ordre": ordre(*order)})
    assert titles() == ["Section 2", "Section 0", "Section 1"]
    assert titles(sections[0]) == ["Fiche 1", "Fiche 0"]
    assert titles(sections[1]) == ["Fiche 2"]


def test_a_cycle_or_a_stale_tree_changes_nothing(client, staff, tree):
    sections, children = tree
    client.force_login(staff)
    before = list(Page.objects.order_by("pk").values_list("parent_id", "position"))
    response = client.post(
        reverse("guide:pages_reorder"),
        {"ordre": ordre((sections[0], children[0]), (children[0], sections[0]))},
        follow=True,
    )
    assert "sous elle-même" in response.content.decode()
    response = client.post(
        reverse("guide:pages_reorder"), {"ordre": ["999999:", "abc"]}, follow=True
    )
    assert "rechargez" in response.content.decode()
    assert list(Page.objects.order_by("pk").values_list("parent_id", "position")) == before


def test_a_redacteur_proposes_a_new_parent_for_a_page_online(client, staff, tree):
    sections, children = tree
    redacteur = UserFactory(email="redac@exemple.fr")
    make_editor(redacteur)
    client.force_login(redacteur)
    order = [(sections[1], None), (children[0], sections[1]), (sections[0], None)]
    response = client.post(reverse("guide:pages_reorder"), {"ordre": ordre(*order)}, follow=True)
    assert "relecture" in response.content.decode()
    assert titles() == ["Section 1", "Section 0", "Section 2"]  # the order applies at once
    children[0].refresh_from_db()
    assert children[0].parent == sections[0]  # the parent waits for review
    assert PageMove.objects.get(page=children[0]).parent == sections[1]


def test_keyboard_form_moves_to_a_parent_and_position(client, staff, tree):
    sections, children = tree
    client.force_login(staff)
    response = client.post(
        reverse("guide:pages_place"),
        {"page": children[2].slug, "parent": sections[1].slug, "position": 1},
    )
    assert response.status_code == 302
    assert titles(sections[1]) == ["Fiche 2"]
    assert titles(sections[0]) == ["Fiche 0", "Fiche 1"]
    client.post(reverse("guide:pages_place"), {"page": sections[2].slug, "position": 1})
    assert titles() == ["Section 2", "Section 0", "Section 1"]
    response = client.post(
        reverse("guide:pages_place"),
        {"page": sections[0].slug, "parent": children[0].slug, "position": 1},
    )
    assert response.status_code == 400
    assert "sous elle-même" in response.content.decode()
    response = client.post(reverse("guide:pages_place"), {"page": "", "position": 0})
    assert response.status_code == 400


@pytest.mark.parametrize("size", [2, 12])
def test_tree_queries(client, staff, size, django_assert_num_queries):
    for n in range(size):
        section = make_page(f"Section {n}", by=staff)
        for i in range(3):
            make_page(f"Fiche {n}-{i}", by=staff, parent=section, live=i % 2 == 0)
    client.force_login(staff)
    # session, user, MFA check, count of the sections, the sections, the pages
    # below them, the pages of the « Déplacer une page » form's two lists.
    with django_assert_num_queries(8):
        assert client.get(reverse("guide:pages")).status_code == 200
