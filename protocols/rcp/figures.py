"""RCP figures of a structure for a year — what the ACI yearly report asks:
RCPs held against the target of 6, situations reviewed, attendance by
profession, decisions made and done on time — and the same across
structures for staff. A fixed number of queries whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from structures.models import Structure

from .enums import YEARLY_TARGET, Attendance, DecisionStatus, ItemKind
from .models import AgendaItem, Decision, Invitee, Meeting

DECISION_COUNTS = {
    "made": Count("pk"),
    "done": Count("pk", filter=Q(status=DecisionStatus.DONE)),
    "done_on_time": Count(
        "pk", filter=Q(status=DecisionStatus.DONE, closed_at__date__lte=F("due_date"))
    ),
    "open": Count("pk", filter=Q(status=DecisionStatus.OPEN)),
    "abandoned": Count("pk", filter=Q(status=DecisionStatus.ABANDONED)),
    "to_protocol": Count("pk", filter=Q(to_protocol=True)),
    "ppcs": Count("pk", filter=Q(ppcs=True)),
}
ATTENDANCE_COUNTS = {
    "present": Count("pk", filter=Q(attendance=Attendance.PRESENT)),
    "excused": Count("pk", filter=Q(attendance=Attendance.EXCUSED)),
    "absent": Count("pk", filter=Q(attendance=Attendance.ABSENT)),
}


@dataclass
class YearFigures:
    year: int
    held: int = 0
    situations: int = 0
    decisions: dict = field(default_factory=dict)
    attendance: list = field(default_factory=list)  # dicts: profession, present, excused, absent
    target: int = YEARLY_TARGET

    @property
    def target_reached(self) -> bool:
        return self.held >= self.target

    @property
    def on_time_rate(self) -> int | None:
        """Share of the decisions done that were done by their due date (%)."""
        done = self.decisions.get("done") or 0
        return round(100 * self.decisions["done_on_time"] / done) if done else None


def structure_figures(structure: Structure, year: int) -> YearFigures:
    """Four queries."""
    held = Meeting.objects.filter(structure=structure).in_year(year).held()
    figures = YearFigures(year=year, held=held.count())
    figures.situations = (
        AgendaItem.objects.on_agenda().filter(meeting__in=held, kind=ItemKind.CASE).count()
    )
    figures.decisions = Decision.objects.filter(meeting__in=held).aggregate(**DECISION_COUNTS)
    figures.attendance = [
        {**row, "profession": row["profession"] or _("Profession non renseignée")}
        for row in Invitee.objects.filter(meeting__in=held)
        .values(profession=F("user__profession__name"))
        .annotate(**ATTENDANCE_COUNTS)
        .order_by("profession")
    ]
    return figures


def figures_across_structures(year: int) -> list[dict]:
    """One row per structure that held RCPs in `year` (four queries)."""
    held = Meeting.objects.in_year(year).held()
    rows = {
        row["structure"]: {**row, "situations": 0, "present": 0, "made": 0, "done_on_time": 0}
        for row in held.values("structure", name=F("structure__name"))
        .annotate(held=Count("pk"))
        .order_by("name")
    }
    for row in (
        AgendaItem.objects.on_agenda()
        .filter(meeting__in=held, kind=ItemKind.CASE)
        .values(structure=F("meeting__structure"))
        .annotate(n=Count("pk"))
    ):
        rows[row["structure"]]["situations"] = row["n"]
    for row in (
        Invitee.objects.filter(meeting__in=held, attendance=Attendance.PRESENT)
        .values(structure=F("meeting__structure"))
        .annotate(n=Count("pk"))
    ):
        rows[row["structure"]]["present"] = row["n"]
    for row in (
        Decision.objects.filter(meeting__in=held)
        .values(structure=F("meeting__structure"))
        .annotate(made=DECISION_COUNTS["made"], done_on_time=DECISION_COUNTS["done_on_time"])
    ):
        rows[row["structure"]].update(made=row["made"], done_on_time=row["done_on_time"])
    for row in rows.values():
        row["target_reached"] = row["held"] >= YEARLY_TARGET
    return list(rows.values())


def attendance_across_structures(year: int) -> list[dict]:
    held = Meeting.objects.in_year(year).held()
    return [
        {**row, "profession": row["profession"] or _("Profession non renseignée")}
        for row in Invitee.objects.filter(meeting__in=held)
        .values(profession=F("user__profession__name"))
        .annotate(**ATTENDANCE_COUNTS)
        .order_by("profession")
    ]


# -- exports ---------------------------------------------------------------------------


def structure_table(structure: Structure, figures: YearFigures) -> tuple[list, list[list]]:
    """The header row (the structure) and the rows of the structure's export."""
    decisions = figures.decisions
    header = [_("Structure"), structure.name]
    rows = [
        [_("Année"), figures.year],
        [_("RCP tenues"), figures.held],
        [_("Objectif annuel (ACI)"), figures.target],
        [_("Situations examinées"), figures.situations],
        [_("Décisions prises"), decisions["made"]],
        [_("Décisions réalisées"), decisions["done"]],
        [_("dont réalisées dans les délais"), decisions["done_on_time"]],
        [_("Décisions à faire"), decisions["open"]],
        [_("Décisions abandonnées"), decisions["abandoned"]],
        [_("Décisions à formaliser en protocole"), decisions["to_protocol"]],
        [_("PPCS décidés"), decisions["ppcs"]],
        [],
        [_("Profession"), _("Présents"), _("Excusés"), _("Absents")],
    ]
    rows += [
        [row["profession"], row["present"], row["excused"], row["absent"]]
        for row in figures.attendance
    ]
    return header, rows


def across_table(rows: list[dict]) -> tuple[list, list[list]]:
    """The header row and the rows of the export across structures."""
    header = [
        _("Structure"),
        _("RCP tenues"),
        _("Objectif de 6 atteint"),
        _("Situations examinées"),
        _("Présences"),
        _("Décisions prises"),
        _("Réalisées dans les délais"),
    ]
    return header, [
        [
            row["name"],
            row["held"],
            _("oui") if row["target_reached"] else _("non"),
            row["situations"],
            row["present"],
            row["made"],
            row["done_on_time"],
        ]
        for row in rows
    ]
