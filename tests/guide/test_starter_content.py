"""The guide's starter content (guide/starter/) and `manage.py load_guide`."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from guide import services
from guide.enums import Audience, PageKind, Theme
from guide.importing.starter import starter_documents
from guide.markdown import internal_slugs
from guide.models import Page
from guide.search import search_pages


def test_at_least_fifteen_real_pages_with_valid_front_matter():
    documents = starter_documents()
    slugs = {d["slug"] for d in documents}
    assert len(documents) >= 15
    assert len(slugs) == len(documents)
    for document in documents:
        words = len(document["body"].split())
        assert 300 <= words <= 900, (document["slug"], words)
        assert document["summary"], document["slug"]
        assert document["kind"] in PageKind.values
        assert document["audience"] in Audience.values
        assert set(document["themes"]) <= set(Theme.values), document["slug"]
        assert not document["parent"] or document["parent"] in slugs
        assert set(internal_slugs(document["body"])) <= slugs, document["slug"]


def test_sections_and_members_only_job_descriptions():
    documents = {d["slug"]: d for d in starter_documents()}
    assert sum(1 for d in documents.values() if not d["parent"]) >= 6
    assert documents["missions-du-coordinateur"]["audience"] == Audience.ADHERENTS
    assert documents["missions-du-coordinateur"]["kind"] == PageKind.POSTE
    assert "CARPEC" in documents["equipe-de-soins-primaires"]["body"]


@pytest.mark.django_db
def test_load_guide_publishes_once_and_leaves_edited_pages_alone(staff):
    out = io.StringIO()
    call_command("load_guide", stdout=out)
    count = len(starter_documents())
    assert f"{count} page(s) créée(s) et publiée(s)" in out.getvalue()
    assert Page.objects.filter(is_live=True).count() == count
    child = Page.objects.get(slug="missions-du-coordinateur")
    assert child.parent.slug == "la-coordination"

    page = Page.objects.get(slug="reunion-de-concertation-pluriprofessionnelle")
    services.save_revision(
        page,
        {**page.live_content(), "body": "Texte revu par l'équipe."},
        by=staff,
        base_revision=page.latest_revision.number,
    )
    services.publish(page, by=staff)
    call_command("load_guide", stdout=io.StringIO())
    assert Page.objects.count() == count
    page.refresh_from_db()
    assert page.body == "Texte revu par l'équipe."


@pytest.mark.django_db
def test_starter_pages_are_found_without_accents():
    call_command("load_guide", stdout=io.StringIO())
    visitor = AnonymousUser()
    found = [p.slug for p in search_pages(visitor, "reunion de concertation")]
    assert found[0] == "reunion-de-concertation-pluriprofessionnelle"
    assert "missions-du-coordinateur" not in [p.slug for p in search_pages(visitor, "missions")]
    assert [p.slug for p in search_pages(visitor, "matrice maturite")][0] == "matrice-de-maturite"
