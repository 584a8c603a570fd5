"""Activity statistics of the facilitation network, for staff and the annual
activity report.

Every figure is computed for a `Period` (a calendar year or any range of
dates, in Europe/Paris) with a fixed number of SQL queries whatever the volume
of data: counts and sums that SQLite and PostgreSQL both aggregate are done in
SQL; time buckets (year, quarter in local time) and medians are computed in
Python from one flat `values()` fetch. The same `Table` objects feed the web
page, the charts and the CSV/XLSX exports, so the figures cannot disagree.

Counting rules (also shown on the statistics page):
- a facilitation is *followed* during the period when it was opened before the
  end of the period and not closed before its start; the breakdowns by
  territory, need and structure kind count followed facilitations;
- its territory is the structure's first EPCI in alphabetical order, or else
  the EPCI of the commune of its head office; its department is that EPCI's;
- sessions, hours and participants count the sessions dated within the period;
  a session with several help types counts its full duration for each type;
- the delay to the first session runs from the day the request was filed to the
  facilitation's first session, for first sessions within the period.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gecolib.models import EPCI
from structures.enums import StructureKind

from .enums import Phase, RequestStatus, SessionMode
from .models import (
    Facilitation,
    FacilitationRequest,
    HelpType,
    Need,
    Session,
    SessionParticipation,
)

# Longest period one may ask for: keeps the quarter table readable.
MAX_PERIOD_YEARS = 10

# Cell kinds: how a value is shown on the page and written to the exports.
INT = "int"
HOURS = "hours"  # value in minutes, shown in hours with one decimal
DAYS = "days"  # a number of days, possibly with a half (median); None when no data
DURATION = "duration"  # a session's minutes, in hours with up to two decimals (0,75)
TEXT = "text"
DATE = "date"


# --------------------------------------------------------------------- period


@dataclass(frozen=True)
class Period:
    """A range of calendar days, bounds included, in the portal's time zone."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def is_calendar_year(self) -> bool:
        return (
            self.start.year == self.end.year
            and (self.start.month, self.start.day) == (1, 1)
            and (self.end.month, self.end.day) == (12, 31)
        )

    @property
    def label(self) -> str:
        """French label: « 2025 » or « du 01/01/2025 au 30/06/2025 »."""
        if self.is_calendar_year:
            return str(self.start.year)
        return _("du %(start)s au %(end)s") % {
            "start": self.start.strftime("%d/%m/%Y"),
            "end": self.end.strftime("%d/%m/%Y"),
        }

    @property
    def slug(self) -> str:
        """For file names: « 2025 » or « 2025-01-01_2025-06-30 »."""
        if self.is_calendar_year:
            return str(self.start.year)
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    @property
    def start_dt(self) -> dt.datetime:
        """First instant of the period (aware, local time)."""
        return _local_midnight(self.start)

    @property
    def end_dt(self) -> dt.datetime:
        """First instant after the period (exclusive bound)."""
        return _local_midnight(self.end + dt.timedelta(days=1))

    def quarters(self) -> list[tuple[int, int]]:
        """(year, quarter) pairs the period touches, in order."""
        result = []
        year, quarter = self.start.year, quarter_of(self.start)
        while (year, quarter) <= (self.end.year, quarter_of(self.end)):
            result.append((year, quarter))
            year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
        return result

    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))

    def query_params(self) -> dict[str, str]:
        """GET parameters that select this period on the page and the exports."""
        if self.is_calendar_year:
            return {"annee": str(self.start.year)}
        return {"du": self.start.isoformat(), "au": self.end.isoformat()}


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_label(year: int, quarter: int) -> str:
    """« 2025 T1 » (T for trimestre)."""
    return _("%(year)s T%(quarter)s") % {"year": year, "quarter": quarter}


def data_years(today: dt.date | None = None) -> list[int]:
    """Years offered as quick links: from the first facilitation or request on
    record to the current year, most recent first. Two queries."""
    today = today or timezone.localdate()
    firsts = [
        Facilitation.objects.aggregate(first=Min("opened_at"))["first"],
        FacilitationRequest.objects.aggregate(first=Min("created_at"))["first"],
    ]
    known = [timezone.localtime(moment).year for moment in firsts if moment is not None]
    first_year = min([*known, today.year])
    return list(range(today.year, first_year - 1, -1))


# ------------------------------------------------------------ number display


def format_number(value: float | int | Decimal, decimals: int = 0) -> str:
    """French formatting: narrow no-break space between thousands, decimal
    comma (« 1 234,5 »). Trailing zeros are dropped (« 12 », « 0,5 »)."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:,}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


def minutes_to_hours(minutes: int) -> Decimal:
    """Hours with one decimal, as written in the exports."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_hours(minutes: int) -> str:
    """« 12,5 h »."""
    return f"{format_number(minutes_to_hours(minutes), 1)}\u00a0h"


def format_cell(value, kind: str) -> str:
    """A cell as shown on the page."""
    if value is None:
        return "–"
    if kind == HOURS:
        return format_hours(value)
    if kind == DAYS:
        return format_number(value, 1)
    if kind == DURATION:
        return f"{format_number(Decimal(value) / 60, 2)}\u00a0h"
    if kind == INT:
        return format_number(value)
    if kind == DATE:
        return value.strftime("%d/%m/%Y")
    return str(value)


def export_cell(value, kind: str) -> str:
    """A cell as written to a CSV for French Excel: decimal comma, no unit."""
    if value is None:
        return ""
    if kind == HOURS:
        return str(minutes_to_hours(value)).replace(".", ",")
    if kind == DAYS:
        return format_number(value, 1).replace("\u202f", "")
    if kind == DURATION:
        return format_number(Decimal(value) / 60, 2).replace("\u202f", "")
    if kind == DATE:
        return value.strftime("%d/%m/%Y")
    return str(value)


def xlsx_cell(value, kind: str):
    """A cell as written to a spreadsheet: real numbers and dates."""
    if value is None:
        return None
    if kind == HOURS:
        return float(minutes_to_hours(value))
    if kind == DAYS:
        return float(value)
    if kind == DURATION:
        return round(value / 60, 2)
    return value


# --------------------------------------------------------------------- tables


@dataclass
class Table:
    """One table of figures: its export name, French title, columns (label,
    kind) and rows of raw values (first column: the row header)."""

    name: str
    title: str
    sheet: str
    columns: list[tuple[str, str]]
    rows: list[list] = field(default_factory=list)
    chart: str = "hbar"  # "hbar", "vbar" (grouped columns) or "" (no chart)
    chart_columns: tuple[int, ...] = (1,)  # which value columns to draw
    footer: list | None = None  # a total row, when it makes sense
    row_kinds: list[str] | None = None  # per-row kind of column 1 (mixed-unit tables)

    def display_rows(self) -> list[list[str]]:
        return [self._convert(row, i, format_cell) for i, row in enumerate(self.rows)]

    def display_footer(self) -> list[str] | None:
        return self._convert(self.footer, None, format_cell) if self.footer else None

    def export_rows(self) -> Iterator[list[str]]:
        """Rows and total for a CSV file."""
        yield from self._all_rows(export_cell)

    def xlsx_rows(self) -> Iterator[list]:
        """Rows and total for a spreadsheet."""
        yield from self._all_rows(xlsx_cell)

    def _all_rows(self, convert) -> Iterator[list]:
        for i, row in enumerate(self.rows):
            yield self._convert(row, i, convert)
        if self.footer:
            yield self._convert(self.footer, None, convert)

    def _convert(self, row: list, index: int | None, convert) -> list:
        kinds = [kind for _label, kind in self.columns]
        if self.row_kinds and index is not None:
            kinds[1] = self.row_kinds[index]
        return [convert(value, kind) for value, kind in zip(row, kinds, strict=True)]

    @property
    def headers(self) -> list[str]:
        return [label for label, _kind in self.columns]


# Export names, in page order. Kept stable: staff bookmark export links.
TABLE_NAMES = [
    "synthese",
    "par-annee",
    "par-trimestre",
    "par-departement",
    "par-epci",
    "par-besoin",
    "par-type-structure",
    "heures-par-phase",
    "heures-par-aide",
    "delai-premiere-seance",
    "demandes-par-statut",
]


# --------------------------------------------------------------- computation


def followed_facilitations(period: Period) -> QuerySet:
    """Facilitations opened before the end of the period and not closed before
    its start."""
    return Facilitation.objects.filter(opened_at__lt=period.end_dt).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=period.start_dt)
    )


def _epci_expression(structure_path: str) -> Coalesce:
    """The structure's EPCI for statistics: its first EPCI by name, or else
    the EPCI of its head office's commune."""
    first_epci = (
        EPCI.objects.filter(structures=OuterRef(f"{structure_path}_id"))
        .order_by("name", "pk")
        .values("pk")[:1]
    )
    return Coalesce(Subquery(first_epci), F(f"{structure_path}__commune__epci_id"))


def epci_index() -> dict[int, tuple[str, str]]:
    """EPCI pk → (EPCI name, « 22 – Côtes-d'Armor »). One query over the
    reference list of EPCIs (a bounded list)."""
    return {
        epci.pk: (epci.name, str(epci.department))
        for epci in EPCI.objects.select_related("department").only(
            "name", "department__code", "department__name"
        )
    }


@dataclass
class Statistics:
    period: Period
    tables: dict[str, Table]

    @property
    def ordered_tables(self) -> list[Table]:
        return [self.tables[name] for name in TABLE_NAMES]


def compute_statistics(period: Period) -> Statistics:
    """Every figure of the period. Eight queries, whatever the data size:
    followed facilitations, EPCIs, needs, help types, hours by phase,
    participants, requests by status, first sessions."""
    unknown = _("Non renseigné")

    # 1. Followed facilitations, one flat row each.
    followed = list(
        followed_facilitations(period)
        .annotate(epci_ref=_epci_expression("structure"))
        .values("pk", "opened_at", "closed_at", "request_id", "structure__kind", "epci_ref")
        .order_by()
    )
    # 2. EPCIs and their department.
    epcis = epci_index()

    opened = [row for row in followed if period.start_dt <= row["opened_at"] < period.end_dt]
    closed = [
        row
        for row in followed
        if row["closed_at"] is not None and period.start_dt <= row["closed_at"] < period.end_dt
    ]

    def bucket(rows: list[dict], key: str, by_quarter: bool) -> Counter:
        counter: Counter = Counter()
        for row in rows:
            local = timezone.localtime(row[key])
            counter[(local.year, quarter_of(local.date())) if by_quarter else local.year] += 1
        return counter

    tables: dict[str, Table] = {}

    opened_by_year, closed_by_year = (
        bucket(opened, "opened_at", False),
        bucket(closed, "closed_at", False),
    )
    tables["par-annee"] = Table(
        "par-annee",
        _("Facilitations ouvertes et clôturées par année"),
        _("Par année"),
        [(_("Année"), TEXT), (_("Ouvertes"), INT), (_("Clôturées"), INT)],
        [[str(year), opened_by_year[year], closed_by_year[year]] for year in period.years()],
        chart="vbar",
        chart_columns=(1, 2),
        footer=[_("Total"), len(opened), len(closed)] if len(period.years()) > 1 else None,
    )
    opened_by_q, closed_by_q = bucket(opened, "opened_at", True), bucket(closed, "closed_at", True)
    tables["par-trimestre"] = Table(
        "par-trimestre",
        _("Facilitations ouvertes et clôturées par trimestre"),
        _("Par trimestre"),
        [(_("Trimestre"), TEXT), (_("Ouvertes"), INT), (_("Clôturées"), INT)],
        [[quarter_label(*yq), opened_by_q[yq], closed_by_q[yq]] for yq in period.quarters()],
        chart="vbar",
        chart_columns=(1, 2),
        footer=[_("Total"), len(opened), len(closed)],
    )

    # Territories of the followed facilitations.
    by_department: Counter = Counter()
    by_epci: Counter = Counter()
    for row in followed:
        name, department = epcis.get(row["epci_ref"], (unknown, unknown))
        by_department[department] += 1
        by_epci[(name, department)] += 1
    tables["par-departement"] = Table(
        "par-departement",
        _("Facilitations suivies par département"),
        _("Par département"),
        [(_("Département"), TEXT), (_("Facilitations"), INT)],
        [[dep, n] for dep, n in sorted(by_department.items(), key=_unknown_last(unknown))],
        footer=[_("Total"), len(followed)],
    )
    tables["par-epci"] = Table(
        "par-epci",
        _("Facilitations suivies par EPCI"),
        _("Par EPCI"),
        [(_("EPCI"), TEXT), (_("Département"), TEXT), (_("Facilitations"), INT)],
        [
            [name, dep, n]
            for (name, dep), n in sorted(
                by_epci.items(), key=lambda item: (item[0][0] == unknown, item[0][1], item[0][0])
            )
        ],
        chart_columns=(2,),
        footer=[_("Total"), "", len(followed)],
    )

    # 3. Needs: every need of the reference list, with the followed
    # facilitations whose request expressed it.
    followed_pks = followed_facilitations(period).values("pk")
    # (Meta.ordering does not apply to aggregating queries: order explicitly.)
    needs = (
        Need.objects.annotate(
            n=Count("requests", filter=Q(requests__facilitation__pk__in=followed_pks))
        )
        .order_by("position", "pk")
        .values_list("label", "n")
    )
    need_rows = [[label, n] for label, n in needs]
    need_rows.append([_("Sans demande"), sum(1 for row in followed if row["request_id"] is None)])
    tables["par-besoin"] = Table(
        "par-besoin",
        _("Facilitations suivies par besoin exprimé"),
        _("Par besoin"),
        [(_("Besoin"), TEXT), (_("Facilitations"), INT)],
        need_rows,
    )

    by_kind = Counter(row["structure__kind"] for row in followed)
    tables["par-type-structure"] = Table(
        "par-type-structure",
        _("Facilitations suivies par type de structure"),
        _("Par type de structure"),
        [(_("Type de structure"), TEXT), (_("Facilitations"), INT)],
        [[str(kind.label), by_kind[kind.value]] for kind in StructureKind],
        footer=[_("Total"), len(followed)],
    )

    # 4. Hours by help type (full duration for each type of a session).
    in_period = Q(sessions__date__gte=period.start, sessions__date__lte=period.end)
    help_rows = (
        HelpType.objects.annotate(
            n=Count("sessions", filter=in_period),
            minutes=Sum("sessions__duration_minutes", filter=in_period),
        )
        .order_by("position", "pk")
        .values_list("label", "n", "minutes")
    )
    tables["heures-par-aide"] = Table(
        "heures-par-aide",
        _("Heures de facilitation par aide apportée"),
        _("Heures par aide"),
        [(_("Aide apportée"), TEXT), (_("Séances"), INT), (_("Heures"), HOURS)],
        [[label, n, minutes or 0] for label, n, minutes in help_rows],
        chart_columns=(2,),
    )

    # 5. Hours by phase.
    sessions = Session.objects.filter(date__gte=period.start, date__lte=period.end)
    phases = {
        row["phase"]: row
        for row in sessions.values("phase")
        .annotate(n=Count("pk"), minutes=Sum("duration_minutes"))
        .order_by()
    }
    empty = {"n": 0, "minutes": 0}
    phase_rows = [
        [
            str(phase.label),
            phases.get(phase.value, empty)["n"],
            phases.get(phase.value, empty)["minutes"],
        ]
        for phase in Phase
    ]
    session_count = sum(row["n"] for row in phases.values())
    session_minutes = sum(row["minutes"] for row in phases.values())
    tables["heures-par-phase"] = Table(
        "heures-par-phase",
        _("Heures de facilitation par phase"),
        _("Heures par phase"),
        [(_("Phase"), TEXT), (_("Séances"), INT), (_("Heures"), HOURS)],
        phase_rows,
        chart_columns=(2,),
        footer=[_("Total"), session_count, session_minutes],
    )

    # 6. Participants.
    participants = (
        SessionParticipation.objects.filter(
            session__date__gte=period.start, session__date__lte=period.end
        ).aggregate(total=Sum("count"))["total"]
        or 0
    )

    # 7. Requests received, by status.
    statuses = dict(
        FacilitationRequest.objects.filter(
            created_at__gte=period.start_dt, created_at__lt=period.end_dt
        )
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    request_count = sum(statuses.values())
    tables["demandes-par-statut"] = Table(
        "demandes-par-statut",
        _("Demandes reçues par statut actuel"),
        _("Demandes par statut"),
        [(_("Statut"), TEXT), (_("Demandes"), INT)],
        [[str(status.label), statuses.get(status.value, 0)] for status in RequestStatus],
        footer=[_("Total"), request_count],
    )

    # 8. Delay from request to first session.
    delays_by_year: dict[int, list[int]] = defaultdict(list)
    first_sessions = (
        Facilitation.objects.filter(request__isnull=False)
        .values("pk", "request__created_at")
        .annotate(first_session=Min("sessions__date"))
        .filter(first_session__gte=period.start, first_session__lte=period.end)
        .order_by()
    )
    for row in first_sessions:
        filed = timezone.localtime(row["request__created_at"]).date()
        delays_by_year[row["first_session"].year].append((row["first_session"] - filed).days)
    all_delays = [delay for delays in delays_by_year.values() for delay in delays]
    overall_median = _median(all_delays)
    tables["delai-premiere-seance"] = Table(
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
        footer=[_("Ensemble de la période"), len(all_delays), overall_median],
    )

    summary = [
        (_("Demandes reçues"), request_count, INT),
        (_("Facilitations suivies"), len(followed), INT),
        (_("Facilitations ouvertes"), len(opened), INT),
        (_("Facilitations clôturées"), len(closed), INT),
        (_("Séances"), session_count, INT),
        (_("Heures de facilitation"), session_minutes, HOURS),
        (_("Participants aux séances"), participants, INT),
        (_("Délai médian demande → première séance (jours)"), overall_median, DAYS),
    ]
    tables["synthese"] = Table(
        "synthese",
        _("Synthèse de la période"),
        _("Synthèse"),
        [(_("Indicateur"), TEXT), (_("Valeur"), INT)],
        [[label, value] for label, value, _kind in summary],
        chart="",
        row_kinds=[kind for _label, _value, kind in summary],
    )
    return Statistics(period=period, tables=tables)


def _median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def _unknown_last(unknown: str):
    return lambda item: (item[0] == unknown, item[0])


# ------------------------------------------------------------- session list

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
            epci_ref=_epci_expression("facilitation__structure"),
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
