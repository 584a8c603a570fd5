"""Factories for the statistics tests: requests, sessions and participations,
with explicit dates so that expected figures can be computed by hand."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from facilitations.enums import FacilitationStatus, Phase, RequestStatus, SessionMode
from facilitations.models import (
    FacilitationRequest,
    HelpType,
    Need,
    Session,
    SessionParticipation,
)
from gecolib.models import EPCI, Commune, Profession
from structures.enums import StructureKind
from tests.factories import FacilitationFactory, StructureFactory, UserFactory


def at_noon(year: int, month: int, day: int) -> dt.datetime:
    """An aware datetime at noon, Paris time: far from midnight, so the
    local date is the one written."""
    return timezone.make_aware(dt.datetime(year, month, day, 12, 0))


def need(code: str) -> Need:
    return Need.objects.get(code=code)


def help_type(code: str) -> HelpType:
    return HelpType.objects.get(code=code)


class FacilitationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FacilitationRequest
        skip_postgeneration_save = True

    requester = factory.SubFactory(UserFactory)
    project_name = factory.Sequence(lambda n: f"Projet de test {n}")
    epci = factory.LazyFunction(lambda: EPCI.objects.get(siren="200069391"))
    description = "Nous souhaitons être accompagnés."
    status = RequestStatus.ACCEPTED
    created_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def needs(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.needs.set([need(code) for code in extracted])


class StatsSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    facilitation = factory.SubFactory(FacilitationFactory)
    date = factory.LazyFunction(timezone.localdate)
    duration_minutes = 90
    mode = SessionMode.ON_SITE
    phase = Phase.DEFINITION
    shared_summary = "Synthèse partagée avec l'équipe."

    @factory.post_generation
    def help_given(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.help_given.set([help_type(code) for code in extracted])

    @factory.post_generation
    def participants(obj, create, extracted, **kwargs):
        """participants={"10": 2, "60": 1}: ANS profession code → head count."""
        if create and extracted:
            for code, count in extracted.items():
                SessionParticipation.objects.create(
                    session=obj, profession=Profession.objects.get(code=code), count=count
                )


PRIVATE_NOTE = "NOTE-PRIVEE-DU-BINOME-7f3a"


def build_reference_dataset() -> dict:
    """The small dataset whose figures the tests check by hand.

    Structures (EPCI rule: first EPCI by name, else the head office's commune):
      S1 « ESP des Abers »      ESP,  EPCIs [CA Lamballe Terre et Mer (22)]        → Lamballe, 22
      S2 « MSP de Bréal »       MSP,  EPCIs [Rennes Métropole (35),
                                             CA Dinan Agglomération (22)]           → Dinan, 22
      S3 « CPTS du Pays de Vitré » CPTS, no EPCI, commune Vitré (CA Vitré Communauté) → Vitré, 35

    Facilitations (opened → closed; request filed on; needs):
      F1  S1  2025-02-10 → 2025-11-05   R1 2025-01-20  [creer-esp, projet-de-sante]
      F2  S2  2025-05-15 → (en cours)   R2 2025-04-01  [projet-de-sante]
      F3  S3  2024-10-01 → (en cours)   no request
      F4  S1  2023-03-01 → 2024-06-30   R4 2023-02-01  [rcp]
      F5  S2  2026-01-10 → (en cours)   no request

    Sessions (date, minutes, phase, help types, participants by profession):
      F1  2025-03-03   90  définition  [definition-projet, animation-groupe]  {10: 2, 60: 3}
      F1  2025-06-16  120  mesure      [animation-groupe]                     {10: 1}
      F2  2025-05-26   60  définition  [appui-juridique]                      {70: 4}  (visio)
      F3  2024-11-12   45  définition  []                                     {}
      F3  2025-09-09   30  suivi       []                                     {}
      F4  2023-03-20   60  définition  []                                     {}

    Other requests: R6 déclinée 2025-07-01, R7 déposée 2025-12-01,
    R8 orientée 2024-12-31 23:30 Paris time (still 2024 in Paris, 2024-12-31 22:30 UTC).

    Hand-computed for 2025:
      followed F1, F2, F3 = 3; opened F1 (T1), F2 (T2) = 2; closed F1 (T4) = 1
      departments 22: 2 (F1, F2), 35: 1 (F3); EPCIs Dinan 1, Lamballe 1, Vitré 1
      needs: creer-esp 1, projet-de-sante 2, Sans demande 1; kinds ESP 1, MSP 1, CPTS 1
      hours by phase: définition 90+60 = 150 min = 2,5 h (2 sessions), mesure 2 h (1),
        suivi 0,5 h (1); total 4 sessions, 300 min = 5 h; participants 2+3+1+4 = 10
      hours by help: définition du projet 1,5 h, animation de groupe 90+120 = 3,5 h,
        appui juridique 1 h
      delays: F1 2025-01-20 → 2025-03-03 = 11 + 31 = 42 days; F2 2025-04-01 → 2025-05-26
        = 30 + 25 = 55 days; median (42 + 55) / 2 = 48,5
      requests filed: acceptée 2 (R1, R2), déclinée 1, déposée 1 = 4 (R8 is 2024)
    """
    lamballe = EPCI.objects.get(siren="200069391")
    dinan = EPCI.objects.get(siren="200068989")
    rennes = EPCI.objects.get(siren="243500139")
    s1 = StructureFactory(name="ESP des Abers", kind=StructureKind.ESP, epcis=[lamballe])
    s2 = StructureFactory(name="MSP de Bréal", kind=StructureKind.MSP, epcis=[rennes, dinan])
    s3 = StructureFactory(
        name="CPTS du Pays de Vitré",
        kind=StructureKind.CPTS,
        stage="cpts_2_redaction",
        commune=Commune.objects.get(insee="35360"),
    )
    s3.epcis.clear()

    r1 = FacilitationRequestFactory(
        structure=s1, created_at=at_noon(2025, 1, 20), needs=["creer-esp", "projet-de-sante"]
    )
    r2 = FacilitationRequestFactory(
        structure=s2, created_at=at_noon(2025, 4, 1), needs=["projet-de-sante"]
    )
    r4 = FacilitationRequestFactory(structure=s1, created_at=at_noon(2023, 2, 1), needs=["rcp"])
    FacilitationRequestFactory(
        status=RequestStatus.DECLINED, created_at=at_noon(2025, 7, 1), needs=["prevention"]
    )
    FacilitationRequestFactory(
        status=RequestStatus.SUBMITTED, created_at=at_noon(2025, 12, 1), needs=["autre"]
    )
    FacilitationRequestFactory(
        status=RequestStatus.REDIRECTED,
        created_at=timezone.make_aware(dt.datetime(2024, 12, 31, 23, 30)),
        needs=["creer-msp"],
    )

    f1 = FacilitationFactory(
        structure=s1,
        request=r1,
        opened_at=at_noon(2025, 2, 10),
        status=FacilitationStatus.DONE,
        closed_at=at_noon(2025, 11, 5),
    )
    f2 = FacilitationFactory(structure=s2, request=r2, opened_at=at_noon(2025, 5, 15))
    f3 = FacilitationFactory(structure=s3, opened_at=at_noon(2024, 10, 1))
    f4 = FacilitationFactory(
        structure=s1,
        request=r4,
        opened_at=at_noon(2023, 3, 1),
        status=FacilitationStatus.DONE,
        closed_at=at_noon(2024, 6, 30),
    )
    f5 = FacilitationFactory(structure=s2, opened_at=at_noon(2026, 1, 10))

    sessions = [
        StatsSessionFactory(
            facilitation=f1,
            date=dt.date(2025, 3, 3),
            duration_minutes=90,
            phase=Phase.DEFINITION,
            help_given=["definition-projet", "animation-groupe"],
            participants={"10": 2, "60": 3},
            shared_summary="Diagnostic partagé ; première réunion de l'équipe.",
            private_notes=PRIVATE_NOTE,
        ),
        StatsSessionFactory(
            facilitation=f1,
            date=dt.date(2025, 6, 16),
            duration_minutes=120,
            phase=Phase.MEASURE,
            help_given=["animation-groupe"],
            participants={"10": 1},
            private_notes=PRIVATE_NOTE,
        ),
        StatsSessionFactory(
            facilitation=f2,
            date=dt.date(2025, 5, 26),
            duration_minutes=60,
            phase=Phase.DEFINITION,
            mode=SessionMode.VIDEO,
            help_given=["appui-juridique"],
            participants={"70": 4},
            shared_summary="Statuts de la SISA relus.",
            private_notes=PRIVATE_NOTE,
        ),
        StatsSessionFactory(
            facilitation=f3, date=dt.date(2024, 11, 12), duration_minutes=45, phase=Phase.DEFINITION
        ),
        StatsSessionFactory(
            facilitation=f3, date=dt.date(2025, 9, 9), duration_minutes=30, phase=Phase.FOLLOW_UP
        ),
        StatsSessionFactory(
            facilitation=f4, date=dt.date(2023, 3, 20), duration_minutes=60, phase=Phase.DEFINITION
        ),
    ]
    return {
        "structures": (s1, s2, s3),
        "facilitations": (f1, f2, f3, f4, f5),
        "sessions": sessions,
    }
