"""Issue 19, finding 17 (concurrent saves): two saves of a protocol from the
same version were both accepted on PostgreSQL — each form checked the version
before either wrote. The save now locks the protocol's row and checks the
version again inside the transaction: the second is refused with the French
stale-version message and changes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from protocols.coordination.forms.protocols import ProtocolForm, step_formset
from protocols.coordination.models import Protocol
from protocols.coordination.models.querysets import ProtocolQuerySet
from protocols.coordination.views import protocols as views
from tests.protocols.coordination.factories import protocol_with_steps

pytestmark = pytest.mark.django_db


def _bound(protocol, title: str):
    step = protocol.steps.get()
    data = {
        "title": title,
        "theme": protocol.theme,
        "problem": protocol.problem,
        "base_revision": "1",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "1",
        "steps-0-id": str(step.pk),
        "steps-0-who": step.who,
        "steps-0-what": step.what,
        "steps-0-ORDER": "1",
    }
    form = ProtocolForm(
        data, instance=protocol, structure=protocol.structure, may_name_authors=True
    )
    formset = step_formset()(data, instance=protocol, prefix="steps")
    return form, formset


def test_the_second_of_two_saves_from_the_same_version_is_refused(
    structure, coordinator, monkeypatch
):
    protocol = protocol_with_steps(1, structure=structure, title="Chutes")
    protocol.save_revision(by=coordinator, comment="Création")
    request = RequestFactory().post("/")
    request.user = coordinator
    # Both pages started from version 1; both forms are valid (checked before saving).
    first = _bound(Protocol.objects.get(pk=protocol.pk), "Chutes (premier)")
    second = _bound(Protocol.objects.get(pk=protocol.pk), "Chutes (second)")
    assert all(part.is_valid() for part in (*first, *second))
    locked = []
    original_lock = ProtocolQuerySet.lock
    monkeypatch.setattr(
        ProtocolQuerySet, "lock", lambda qs, pk: locked.append(pk) or original_lock(qs, pk)
    )

    views._save(request, *first, first[0].instance, created=False)
    with pytest.raises(ValidationError, match="modifié entre-temps \\(version 2"):
        views._save(request, *second, second[0].instance, created=False)

    assert locked == [protocol.pk, protocol.pk]
    protocol.refresh_from_db()
    assert protocol.title == "Chutes (premier)" and protocol.revisions.count() == 2


def test_the_page_says_so_when_the_save_is_refused(client_for, coordinator, structure, monkeypatch):
    protocol = protocol_with_steps(1, structure=structure, title="Chutes")
    protocol.save_revision(by=coordinator, comment="Création")
    step = protocol.steps.get()
    data = {
        "title": "Chutes (second)",
        "theme": protocol.theme,
        "problem": protocol.problem,
        "base_revision": "1",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "1",
        "steps-0-id": str(step.pk),
        "steps-0-who": step.who,
        "steps-0-what": step.what,
        "steps-0-ORDER": "1",
    }
    # The colleague's save lands between the form's check and the save (here in
    # the same transaction, rolled back with it: only the refusal is checked).
    original_lock = ProtocolQuerySet.lock

    def colleague_first(queryset, pk):
        other = Protocol.objects.get(pk=pk)
        other.title = "Chutes (premier)"
        other.save()
        other.save_revision(by=coordinator)
        return original_lock(queryset, pk)

    monkeypatch.setattr(ProtocolQuerySet, "lock", colleague_first)
    response = client_for(coordinator).post(f"/protocoles/{protocol.pk}/modifier/", data)
    assert response.status_code == 200
    assert "modifié entre-temps (version 2" in response.content.decode()
    protocol.refresh_from_db()
    assert protocol.title != "Chutes (second)"
