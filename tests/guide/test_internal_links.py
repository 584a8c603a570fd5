"""`[[slug]]` links know their reader (issue 19, finding 7): a page's title,
and a link to it, only for those who may open it; others read the link's
text or the address."""

import pytest
from django.contrib.auth.models import AnonymousUser

from guide import services
from guide.enums import Audience
from guide.markdown import render_page
from tests.guide.factories import make_page

pytestmark = pytest.mark.django_db

TEXT = "Voir [[poste-secret]], [[projet-en-cours|le projet]] et [[fiche-publique]]."


@pytest.fixture
def targets(staff):
    make_page(
        "Salaire du coordinateur à Brest",
        by=staff,
        slug="poste-secret",
        audience=Audience.ADHERENTS,
    )
    make_page("Fusion des deux MSP", by=staff, slug="projet-en-cours", live=False)
    make_page("Fiche publique", by=staff, slug="fiche-publique")


def test_visitors_never_read_the_title_of_a_page_they_cannot_open(targets, client, staff):
    page = make_page("Coordination", body=TEXT, by=staff)
    html = client.get(page.get_absolute_url()).text
    assert "Salaire du coordinateur" not in html and "Fusion des deux MSP" not in html
    assert "/guide/poste-secret/" not in html and "/guide/projet-en-cours/" not in html
    assert "Voir poste-secret, le projet et" in html
    assert '<a href="/guide/fiche-publique/"' in html and ">Fiche publique</a>" in html


def test_a_professional_who_is_not_an_adherent_reads_no_members_title(targets, professional):
    html = render_page(TEXT, user=professional).html
    assert "Salaire du coordinateur" not in html and "/guide/poste-secret/" not in html


def test_an_adherent_reads_the_members_page_title_not_the_drafts(targets, member):
    html = render_page(TEXT, user=member).html
    assert 'href="/guide/poste-secret/"' in html and ">Salaire du coordinateur à Brest</a>" in html
    assert "Fusion des deux MSP" not in html and "/guide/projet-en-cours/" not in html


def test_editors_see_every_target(targets, staff):
    html = render_page(TEXT, user=staff).html
    assert "Salaire du coordinateur à Brest</a>" in html
    assert 'href="/guide/projet-en-cours/"' in html and ">le projet</a>" in html


def test_an_unpublished_page_is_not_linked_for_readers(targets, staff):
    target = make_page("Fiche retirée", by=staff, slug="fiche-retiree")
    services.unpublish(target, by=staff)
    html = render_page("[[fiche-retiree]]", user=AnonymousUser()).html
    assert "Fiche retirée" not in html and "href" not in html and "fiche-retiree" in html
