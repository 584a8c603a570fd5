import datetime

import factory
from django.utils import timezone

from protocols.rcp.enums import ItemKind, Mode, Purpose
from protocols.rcp.models import AgendaItem, Decision, Meeting
from tests.factories import StructureFactory, UserFactory


def in_days(days: int, hour: int = 12, minute: int = 30) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    structure = factory.SubFactory(StructureFactory)
    title = factory.Sequence(lambda n: f"RCP mensuelle {n}")
    purpose = Purpose.COMPLEX
    starts_at = factory.LazyFunction(lambda: in_days(10))
    duration_minutes = 90
    mode = Mode.IN_PERSON
    place = "Salle de réunion de la maison de santé"

    @factory.post_generation
    def invite(obj, create, extracted, **kwargs):
        if create:
            obj.sync_invitees()

    class Params:
        past = factory.Trait(starts_at=factory.LazyFunction(lambda: in_days(-5)))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    kind = ItemKind.CASE
    title = "Patiente de 80 ans, chutes répétées à domicile"
    description = "Vit seule, trois chutes en deux mois, refuse le portage des repas."
    planned_minutes = 20


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory, past=True)
    text = "Proposer une évaluation ergothérapique du domicile"
    owner = factory.SubFactory(UserFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
