"""Factories of the national cooperation protocols' tests."""

import datetime

import factory

from protocols.cooperation.models import CooperationDeclaration, MonthlyActivity, NationalProtocol
from protocols.cooperation.models.declarations import DeclarationStatus, ParticipantRole
from structures.enums import Stage, StructureKind
from tests.factories import MembershipFactory, StructureFactory, UserFactory, profession


def national(code: str) -> NationalProtocol:
    return NationalProtocol.objects.get(code=code)


def msp_with_aci(signed_on=datetime.date(2020, 1, 6), **kwargs):
    return StructureFactory(
        kind=StructureKind.MSP, stage=Stage.MSP_ACI, aci_signed_on=signed_on, **kwargs
    )


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationDeclaration

    structure = factory.SubFactory(StructureFactory)
    protocol = factory.LazyFunction(lambda: national("lombalgie"))
    status = DeclarationStatus.ACTIVE
    declared_on = datetime.date(2024, 1, 15)
    ds_number = "12345678"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonthlyActivity

    declaration = factory.SubFactory(DeclarationFactory)
    month = datetime.date(2025, 3, 1)
    inclusions = 10
    reevaluations = 6


def physiotherapist(structure, **kwargs):
    return MembershipFactory(structure=structure, user__profession=profession("70"), **kwargs).user


def gp(structure, **kwargs):
    return MembershipFactory(structure=structure, user__gp=True, **kwargs).user


def add_team(declaration, *, by):
    """A GP délégant and a trained physiotherapist délégué, added directly."""
    structure = declaration.structure
    declaration.participants.create(user=gp(structure), role=ParticipantRole.DELEGANT)
    declaration.participants.create(
        user=physiotherapist(structure),
        role=ParticipantRole.DELEGATE,
        training_date=datetime.date(2023, 6, 1),
        training_hours=10,
    )


__all__ = ["UserFactory"]
