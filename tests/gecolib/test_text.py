"""French elision before names and French collation (gecolib.text)."""

import pytest
from django.core import mail
from django.template import Context, Template

from gecolib.forms import ProfileForm
from gecolib.models import Profession
from gecolib.text import de, elide, fold, french_sort_key, la, le, sorted_french, with_article
from tests.factories import StructureFactory, UserFactory


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ESP de Plérin", "de l'ESP de Plérin"),
        ("ESP CLAP du Layon", "de l'ESP CLAP du Layon"),
        ("MSP du Trégor", "de la MSP du Trégor"),
        ("CPTS Rance-Émeraude", "de la CPTS Rance-Émeraude"),
        ("Anne Guillou", "d'Anne Guillou"),
        ("Équipe de santé de Plérin", "d'Équipe de santé de Plérin"),
        ("équipe de santé", "d'équipe de santé"),
        ("Yves Le Gall", "d'Yves Le Gall"),
        ("Hervé Morvan", "d'Hervé Morvan"),
        ("Œuvre commune", "d'Œuvre commune"),
        ("Paul Martin", "de Paul Martin"),
        ("Hameau de Kerlouan", "de Hameau de Kerlouan"),
        ("Maison de santé de Loudéac", "de Maison de santé de Loudéac"),
        ("l'Hermine", "de l'Hermine"),
        ("ESPACE Santé", "d'ESPACE Santé"),
        ("2 rives", "de 2 rives"),
        ("", "de "),
    ],
)
def test_de_elides_before_a_vowel_and_gives_kinds_their_article(name, expected):
    assert de(name) == expected


def test_le_and_la_elide_before_a_vowel_or_mute_h():
    assert le("ESP") == "l'ESP"
    assert le("hôpital") == "l'hôpital"
    assert le("hameau") == "le hameau"
    assert le("rôle") == "le rôle"
    assert la("Équipe") == "l'Équipe"
    assert la("MSP") == "la MSP"
    assert elide("que", "Anne") == "qu'Anne"


def test_with_article_only_for_kind_acronyms():
    assert with_article("ESP de Plérin") == "l'ESP de Plérin"
    assert with_article("MSP") == "la MSP"
    assert with_article("ESPERANCE") == "ESPERANCE"
    assert with_article("Équipe de santé de Plérin") == "Équipe de santé de Plérin"


def test_template_filters():
    template = Template(
        "{% load french_text %}{{ a|de }} / {{ b|de }} / {{ c|le }} / {{ a|with_article }}"
    )
    rendered = template.render(
        Context({"a": "ESP de Plérin", "b": "Équipe de santé de Plérin", "c": "ESP"})
    )
    # Autoescaped apostrophes: the filters return text, the template escapes it.
    assert rendered == (
        "de l&#x27;ESP de Plérin / d&#x27;Équipe de santé de Plérin / "
        "l&#x27;ESP / l&#x27;ESP de Plérin"
    )


def test_fold_removes_accents_case_and_ligatures():
    assert fold("Épithésiste") == "epithesiste"
    assert fold("Œil") == "oeil"
    assert fold("Cœur") == "coeur"


def test_professions_sorted_the_french_way():
    professions = ["Orthophoniste", "Épithésiste", "Ergothérapeute", "Diététicien", "Infirmier"]
    assert sorted_french(professions) == [
        "Diététicien",
        "Épithésiste",
        "Ergothérapeute",
        "Infirmier",
        "Orthophoniste",
    ]
    # A byte-wise sort puts the accented initial last: the bug this avoids.
    assert sorted(professions)[-1] == "Épithésiste"


def test_sort_key_is_total_accents_break_ties():
    assert sorted_french(["côte", "Cote", "cote"]) == ["Cote", "cote", "côte"]
    assert french_sort_key("élan") < french_sort_key("Elle")


def test_sorted_french_with_key():
    class P:
        def __init__(self, name):
            self.name = name

    items = [P("Zoé"), P("Émile"), P("Alain")]
    assert [p.name for p in sorted_french(items, key=lambda p: p.name)] == [
        "Alain",
        "Émile",
        "Zoé",
    ]
    template = Template(
        "{% load french_text %}{% for p in items|sorted_french:'name' %}{{ p.name }},{% endfor %}"
    )
    assert template.render(Context({"items": items})) == "Alain,Émile,Zoé,"


@pytest.mark.django_db
def test_profession_select_lists_professions_the_french_way():
    Profession.objects.get_or_create(code="9901", defaults={"name": "Épithésiste", "category": ""})
    labels = [str(label) for value, label in ProfileForm().fields["profession"].choices if value]
    assert labels == sorted_french(labels)
    assert labels.index("Épithésiste") < labels.index("Infirmier")


@pytest.mark.django_db
def test_emails_are_plain_text_with_the_article_of_the_kind(django_capture_on_commit_callbacks):
    structure = StructureFactory(name="ESP d'Arradon")
    coordinator = UserFactory(first_name="Anne", last_name="L'Hostis")
    with django_capture_on_commit_callbacks(execute=True):
        structure.invite("nouvelle@exemple.fr", "membre", by=coordinator)
    message = mail.outbox[-1]
    # No HTML escaping in a plain-text e-mail, and « l' » before the ESP.
    assert message.subject.endswith("Invitation à rejoindre l'ESP d'Arradon")
    assert "Anne L'Hostis vous invite à rejoindre « ESP d'Arradon »" in message.body
    assert "&#x27;" not in message.subject + message.body
