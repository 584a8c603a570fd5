"""The shared revisions (gecolib.revisions), exercised through the charter: a
family without an owner row. The health project (a family with an owner) is
covered in tests/structures/test_health_project_models.py."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.query import QuerySet
from django.urls import reverse

from gecolib import revisions
from gecolib.models import Charter
from gecolib.revisions import (
    RevisionPages,
    field_as_text,
    parse_number,
    restore_revision,
    revisions_to_compare,
    save_revision,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def empty_family(db):
    # The first charter comes from a data migration; nobody accepted it in these tests.
    Charter.objects.all().delete()
    return Charter.objects


def publish(text: str, by=None, comment: str = "") -> Charter:
    return Charter.save_revision(title="Charte", text=text, by=by, comment=comment)


def test_numbers_start_at_one_and_follow(empty_family, staff):
    first = publish("Un.", by=staff, comment="  Première  ")
    second = publish("Deux.", by=staff)
    assert (first.number, second.number) == (1, 2)
    assert first.author == staff and first.comment == "Première"
    assert first.content == {"title": "Charte", "text": "Un."}
    assert first.created_at <= second.created_at
    assert Charter.current() == second


def test_number_is_allocated_under_a_lock_taken_first(staff):
    """Without an owner row, the family's existing revisions are locked
    (SELECT … FOR UPDATE) before max + 1 is read."""
    events = []
    real_lock, real_next = QuerySet.select_for_update, revisions.next_number

    def lock(self, *args, **kwargs):
        events.append(("lock", self.model))
        return real_lock(self, *args, **kwargs)

    def next_number(family):
        events.append(("number", family.model))
        return real_next(family)

    with (
        mock.patch.object(QuerySet, "select_for_update", lock),
        mock.patch.object(revisions, "next_number", next_number),
    ):
        publish("Nouveau texte.", by=staff)
    assert events == [("lock", Charter), ("number", Charter)]


def test_a_lost_race_for_a_number_is_a_clear_error(staff):
    current = Charter.current()
    with mock.patch.object(revisions, "next_number", return_value=current.number):
        with pytest.raises(ValidationError, match="Une autre version vient d'être enregistrée"):
            publish("Texte concurrent.", by=staff)
    assert Charter.current() == current


def test_the_unique_constraint_holds_the_numbers(staff):
    current = Charter.current()
    with pytest.raises(IntegrityError), transaction.atomic():
        Charter.objects.create(number=current.number, content={"title": "X", "text": "Y"})


def test_frozen_revision_can_neither_change_nor_go(empty_family, staff):
    charter = publish("Figé.", by=staff)
    Charter.objects.filter(pk=charter.pk).update(frozen=True)
    charter.refresh_from_db()
    charter.comment = "retouche"
    with pytest.raises(ValidationError, match="figée"):
        charter.save()
    # Un-freezing in memory is no way around it.
    charter.frozen = False
    with pytest.raises(ValidationError, match="figée"):
        charter.save()
    with pytest.raises(ValidationError, match="figée"):
        charter.delete()
    charter.refresh_from_db()
    assert charter.comment == "" and charter.frozen


def test_a_revision_that_is_not_frozen_may_be_saved(empty_family, staff):
    charter = publish("Texte.", by=staff)
    charter.comment = "Précision"
    charter.save()
    charter.refresh_from_db()
    assert charter.comment == "Précision"


def test_restore_copies_an_old_content_into_a_new_revision(empty_family, staff):
    first = publish("Version A", by=staff)
    publish("Version B", by=staff)
    restored = restore_revision(Charter.objects, first, by=staff)
    assert restored.number == 3
    assert restored.restored_from == first
    assert restored.content == first.content
    assert restored.comment == "Restauration de la version 1"
    assert restored.author == staff
    # History is untouched.
    assert list(Charter.objects.values_list("number", flat=True)) == [3, 2, 1]
    assert Charter.objects.get(number=2).text == "Version B"


def test_restore_keeps_a_given_comment(empty_family, staff):
    first = publish("Version A", by=staff)
    publish("Version B", by=staff)
    restored = Charter.restore(first, by=staff, comment="Retour au texte initial")
    assert restored.comment == "Retour au texte initial"


def test_the_restored_note_is_not_said_twice(client, empty_family, staff):
    """« Restauration de la version 1 (restaurée depuis la version 1) » said
    the same thing twice: the note shows only after a comment of one's own."""
    first = publish("Version A", by=staff)
    publish("Version B", by=staff)
    default = restore_revision(Charter.objects, first, by=staff)
    publish("Version C", by=staff)
    own = Charter.restore(first, by=staff, comment="Retour au texte initial")
    assert not default.restored_note_needed and own.restored_note_needed
    client.force_login(staff)
    html = client.get(reverse("charter_versions")).content.decode()
    assert html.count("restaurée depuis la version 1") == 1
    assert "Restauration de la version 1" in html


def test_restoring_the_current_content_is_refused(empty_family, staff):
    first = publish("Version A", by=staff)
    second = publish("Version B", by=staff)
    third = publish("Version A", by=staff)
    with pytest.raises(ValidationError, match="rien à restaurer"):
        Charter.restore(third, by=staff)
    # An older revision with the same text as the current one is refused too.
    with pytest.raises(ValidationError, match="rien à restaurer"):
        Charter.restore(first, by=staff)
    assert Charter.restore(second, by=staff).number == 4


def test_save_revision_passes_extra_fields_to_the_model(empty_family, staff):
    charter = save_revision(
        Charter.objects, {"title": "T", "text": "X"}, by=staff, comment="c", frozen=True
    )
    assert charter.frozen and charter.number == 1


@pytest.mark.parametrize(
    ("value", "expected"), [("3", 3), ("0", None), ("-1", None), ("x", None), (None, None)]
)
def test_parse_number(value, expected):
    assert parse_number(value) == expected


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        (None, "1", "Choisissez deux versions à comparer."),
        ("1", "1", "Choisissez deux versions différentes à comparer."),
        ("1", "9", "La version 9 n'existe pas."),
    ],
)
def test_revisions_to_compare_refuses_bad_input(staff, a, b, message):
    publish("Deux.", by=staff)
    with pytest.raises(ValidationError) as error:
        revisions_to_compare(Charter.objects, a, b)
    assert error.value.messages == [message]


def test_revisions_to_compare_orders_old_then_new(staff):
    publish("Deux.", by=staff)
    old, new = revisions_to_compare(Charter.objects, "2", "1")
    assert (old.number, new.number) == (1, 2)


def test_revision_pages_build_the_links_of_each_row(empty_family, staff):
    first, second = publish("Un.", by=staff), publish("Deux.", by=staff)
    pages = RevisionPages(
        view="charter_version",
        compare="charter_compare",
        restore="charter_restore",
        links=(("Lire", "charter_version"),),
    )
    rows = pages.rows([second, first], current=2)
    assert pages.compare_url() == reverse("charter_compare")
    assert [(r.url, r.restore_url, r.is_current) for r in rows] == [
        (reverse("charter_version", args=[2]), reverse("charter_restore", args=[2]), True),
        (reverse("charter_version", args=[1]), reverse("charter_restore", args=[1]), False),
    ]
    assert rows[1].links == [("Lire", reverse("charter_version", args=[1]))]


def test_reference_data_fields_are_kept_as_the_same_texts():
    """An unchanged record gives an unchanged content (FieldRevisionsMixin):
    « 7.00 » whether typed 7 or loaded, ISO dates, « oui »/« non », "" for none."""
    assert [
        field_as_text(value)
        for value in (Decimal("7"), Decimal("7.0"), datetime.date(2017, 4, 20), True, None, 8)
    ] == ["7.00", "7.00", "2017-04-20", "oui", "", "8"]
