"""Search in the guide — the same tests pass on SQLite and on PostgreSQL
(run them with DATABASE_URL=postgres://… for the second)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from guide import services
from guide.search import did_you_mean, excerpt, search_pages, suggest_titles
from guide.search.query import query_terms
from tests.guide.search_helpers import published

pytestmark = pytest.mark.django_db


def titles(pages):
    return [page.title for page in pages]


@pytest.fixture
def guide_pages(staff):
    return {
        "esp": published(
            "Créer une Équipe de soins primaires",
            "Un travail coordonné entre un médecin et un infirmier.",
            by=staff,
            summary="Les six étapes de la reconnaissance.",
            themes=["structures"],
            kind="fiche",
        ),
        "protocole": published(
            "Écrire un protocole",
            "Qui fait quoi, quand et comment : la démarche en trois réunions.",
            by=staff,
            themes=["protocoles"],
        ),
        "poste": published(
            "Fiche de poste du coordinateur",
            "Les missions : faire fonctionner la structure, animer les protocoles.",
            by=staff,
            audience="adherents",
            themes=["coordination"],
            kind="poste",
        ),
        "connectes": published(
            "Outils numériques",
            "La messagerie sécurisée et le protocole d'échange.",
            by=staff,
            audience="connectes",
            themes=["numerique"],
        ),
    }


ESP = ["Créer une Équipe de soins primaires"]


def test_accents_and_case_are_ignored(guide_pages, professional):
    assert titles(search_pages(professional, "coordonne")) == ESP  # body: "coordonné"
    assert titles(search_pages(professional, "equipe")) == ESP  # title: "Équipe"
    assert titles(search_pages(professional, "ÉQUIPE")) == ESP
    assert titles(search_pages(professional, "etapes")) == ESP  # summary: "étapes"


def test_french_stemming_finds_singular_from_plural(guide_pages):
    found = titles(search_pages(AnonymousUser(), "protocoles"))
    assert found == ["Écrire un protocole"]


def test_every_word_must_match(guide_pages, staff):
    assert titles(search_pages(staff, "protocole messagerie")) == ["Outils numériques"]
    assert titles(search_pages(staff, "protocole introuvablissime")) == []


def test_audience_decides_what_each_reader_finds(guide_pages, professional, member, staff):
    visitor = AnonymousUser()
    assert titles(search_pages(visitor, "protocole")) == ["Écrire un protocole"]
    assert set(titles(search_pages(professional, "protocole"))) == {
        "Écrire un protocole",
        "Outils numériques",
    }
    assert "Fiche de poste du coordinateur" in titles(search_pages(member, "protocoles"))
    assert "Fiche de poste du coordinateur" in titles(search_pages(staff, "missions"))
    assert titles(search_pages(visitor, "missions")) == []
    assert titles(search_pages(professional, "missions")) == []


def test_ranking_puts_title_before_summary_before_body(staff):
    body_page = published("Aaa dans le texte", "On y parle de vaccination.", by=staff)
    summary_page = published("Bbb dans le résumé", "Rien.", summary="La vaccination.", by=staff)
    title_page = published("Zzz vaccination", "Rien de plus.", by=staff)

    assert titles(search_pages(staff, "vaccination")) == [
        title_page.title,
        summary_page.title,
        body_page.title,
    ]


def test_themes_and_attachment_names_are_searched(guide_pages, staff):
    assert "Outils numériques" in titles(search_pages(staff, "numerique"))
    page = guide_pages["protocole"]
    pdf = SimpleUploadedFile("grille-evaluation-chutes.pdf", b"%PDF-1.4\n%%EOF\n" + b"x" * 200)
    services.attach(page, pdf, by=staff)
    # A file added for the next version is found once that version is online.
    assert titles(search_pages(staff, "grille chutes")) == []
    services.publish(page, by=staff)
    assert titles(search_pages(staff, "grille chutes")) == ["Écrire un protocole"]


def test_filters_by_theme_and_kind(guide_pages, staff):
    assert titles(search_pages(staff, "protocole", theme="numerique")) == ["Outils numériques"]
    assert titles(search_pages(staff, "protocole", kind="poste")) == [
        "Fiche de poste du coordinateur"
    ]
    assert titles(search_pages(staff, "protocole", theme="rcp")) == []


def test_drafts_archived_and_unpublished_pages_are_never_found(guide_pages, staff):
    page = guide_pages["protocole"]
    services.save_revision(
        page,
        {**page.live_content(), "body": "Un texte de brouillon sur la vaccination."},
        by=staff,
        base_revision=page.latest_revision.number,
    )
    assert titles(search_pages(staff, "vaccination")) == []
    assert titles(search_pages(staff, "reunions")) == ["Écrire un protocole"]

    services.publish(page, by=staff)
    assert titles(search_pages(staff, "vaccination")) == ["Écrire un protocole"]
    services.archive(page, by=staff)
    assert titles(search_pages(staff, "vaccination")) == []

    draft = services.create_page(title="Vaccination des adultes", body="Texte.", by=staff)
    assert draft.pk and titles(search_pages(staff, "vaccination")) == []


def test_stop_words_only_find_nothing(guide_pages, staff):
    assert query_terms("de la et") == []
    assert list(search_pages(staff, "de la et")) == []
    assert list(search_pages(staff, "   ")) == []


def test_autocomplete_matches_word_starts_without_accents(guide_pages, professional):
    assert titles(suggest_titles(professional, "equi")) == ESP
    assert titles(suggest_titles(professional, "ecri prot")) == ["Écrire un protocole"]
    assert titles(suggest_titles(professional, "quipe")) == []


def test_autocomplete_respects_the_audience(guide_pages, professional, member):
    assert titles(suggest_titles(AnonymousUser(), "fiche")) == []
    assert titles(suggest_titles(professional, "fiche")) == []
    assert titles(suggest_titles(member, "fiche")) == ["Fiche de poste du coordinateur"]
    assert titles(suggest_titles(AnonymousUser(), "outils")) == []


def test_did_you_mean_offers_a_close_word_that_finds_pages(guide_pages, staff):
    assert list(search_pages(staff, "protocle")) == []
    assert did_you_mean(staff, "protocle") == "protocole"
    assert did_you_mean(staff, "xqzwv") == ""


def test_did_you_mean_never_reveals_a_members_only_word(guide_pages, member):
    assert did_you_mean(member, "coordinatuer") == "coordinateur"
    assert did_you_mean(AnonymousUser(), "coordinatuer") == ""


def test_excerpt_marks_matching_words_around_the_first_match():
    text = " ".join(["mot"] * 50) + " Le protocole d'équipe <script> " + " ".join(["fin"] * 50)
    wanted = set(query_terms("protocoles equipe"))
    html = str(excerpt(text, wanted, words=20))
    assert "<mark>protocole</mark>" in html
    assert "<mark>équipe</mark>" in html
    assert "&lt;script&gt;" in html
    assert html.startswith("… ") and html.endswith(" …")


def test_did_you_mean_follows_newly_published_pages(guide_pages, staff):
    assert did_you_mean(staff, "vacinnation") == ""
    published("La vaccination", "Texte.", by=staff)
    assert did_you_mean(staff, "vacinnation") == "vaccination"
