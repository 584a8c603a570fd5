"""A person's own data: the export (JSON) and the closing of their account.

Export: the account's fields, then every record of the portal that points to
the account (memberships, requests, messages, assignments…), found through
the model relations — so the apps built later are exported without listing
them here. Secrets (password, second-factor keys, form tokens) are left out.

Closing an account (the right to erasure, within what the portal must keep):
the person's identity is erased from the account row (name, e-mail, phone,
RPPS, profession, territory), the account can no longer sign in, their
e-mail addresses and second-factor devices are deleted, and every link that
may be emptied is emptied — the versions they wrote become anonymous
(« compte supprimé »). The row itself stays, so the history of the teams
(requests, facilitations, minutes) keeps its shape without naming anyone.
Each app may refuse the closure or end what must be ended (memberships) with
`@register_account_closure` in its `personal_data` module: a function
`(user) -> None` raising ValidationError with a French message to refuse.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from .contact import ContactMessage
from .registry import AppRegistry

ClosureStep = Callable[[Any], None]
closure_steps: AppRegistry[ClosureStep] = AppRegistry("account closure")
register_account_closure = closure_steps.register

ACCOUNT_FIELDS = [
    "email",
    "first_name",
    "last_name",
    "profession",
    "specialty",
    "rpps",
    "phone",
    "epci",
    "facilitator_kind",
    "date_joined",
    "last_login",
]
# Records that hold secrets or nothing the person wrote: left out of the export.
SECRET_MODELS = {"mfa.authenticator", "gecolib.formsubmission", "usersessions.usersession"}
SECRET_FIELDS = {"token", "key", "secret", "data", "password", "user"}
EXPORT_LIMIT = 5000
"""At most this many records per kind in the export (a person has far fewer)."""


def _value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None  # the file's name, not its content
    if value is None or isinstance(value, str | int | float | bool | list | dict):
        return value
    return str(value)


def _record(obj: models.Model) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        if field.is_relation:
            related = getattr(obj, field.name)
            record[field.name] = str(related) if related is not None else None
        else:
            record[field.name] = _value(field.value_from_object(obj))
    return record


def _relations(user) -> list[models.ForeignObjectRel]:
    """The relations of other models to the account (one-to-one and foreign
    keys, those without a reverse name included: the authors of versions)."""
    return [
        relation
        for relation in user._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and not relation.concrete
        and (relation.one_to_many or relation.one_to_one)
        and not relation.related_model._meta.auto_created
        and relation.related_model._meta.label_lower not in SECRET_MODELS
    ]


def export_data(user) -> dict[str, Any]:
    """Everything the portal holds about `user`, as JSON-ready data."""
    account = {}
    for name in ACCOUNT_FIELDS:
        account[name] = _value(getattr(user, name))
    records: dict[str, list[dict[str, Any]]] = {}
    for relation in _relations(user):
        model = relation.related_model
        manager = model._default_manager
        rows = manager.filter(**{relation.field.name: user}).order_by("pk")[:EXPORT_LIMIT]
        exported = [_record(row) for row in rows]
        if exported:
            label = f"{model._meta.verbose_name_plural} ({relation.field.verbose_name})"
            records[str(label)] = exported
    return {
        "portail": "GECO Lib'",
        "exporte_le": timezone.now().isoformat(),
        "compte": account,
        "donnees_liees": records,
    }


def close_account(user) -> None:
    """Erase the person's identity and access; raise ValidationError (French
    messages) when an app refuses, nothing being changed then. Memberships and
    the like are ended by the apps' steps, before links are emptied."""
    if user.is_staff or user.is_superuser:
        raise ValidationError(
            _(
                "Un compte de l'équipe GECO Lib' se ferme par l'administration du portail : "
                "écrivez-nous par la page de contact."
            )
        )
    with transaction.atomic():
        for step in closure_steps:
            step(user)
        _delete_personal_records(user)
        for relation in _relations(user):
            field = relation.field
            if field.null and relation.on_delete is models.SET_NULL:
                relation.related_model._default_manager.filter(**{field.name: user}).update(
                    **{field.name: None}
                )
        user.email = f"compte-supprime-{user.pk}@invalid.gecolib.fr"
        user.first_name = _("Compte supprimé")
        user.last_name = ""
        user.profession = None
        user.specialty = ""
        user.rpps = ""
        user.phone = ""
        user.epci = None
        user.facilitator_kind = ""
        user.is_active = False
        user.set_unusable_password()  # every other open session ends too
        user.save()


def _delete_personal_records(user) -> None:
    """What only identifies the person: addresses, second factors, the
    messages they sent through the contact page (name and e-mail typed in)."""
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    ContactMessage.objects.filter(user=user).delete()
