"""Factories of the structures tests (structures and memberships come from
tests/factories.py, shared with the other apps)."""

import datetime
from importlib import import_module

import factory
from django.apps import apps
from django.utils import timezone

from structures.enums import CarpecReviewKind, MembershipRole
from structures.models import AciRule, CarpecReview, CarpecSession, Invitation
from tests.factories import MembershipFactory, StructureFactory, UserFactory

__all__ = [
    "CarpecReviewFactory",
    "CarpecSessionFactory",
    "InvitationFactory",
    "MembershipFactory",
    "StructureFactory",
    "UserFactory",
    "restore_aci_rules",
]


def restore_aci_rules() -> None:
    """The ACI rules loaded by migration (0009_load_aci_rules), put back when
    a transactional test of the same process flushed them."""
    if not AciRule.objects.exists():
        import_module("structures.migrations.0009_load_aci_rules").load(apps, None)


class CarpecSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CarpecSession
        django_get_or_create = ["date"]

    date = factory.Sequence(lambda n: timezone.localdate() + datetime.timedelta(days=30 + n))

    class Params:
        past = factory.Trait(
            date=factory.Sequence(lambda n: timezone.localdate() - datetime.timedelta(days=10 + n))
        )


class CarpecReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CarpecReview

    structure = factory.SubFactory(StructureFactory)
    session = factory.SubFactory(CarpecSessionFactory)
    kind = CarpecReviewKind.VALIDATION


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    structure = factory.SubFactory(StructureFactory)
    email = factory.Sequence(lambda n: f"invite{n}@exemple.fr")
    role = MembershipRole.MEMBER
