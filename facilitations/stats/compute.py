"""Every table of the statistics page, one step per family of tables.
Thirteen queries in all, whatever the data size (see `compute_statistics`)."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from gecolib.text import french_sort_key
from structures.enums import StructureKind

from ..enums import Phase, RequestStatus
from ..models import (
    Facilitation,
    FacilitationRequest,
    HelpType,
    Need,
    Session,
    SessionParticipation,
)
from .period import Period, quarter_label
from .queries import epci_index, followed_facilitations, structure_epci_links
from .tables import DAYS, HOURS, INT, TABLE_NAMES, TEXT, Table


@dataclass
class Statistics:
    period: Period
    tables: dict[str, Table]

    @property
    def ordered_tables(self) -> list[Table]:
        return [self.tables[name] for name in TABLE_NAMES]


def compute_statistics(period: Period) -> Statistics:
    """Every figure of the period. Thirteen queries, whatever the data size,
    each reading the period's rows only and returning grouped counts:
    followed facilitations by structure with their seat's EPCI, and their
    structures' own EPCIs (2),
    openings and closings by quarter (2), EPCIs, needs (2), help types (2),
    hours by phase, participants, requests by status, first sessions."""
    followed = followed_by_structure(period)
    tables = {
        **opening_and_closing_tables(period),
        **territory_tables(followed, epci_index()),
        **need_and_kind_tables(period, followed),
        **hours_tables(period),
        **request_tables(period),
        **delay_tables(period),
    }
    opened, closed = tables["par-trimestre"].footer[1:]
    tables["synthese"] = summary_table(
        tables,
        followed=sum(row["n"] for row in followed),
        opened=opened,
        closed=closed,
        participants=participant_count(period),
    )
    return Statistics(period=period, tables=tables)


# ------------------------------------------------------------------- the steps


def followed_by_structure(period: Period) -> list[dict]:
    """The followed facilitations counted by structure (`n`, and
    `without_request` for those opened without a request), with the
    structure's kind and the EPCI it counts in. Two queries returning
    counts, not a row per facilitation."""
    followed = followed_facilitations(period)
    # The structure's own EPCIs, first by name, override its seat's.
    epcis = structure_epci_links(followed.values("structure_id"))
    rows = list(
        followed.values("structure_id", "structure__kind", "structure__commune__epci_id")
        .annotate(n=Count("pk"), without_request=Count("pk", filter=Q(request__isnull=True)))
        .order_by()
    )
    for row in rows:
        seat = row.pop("structure__commune__epci_id")
        row["epci_ref"] = epcis.get(row["structure_id"], seat)
    return rows


def opening_and_closing_tables(period: Period) -> dict[str, Table]:
    """Facilitations opened and closed, by year and by quarter (local time).
    Two queries, counted by quarter in the database."""
    opened_by_q = _count_by_quarter(period, "opened_at")
    closed_by_q = _count_by_quarter(period, "closed_at")
    opened_by_year, closed_by_year = _by_year(opened_by_q), _by_year(closed_by_q)
    opened, closed = sum(opened_by_q.values()), sum(closed_by_q.values())
    return {
        "par-annee": Table(
            "par-annee",
            _("Facilitations ouvertes et clôturées par année"),
            _("Par année"),
            [(_("Année"), TEXT), (_("Ouvertes"), INT), (_("Clôturées"), INT)],
            [[str(year), opened_by_year[year], closed_by_year[year]] for year in period.years()],
            chart="vbar",
            chart_columns=(1, 2),
            footer=[_("Total"), opened, closed] if len(period.years()) > 1 else None,
        ),
        "par-trimestre": Table(
            "par-trimestre",
            _("Facilitations ouvertes et clôturées par trimestre"),
            _("Par trimestre"),
            [(_("Trimestre"), TEXT), (_("Ouvertes"), INT), (_("Clôturées"), INT)],
            [[quarter_label(*yq), opened_by_q[yq], closed_by_q[yq]] for yq in period.quarters()],
            chart="vbar",
            chart_columns=(1, 2),
            footer=[_("Total"), opened, closed],
        ),
    }


def territory_tables(followed: list[dict], epcis: dict[int, tuple[str, str]]) -> dict[str, Table]:
    """Followed facilitations by department and by EPCI, unknown last."""
    unknown = _("Non renseigné")
    by_department: Counter = Counter()
    by_epci: Counter = Counter()
    for row in followed:
        name, department = epcis.get(row["epci_ref"], (unknown, unknown))
        by_department[department] += row["n"]
        by_epci[(name, department)] += row["n"]
    total = sum(row["n"] for row in followed)
    return {
        "par-departement": Table(
            "par-departement",
            _("Facilitations suivies par département"),
            _("Par département"),
            [(_("Département"), TEXT), (_("Facilitations"), INT)],
            [
                [dep, n]
                for dep, n in sorted(
                    by_department.items(),
                    key=lambda item: (item[0] == unknown, french_sort_key(item[0])),
                )
            ],
            footer=[_("Total"), total],
        ),
        "par-epci": Table(
            "par-epci",
            _("Facilitations suivies par EPCI"),
            _("Par EPCI"),
            [(_("EPCI"), TEXT), (_("Département"), TEXT), (_("Facilitations"), INT)],
            [
                [name, dep, n]
                for (name, dep), n in sorted(
                    by_epci.items(),
                    key=lambda item: (
                        item[0][0] == unknown,
                        french_sort_key(item[0][1]),
                        french_sort_key(item[0][0]),
                    ),
                )
            ],
            chart_columns=(2,),
            footer=[_("Total"), "", total],
        ),
    }


def need_and_kind_tables(period: Period, followed: list[dict]) -> dict[str, Table]:
    """Followed facilitations by need expressed in their request (every need
    of the reference list, two queries) and by structure kind."""
    with_request = followed_facilitations(period).filter(request__isnull=False)
    # One grouped pass over the needs of the followed facilitations'
    # requests (read by the requests' ids, without joining the requests);
    # then every need of the reference list.
    by_need = dict(
        FacilitationRequest.needs.through.objects.filter(
            facilitationrequest_id__in=with_request.values("request_id")
        )
        .values_list("need_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    needs = [
        (label, by_need.get(pk, 0))
        for pk, label in Need.objects.order_by("position", "pk").values_list("pk", "label")
    ]
    need_rows = [[label, n] for label, n in needs]
    need_rows.append([_("Sans demande"), sum(row["without_request"] for row in followed)])
    by_kind: Counter = Counter()
    for row in followed:
        by_kind[row["structure__kind"]] += row["n"]
    return {
        "par-besoin": Table(
            "par-besoin",
            _("Facilitations suivies par besoin exprimé"),
            _("Par besoin"),
            [(_("Besoin"), TEXT), (_("Facilitations"), INT)],
            need_rows,
        ),
        "par-type-structure": Table(
            "par-type-structure",
            _("Facilitations suivies par type de structure"),
            _("Par type de structure"),
            [(_("Type de structure"), TEXT), (_("Facilitations"), INT)],
            [[str(kind.label), by_kind[kind.value]] for kind in StructureKind],
            footer=[_("Total"), sum(by_kind.values())],
        ),
    }


def hours_tables(period: Period) -> dict[str, Table]:
    """Sessions and hours of the period by help given (a session with several
    help types counts its full duration for each) and by phase. Three queries."""
    # One pass over the period's sessions (by their indexed date) and their
    # help types, grouped; then every help type of the reference list.
    by_help = {
        row["helptype_id"]: row
        for row in Session.help_given.through.objects.filter(
            session__date__gte=period.start, session__date__lte=period.end
        )
        .values("helptype_id")
        .annotate(n=Count("pk"), minutes=Sum("session__duration_minutes"))
        .order_by()
    }
    help_rows = [
        (label, by_help.get(pk, {}).get("n", 0), by_help.get(pk, {}).get("minutes") or 0)
        for pk, label in HelpType.objects.order_by("position", "pk").values_list("pk", "label")
    ]
    help_table = Table(
        "heures-par-aide",
        _("Heures de facilitation par aide apportée"),
        _("Heures par aide"),
        [(_("Aide apportée"), TEXT), (_("Séances"), INT), (_("Heures"), HOURS)],
        [[label, n, minutes or 0] for label, n, minutes in help_rows],
        chart_columns=(2,),
    )
    sessions = Session.objects.filter(date__gte=period.start, date__lte=period.end)
    phases = {
        row["phase"]: row
        for row in sessions.values("phase")
        .annotate(n=Count("pk"), minutes=Sum("duration_minutes"))
        .order_by()
    }
    empty = {"n": 0, "minutes": 0}
    phase_table = Table(
        "heures-par-phase",
        _("Heures de facilitation par phase"),
        _("Heures par phase"),
        [(_("Phase"), TEXT), (_("Séances"), INT), (_("Heures"), HOURS)],
        [
            [
                str(phase.label),
                phases.get(phase.value, empty)["n"],
                phases.get(phase.value, empty)["minutes"],
            ]
            for phase in Phase
        ],
        chart_columns=(2,),
        footer=[
            _("Total"),
            sum(row["n"] for row in phases.values()),
            sum(row["minutes"] for row in phases.values()),
        ],
    )
    return {"heures-par-aide": help_table, "heures-par-phase": phase_table}


def participant_count(period: Period) -> int:
    """Participants in the sessions of the period. One query."""
    return (
        SessionParticipation.objects.filter(
            session__date__gte=period.start, session__date__lte=period.end
        ).aggregate(total=Sum("count"))["total"]
        or 0
    )


def request_tables(period: Period) -> dict[str, Table]:
    """Requests received during the period, by their current status. One query."""
    statuses = dict(
        FacilitationRequest.objects.filter(
            created_at__gte=period.start_dt, created_at__lt=period.end_dt
        )
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        "demandes-par-statut": Table(
            "demandes-par-statut",
            _("Demandes reçues par statut actuel"),
            _("Demandes par statut"),
            [(_("Statut"), TEXT), (_("Demandes"), INT)],
            [[str(status.label), statuses.get(status.value, 0)] for status in RequestStatus],
            footer=[_("Total"), sum(statuses.values())],
        )
    }


def delay_tables(period: Period) -> dict[str, Table]:
    """Median delay from the filing of the request to the first session, for
    first sessions within the period, by year of that session. One query."""
    delays_by_year: dict[int, list[int]] = defaultdict(list)
    # The first session's date is kept on the facilitation (indexed): the
    # period selects its rows, the rest of the history is not read.
    first_sessions = (
        Facilitation.objects.filter(
            request__isnull=False,
            first_session_on__gte=period.start,
            first_session_on__lte=period.end,
        )
        .annotate(first_session=F("first_session_on"))
        .values("pk", "request__created_at", "first_session")
        .order_by()
    )
    for row in first_sessions:
        filed = timezone.localtime(row["request__created_at"]).date()
        delays_by_year[row["first_session"].year].append((row["first_session"] - filed).days)
    all_delays = [delay for delays in delays_by_year.values() for delay in delays]
    return {
        "delai-premiere-seance": Table(
            "delai-premiere-seance",
            _("Délai médian entre la demande et la première séance"),
            _("Délai 1re séance"),
            [
                (_("Année de la première séance"), TEXT),
                (_("Facilitations"), INT),
                (_("Délai médian (jours)"), DAYS),
            ],
            [
                [str(year), len(delays_by_year[year]), _median(delays_by_year[year])]
                for year in period.years()
            ],
            chart="hbar",
            chart_columns=(2,),
            footer=[_("Ensemble de la période"), len(all_delays), _median(all_delays)],
        )
    }


def summary_table(
    tables: dict[str, Table], *, followed: int, opened: int, closed: int, participants: int
) -> Table:
    """The period at a glance. Totals already in a table are read from its
    total row, so the summary cannot disagree with it."""
    _label, session_count, session_minutes = tables["heures-par-phase"].footer
    _label, request_count = tables["demandes-par-statut"].footer
    _label, _count, overall_median = tables["delai-premiere-seance"].footer
    summary = [
        (_("Demandes reçues"), request_count, INT),
        (_("Facilitations suivies"), followed, INT),
        (_("Facilitations ouvertes"), opened, INT),
        (_("Facilitations clôturées"), closed, INT),
        (_("Séances"), session_count, INT),
        (_("Heures de facilitation"), session_minutes, HOURS),
        (_("Participants aux séances"), participants, INT),
        (_("Délai médian demande → première séance (jours)"), overall_median, DAYS),
    ]
    return Table(
        "synthese",
        _("Synthèse de la période"),
        _("Synthèse"),
        [(_("Indicateur"), TEXT), (_("Valeur"), INT)],
        [[label, value] for label, value, _kind in summary],
        chart="",
        row_kinds=[kind for _label, _value, kind in summary],
    )


# -------------------------------------------------------------------- helpers


def _count_by_quarter(period: Period, moment: str) -> Counter:
    """Facilitations whose `moment` falls within the period, counted by
    (year, quarter) of local time. One grouped query on the indexed column."""
    return Counter(
        {
            (row["year"], row["quarter"]): row["n"]
            for row in Facilitation.objects.filter(
                **{f"{moment}__gte": period.start_dt, f"{moment}__lt": period.end_dt}
            )
            .annotate(year=ExtractYear(moment), quarter=ExtractQuarter(moment))
            .values("year", "quarter")
            .annotate(n=Count("pk"))
            .order_by()
        }
    )


def _by_year(by_quarter: Counter) -> Counter:
    """Counts by (year, quarter) added up by year."""
    by_year: Counter = Counter()
    for (year, _quarter), n in by_quarter.items():
        by_year[year] += n
    return by_year


def _median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None
