"""The list of the period's sessions, one row each, for the exports."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from structures.enums import StructureKind

from ..enums import Phase, SessionMode
from ..models import Session, SessionParticipation
from .period import Period
from .queries import epci_index, structure_epci_refs
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
    """One row of raw values per session of the period, by date, streamed.

    Five queries whatever the period's size: EPCIs, the EPCI of each
    structure with a session in the period (once per structure, not per
    session), then three streams in (date, session) order merged as they come
    — sessions, their help types, their participant totals — each read in
    chunks so memory stays bounded. Labels are translated once, not per row.
    Private notes are never selected."""
    epcis = epci_index()
    unknown = _("Non renseigné")
    kinds = {value: str(label) for value, label in StructureKind.choices}
    phases = {value: str(label) for value, label in Phase.choices}
    modes = {value: str(label) for value, label in SessionMode.choices}
    in_period = {"date__gte": period.start, "date__lte": period.end}
    structure_epcis = structure_epci_refs(
        Session.objects.filter(**in_period).values("facilitation__structure_id")
    )
    sessions = (
        Session.objects.filter(**in_period)
        .order_by("date", "pk")
        .values_list(
            "pk",
            "date",
            "facilitation__structure_id",
            "facilitation__structure__name",
            "facilitation__structure__kind",
            "phase",
            "mode",
            "duration_minutes",
            "shared_summary",
        )
        .iterator(chunk_size=2000)
    )
    help_links = (
        Session.help_given.through.objects.filter(
            session__date__gte=period.start, session__date__lte=period.end
        )
        .order_by("session__date", "session_id", "helptype__position", "helptype__label")
        .values_list("session_id", "helptype__label")
        .iterator(chunk_size=2000)
    )
    participants = (
        SessionParticipation.objects.filter(
            session__date__gte=period.start, session__date__lte=period.end
        )
        .values("session__date", "session_id")
        .annotate(total=Sum("count"))
        .order_by("session__date", "session_id")
        .values_list("session_id", "total")
        .iterator(chunk_size=2000)
    )
    # The three streams are in (date, session pk) order: merge them as they come.
    pending_help = next(help_links, None)
    pending_count = next(participants, None)
    for pk, date, structure_id, name, kind, phase, mode, minutes, summary in sessions:
        labels = []
        while pending_help is not None and pending_help[0] == pk:
            labels.append(pending_help[1])
            pending_help = next(help_links, None)
        count = 0
        if pending_count is not None and pending_count[0] == pk:
            count = pending_count[1]
            pending_count = next(participants, None)
        epci_name, department = epcis.get(structure_epcis.get(structure_id), (unknown, unknown))
        yield [
            date,
            name,
            kinds.get(kind, kind),
            department,
            epci_name,
            phases.get(phase, phase),
            modes.get(mode, mode),
            minutes,
            ", ".join(labels),
            count,
            summary,
        ]
