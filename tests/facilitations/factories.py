"""Factories of the facilitation workflow (requests, sessions, follow-ups)."""

import datetime

import factory
from django.utils import timezone

from facilitations.enums import Phase, SessionMode
from facilitations.models import (
    FacilitationRequest,
    FollowUpAction,
    Need,
    RequestMessage,
    Session,
)
from gecolib.models import EPCI
from tests.factories import FacilitationFactory, UserFactory


class FacilitationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FacilitationRequest
        skip_postgeneration_save = True

    requester = factory.SubFactory(UserFactory)
    project_name = factory.Sequence(lambda n: f"Projet d'ESP numéro {n}")
    epci = factory.LazyFunction(lambda: EPCI.objects.get(siren="200069391"))
    description = "Une équipe de cinq professionnels souhaite se coordonner."

    @factory.post_generation
    def needs(obj, create, extracted, **kwargs):
        if create:
            obj.needs.set(extracted or [Need.objects.get(code="creer-esp")])


class RequestMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequestMessage

    request = factory.SubFactory(FacilitationRequestFactory)
    author = factory.LazyAttribute(lambda o: o.request.requester)
    body = "Bonjour, pouvez-vous nous rappeler ?"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    facilitation = factory.SubFactory(FacilitationFactory)
    date = factory.LazyFunction(timezone.localdate)
    duration_minutes = 120
    mode = SessionMode.ON_SITE
    phase = Phase.DEFINITION
    shared_summary = "Synthèse partagée : l'équipe a choisi deux axes de travail."
    private_notes = "Note privée : tension entre deux associés à surveiller."


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    facilitation = factory.SubFactory(FacilitationFactory)
    title = factory.Sequence(lambda n: f"Action de suivi {n}")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))

    class Params:
        overdue = factory.Trait(
            due_date=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
        )
