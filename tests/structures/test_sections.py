"""Sections other apps add to a structure's page and to its health project."""

import pytest
from django.urls import reverse

from structures import sections
from structures.documents import document_context
from structures.sections import StructureSection

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(monkeypatch):
    """A page section for members only, and an insert under one health-project section."""

    def page_section(request, structure, private):
        if not private:
            return None
        return StructureSection("structures/_test_section.html", {"text": "Rubrique privée"})

    def insert(structure, section):
        if section != "soins_coordination":
            return None
        return StructureSection("structures/_test_section.html", {"text": "Liste insérée"})

    monkeypatch.setitem(sections._sections._entries, "tests.page_section", page_section)
    monkeypatch.setitem(sections._health_project_inserts._entries, "tests.insert", insert)


def test_page_section_shown_to_whom_the_source_says(
    registered, client, structure, coordinator, settings, tmp_path
):
    (tmp_path / "structures").mkdir()
    (tmp_path / "structures" / "_test_section.html").write_text(
        "<p>{% if section %}{{ section.context.text }}"
        "{% else %}{{ insert.context.text }}{% endif %}</p>"
    )
    # Assigned (not mutated in place) so that the template engines are rebuilt.
    settings.TEMPLATES = [
        {**engine, "DIRS": [tmp_path, *engine["DIRS"]]} for engine in settings.TEMPLATES
    ]
    url = reverse("structures:detail", args=[structure.pk])
    assert "Rubrique privée" not in client.get(url).content.decode()
    client.force_login(coordinator)
    assert "Rubrique privée" in client.get(url).content.decode()


def test_health_project_insert_goes_under_its_section(registered, structure):
    context = document_context(structure, {})
    found = {
        section["key"]: section["inserts"]
        for part in context["parts"]
        for section in part["sections"]
    }
    assert [i.context["text"] for i in found["soins_coordination"]] == ["Liste insérée"]
    assert all(not inserts for key, inserts in found.items() if key != "soins_coordination")
