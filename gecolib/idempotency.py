"""One-time tokens for the forms that create something.

A form that creates (a request, a message, a session, an invitation…) mixes in
`OneTimeTokenMixin`: rendering it adds a hidden random token. The view then
creates through `submit_once(request, form, create)`, which claims the token in
the same transaction as the creation (a unique row of `FormSubmission`): the
first POST creates and records where it led; a double click or a replay of the
same token creates nothing new, sends no second e-mail, and is redirected to
what the first one created. If the creation fails, the claim is rolled back
with it and the same form may be sent again. Views whose validation depends on what the
form creates call `replay_if_submitted(request)` first.

A POST without a token (or with a malformed one) is refused with a French
message and changes nothing.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import FormSubmission

TOKEN_FIELD = "submission_token"
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class OneTimeTokenMixin:
    """Adds the hidden one-time token to a (Model)Form that creates; a
    ModelForm bound to an existing object (an edit) gets none."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None:
            return
        self.fields[TOKEN_FIELD] = forms.CharField(
            widget=forms.HiddenInput,
            initial=new_token,
            error_messages={
                "required": _(
                    "Ce formulaire a expiré ou est incomplet : rechargez la page et recommencez."
                )
            },
        )

    def full_clean(self) -> None:
        # The token is hidden: say what is wrong at the top of the form.
        super().full_clean()
        if self._errors and TOKEN_FIELD in self._errors:
            self.add_error(None, self._errors.pop(TOKEN_FIELD).as_data())

    def clean_submission_token(self) -> str:
        token = self.cleaned_data[TOKEN_FIELD].strip()
        if not _TOKEN_RE.match(token):
            raise forms.ValidationError(
                _("Ce formulaire a expiré ou est incomplet : rechargez la page et recommencez.")
            )
        return token

    @property
    def submission_token(self) -> str:
        return self.cleaned_data[TOKEN_FIELD]


def submit_once(
    request: HttpRequest, form: OneTimeTokenMixin, create: Callable[[], str]
) -> HttpResponseRedirect:
    """Run `create` (which creates, notifies and returns the URL to go to) once
    per token of the valid `form`; a replay is redirected to that URL.

    Exceptions raised by `create` (a ValidationError, say) propagate after the
    claim is rolled back, for the view to handle as before."""
    token = form.submission_token
    user = request.user if request.user.is_authenticated else None
    with transaction.atomic():
        claim = _claim(token, user)
        if claim is not None:
            url = create()
            claim.result_url = url
            claim.save(update_fields=["result_url"])
            return HttpResponseRedirect(url)
    return replay(request, token, user)


def replay_if_submitted(request: HttpRequest, prefix: str = "") -> HttpResponseRedirect | None:
    """Before validating a POST: if its token already created something, the
    redirect to it (a form whose validation depends on what it creates — an
    invitation "already pending" — would otherwise show an error on a double
    click). None otherwise, and for a first POST."""
    if request.method != "POST":
        return None
    name = f"{prefix}-{TOKEN_FIELD}" if prefix else TOKEN_FIELD
    token = request.POST.get(name, "").strip()
    user = request.user if request.user.is_authenticated else None
    if not _TOKEN_RE.match(token):
        return None
    if not FormSubmission.objects.filter(token=token, user=user).exists():
        return None
    return replay(request, token, user)


def _claim(token: str, user) -> FormSubmission | None:
    try:
        with transaction.atomic():
            return FormSubmission.objects.create(token=token, user=user)
    except IntegrityError:
        return None


def replay(request: HttpRequest, token: str, user) -> HttpResponseRedirect:
    """The token was already used: back to what it created (for the same user)."""
    submission = FormSubmission.objects.filter(token=token, user=user).first()
    messages.info(
        request,
        gettext("Ce formulaire avait déjà été envoyé : rien n'a été enregistré une seconde fois."),
    )
    url = submission.result_url if submission and submission.result_url else None
    return HttpResponseRedirect(url or request.path)


class ActionForm(OneTimeTokenMixin, forms.Form):
    """A button that creates or sends, with no field of its own (restore a
    version, send an agenda): only the one-time token, which its template
    writes with `{% one_time_token %}` (gecolib/templatetags/one_time.py)."""


def act_once(
    request: HttpRequest, action: Callable[[], str], *, back: str, prefix: str | None = None
) -> HttpResponseRedirect:
    """The view of such a button: `action` (which acts and returns the URL to
    go to) runs once per token; without a valid token nothing is done and the
    user is sent `back` with the French reason."""
    form = ActionForm(request.POST, prefix=prefix)
    if not form.is_valid():
        for message in form.non_field_errors():
            messages.error(request, message)
        return HttpResponseRedirect(back)
    return submit_once(request, form, action)
