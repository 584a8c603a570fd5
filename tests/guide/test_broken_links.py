"""« Liens cassés »: pages linking to an archived or missing page, online or in
draft, at a fixed number of queries."""

import pytest
from django.urls import reverse

from guide import services
from tests.guide.factories import make_page

pytestmark = pytest.mark.django_db


def test_report_lists_links_to_missing_and_archived_pages(client, staff):
    old = make_page("Ancienne", by=staff)
    services.archive(old, by=staff)
    target = make_page("Cible", by=staff)
    make_page("Saine", body=f"Voir [[{target.slug}]].", by=staff)
    broken = make_page("Fautive", body=f"Voir [[{old.slug}]] et [[nulle-part]].", by=staff)
    services.save_revision(
        broken, broken.draft_content() | {"body": "[[ailleurs]]"}, by=staff, base_revision=1
    )
    client.force_login(staff)
    response = client.get(reverse("guide:broken_links"))
    rows = [(r.page.title, r.version, r.missing, r.archived) for r in response.context["page"]]
    assert rows == [
        ("Fautive", "live", ["nulle-part"], [old.slug]),
        ("Fautive", "draft", ["ailleurs"], []),
    ]


@pytest.mark.parametrize("size", [2, 12])
def test_report_queries(client, staff, size, django_assert_num_queries):
    for n in range(size):
        make_page(f"Page {n}", body="[[nulle-part]]", by=staff)
    client.force_login(staff)
    # session, user, MFA check, the addresses, the pages with their draft.
    with django_assert_num_queries(5):
        assert client.get(reverse("guide:broken_links")).status_code == 200
