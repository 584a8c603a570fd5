"""Previous and next page: read by two indexed queries, so a guide page costs
the same number of queries in a section of 10 pages as in one of hundreds."""

import pytest

from guide.enums import Audience
from guide.models import Page
from tests.guide.factories import make_page

pytestmark = pytest.mark.django_db


def section_of(staff, size: int) -> tuple[Page, list[Page]]:
    """A section of `size` published pages (created in bulk), in position order;
    the sixth has the same position as the fifth (ordered then by title)."""
    section = make_page(f"Section {size}", by=staff)
    Page.objects.bulk_create(
        Page(
            title=f"Fiche {i:04d}",
            slug=f"fiche-{size}-{i}",
            parent=section,
            position=i if i != 5 else 4,
            is_live=True,
            body="Texte.",
        )
        for i in range(size)
    )
    return section, list(section.children.order_by("position", "title", "pk"))


@pytest.mark.parametrize("size", [10, 300])
def test_previous_and_next_in_the_tree_order(client, staff, size):
    _section, children = section_of(staff, size)
    for index in (0, 4, 5, size - 1):
        response = client.get(children[index].get_absolute_url())
        previous_page, next_page = response.context["previous_page"], response.context["next_page"]
        expected_previous = children[index - 1] if index else None
        expected_next = children[index + 1] if index + 1 < size else None
        assert previous_page == expected_previous
        assert next_page == expected_next


def test_neighbours_skip_what_the_reader_may_not_read(client, staff):
    _section, children = section_of(staff, 10)
    Page.objects.filter(pk=children[3].pk).update(audience=Audience.ADHERENTS)
    Page.objects.filter(pk=children[5].pk).update(is_live=False)
    response = client.get(children[4].get_absolute_url())
    assert response.context["previous_page"] == children[2]
    assert response.context["next_page"] == children[6]


@pytest.mark.parametrize("size", [10, 300])
def test_same_queries_whatever_the_section_size(client, staff, size, django_assert_num_queries):
    _section, children = section_of(staff, size)
    url = children[size // 2].get_absolute_url()
    # Visitor: the page (with its parent and live revision), the audience
    # check, the previous page, the next page, the attachments, the children.
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
