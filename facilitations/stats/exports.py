"""The list of the period's sessions, one row each, for the exports."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from structures.enums import StructureKind

from ..enums import Phase, SessionMode
from ..models import Session, SessionParticipation
from .period import Period
from .queries import epci_expression, epci_index
from .tables import DATE, DURATION, INT, TEXT

SESSION_COLUMNS = [
    (_lazy("Date"), DATE),
    (_lazy("Structure"), TEXT),
    (_lazy("Type de structure"), TEXT),
    (_lazy("Département"), TEXT),
    (_lazy("EPCI"), TEXT),
    (_lazy("Phase"), TEXT),
    (_lazy("Modalité"), TEXT),
    (_lazy("Durée (h)"), DURATION),
    (_lazy("Aides apportées"), TEXT),
    (_lazy("Participants"), INT),
    (_lazy("Synthèse partagée"), TEXT),
]
SESSION_KINDS = [kind for _label, kind in SESSION_COLUMNS]


def session_headers() -> list[str]:
    return [str(label) for label, _kind in SESSION_COLUMNS]


def session_rows(period: Period) -> Iterator[list]:
    """One row of raw values per session of the period, by date, streamed:
    three queries (sessions, their help types, EPCIs), each read in chunks so
    memory stays bounded. Private notes are never selected."""
    epcis = epci_index()
    kinds = dict(StructureKind.choices)
    phases = dict(Phase.choices)
    modes = dict(SessionMode.choices)
    unknown = _("Non renseigné")
    participants = (
        SessionParticipation.objects.filter(session=OuterRef("pk"))
        .values("session")
        .annotate(total=Sum("count"))
        .values("total")
    )
    sessions = (
        Session.objects.filter(date__gte=period.start, date__lte=period.end)
        .annotate(
            epci_ref=epci_expression("facilitation__structure"),
            participants=Coalesce(Subquery(participants), 0),
        )
        .order_by("date", "pk")
        .values_list(
            "pk",
            "date",
            "facilitation__structure__name",
            "facilitation__structure__kind",
            "epci_ref",
            "phase",
            "mode",
            "duration_minutes",
            "participants",
            "shared_summary",
        )
    )
    help_links = (
        Session.help_given.through.objects.filter(
            session__date__gte=period.start, session__date__lte=period.end
        )
        .order_by("session__date", "session_id", "helptype__position", "helptype__label")
        .values_list("session_id", "helptype__label")
        .iterator(chunk_size=2000)
    )
    # Both streams are in (date, session pk) order: merge them as they come.
    pending = next(help_links, None)
    for pk, date, name, kind, epci_ref, phase, mode, minutes, count, summary in sessions.iterator(
        chunk_size=2000
    ):
        labels = []
        while pending is not None and pending[0] == pk:
            labels.append(pending[1])
            pending = next(help_links, None)
        epci_name, department = epcis.get(epci_ref, (unknown, unknown))
        yield [
            date,
            name,
            str(kinds.get(kind, kind)),
            department,
            epci_name,
            str(phases.get(phase, phase)),
            str(modes.get(mode, mode)),
            minutes,
            ", ".join(labels),
            count,
            summary,
        ]
