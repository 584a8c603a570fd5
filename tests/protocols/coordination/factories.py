"""Factories of coordination protocols."""

import datetime

import factory
from django.utils import timezone

from protocols.coordination.enums import ProtocolStatus, ProtocolTheme
from protocols.coordination.models import (
    DesignMeeting,
    Indicator,
    IndicatorValue,
    Protocol,
    ProtocolStep,
)
from tests.factories import StructureFactory


class ProtocolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Protocol

    structure = factory.SubFactory(StructureFactory)
    title = factory.Sequence(lambda n: f"Prévention des chutes n° {n}")
    theme = ProtocolTheme.FALLS
    problem = "Des chutes répétées de personnes âgées vivant seules."
    inclusion_criteria = "Personnes de plus de 75 ans vivant à domicile."

    class Params:
        validated = factory.Trait(
            status=ProtocolStatus.VALIDATED,
            validated_on=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=10)
            ),
            review_date=factory.LazyFunction(
                lambda: timezone.localdate() + datetime.timedelta(days=355)
            ),
        )
        in_use = factory.Trait(
            status=ProtocolStatus.IN_USE,
            validated_on=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=100)
            ),
            review_date=factory.LazyFunction(
                lambda: timezone.localdate() + datetime.timedelta(days=265)
            ),
        )
        shared_with_network = factory.Trait(
            status=ProtocolStatus.VALIDATED,
            validated_on=factory.LazyFunction(timezone.localdate),
            review_date=factory.LazyFunction(
                lambda: timezone.localdate() + datetime.timedelta(days=365)
            ),
            shared=True,
            shared_at=factory.LazyFunction(timezone.now),
        )


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProtocolStep

    protocol = factory.SubFactory(ProtocolFactory)
    position = factory.Sequence(lambda n: n + 1)
    who = "Infirmier"
    what = "Repérer le risque de chute (test d'équilibre)."
    when = "À la première visite"
    how = "Grille de repérage"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    protocol = factory.SubFactory(ProtocolFactory)
    name = "Patients inclus"
    target = "30 par an"
    measure = "Compte trimestriel"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=30 * n))
    value = factory.Sequence(lambda n: 5 + n)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DesignMeeting

    protocol = factory.SubFactory(ProtocolFactory)
    date = datetime.date(2025, 3, 1)
    duration_minutes = 120
    participants = "2 médecins, 2 infirmières"


def protocol_with_steps(n: int = 3, **kwargs) -> Protocol:
    protocol = ProtocolFactory(**kwargs)
    for position in range(1, n + 1):
        StepFactory(protocol=protocol, position=position, who=f"Profession {position}")
    return protocol
