"""Fixed numbers of SQL queries for the guide's pages, whatever the data size."""

import pytest
from django.urls import reverse

from guide import services
from tests.guide.factories import make_page, png_upload

pytestmark = pytest.mark.django_db


def build_section(staff, size: int):
    """A section with `size` sub-pages; the middle one links to `size` pages
    and has `size` attachments."""
    section = make_page(f"Section {size}", by=staff)
    children = [make_page(f"Fiche {size}-{i}", by=staff, parent=section) for i in range(size)]
    middle = children[size // 2]
    body = "## Partie\n\n" + " ".join(f"[[{child.slug}]]" for child in children)
    services.save_revision(
        middle, middle.draft_content() | {"body": body}, by=staff, base_revision=1
    )
    services.publish(middle, by=staff)
    for i in range(size):
        services.attach(middle, png_upload(f"f{i}.png"), by=staff)
    return middle


@pytest.mark.parametrize("size", [2, 12])
def test_page_queries(client, staff, size, django_assert_num_queries):
    middle = build_section(staff, size)
    url = middle.get_absolute_url()
    # Visitor: the page (with its parent and live revision: breadcrumbs of a
    # two-level tree), the audience check, the [[slug]] targets, the previous
    # page, the next page (tests/guide/test_neighbours.py), the attachments,
    # the children.
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_page_queries_signed_in(client, member, size, django_assert_num_queries, staff):
    middle = build_section(staff, size)
    client.force_login(member)
    url = middle.get_absolute_url()
    client.get(url)
    # Signed in, 4 more: the session, the user, whether they are a rédacteur,
    # whether they are an adherent (member of a structure).
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_index_queries(client, staff, size, django_assert_num_queries):
    for n in range(size):
        section = make_page(f"Section {n}", by=staff)
        for i in range(3):
            make_page(f"Fiche {n}-{i}", by=staff, parent=section)
    # 1 count of the sections (pagination), 1 the sections, 1 their sub-pages.
    with django_assert_num_queries(3):
        assert client.get(reverse("guide:index")).status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_editor_lists_queries(client, staff, size, django_assert_num_queries):
    for n in range(size):
        make_page(f"Page {n}", by=staff, live=n % 2 == 0)
    client.force_login(staff)
    # The flat list (a state chosen; the tree: tests/guide/test_tree.py):
    # session, user, MFA check, count, pages (with parent and revisions).
    with django_assert_num_queries(5):
        assert client.get(reverse("guide:pages"), {"etat": "en-ligne"}).status_code == 200
