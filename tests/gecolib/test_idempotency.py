"""One-time tokens of the forms that create (gecolib/idempotency.py): the first
POST of a token creates, a replay creates nothing and goes where the first one
went; a failed creation frees the token; a missing token is refused."""

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from gecolib.idempotency import (
    TOKEN_FIELD,
    OneTimeTokenMixin,
    new_token,
    replay_if_submitted,
    submit_once,
)
from gecolib.models import FormSubmission
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class NoteForm(OneTimeTokenMixin, forms.Form):
    text = forms.CharField()


def _request(user, data):
    request = RequestFactory().post("/notes/", data)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_the_form_renders_a_fresh_hidden_token():
    first, second = NoteForm(), NoteForm()
    assert 'type="hidden"' in str(first[TOKEN_FIELD])
    assert first[TOKEN_FIELD].value() != second[TOKEN_FIELD].value()


@pytest.mark.parametrize("token", [None, "", "court", "<script>" * 5])
def test_a_missing_or_malformed_token_is_refused_in_french(token):
    data = {"text": "Bonjour"}
    if token is not None:
        data[TOKEN_FIELD] = token
    form = NoteForm(data)
    assert not form.is_valid()
    assert TOKEN_FIELD not in form.errors  # shown at the top of the form
    assert "rechargez la page" in form.non_field_errors()[0]


def test_a_replay_creates_nothing_and_goes_where_the_first_went():
    user = UserFactory()
    data = {"text": "Bonjour", TOKEN_FIELD: new_token()}
    created = []

    def create():
        created.append(1)
        return f"/notes/{len(created)}/"

    for _ in range(4):
        request = _request(user, data)
        form = NoteForm(data)
        assert form.is_valid()
        response = submit_once(request, form, create)
        assert response["Location"] == "/notes/1/"
    assert created == [1]
    assert FormSubmission.objects.get().result_url == "/notes/1/"
    assert replay_if_submitted(_request(user, data))["Location"] == "/notes/1/"


def test_a_failed_creation_frees_the_token():
    user = UserFactory()
    data = {"text": "Bonjour", TOKEN_FIELD: new_token()}

    def fail():
        raise ValidationError("Refusé")

    form = NoteForm(data)
    assert form.is_valid()
    with pytest.raises(ValidationError):
        submit_once(_request(user, data), form, fail)
    assert not FormSubmission.objects.exists()
    response = submit_once(_request(user, data), form, lambda: "/notes/1/")
    assert response["Location"] == "/notes/1/"


def test_someone_else_s_token_leads_to_nothing_of_theirs():
    owner, other = UserFactory(), UserFactory()
    data = {"text": "Bonjour", TOKEN_FIELD: new_token()}
    form = NoteForm(data)
    assert form.is_valid()
    submit_once(_request(owner, data), form, lambda: "/notes/secret/")
    response = submit_once(_request(other, data), form, lambda: "/notes/2/")
    assert response["Location"] == "/notes/"
    assert replay_if_submitted(_request(other, data)) is None
