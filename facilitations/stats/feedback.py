"""What the professionals thought of the facilitations closed in a period:
the questionnaire's answers by year of closing, department and kind of
structure, with the response rate and the net promoter score (NPS), and the
anonymous comments for the exports.

Counting rules (also shown on the page):
- a facilitation counts in the period it was closed in; its questionnaires
  sent and answers count with it (the response rate is answers / sent);
- the NPS is the share of answers 9–10 minus the share of answers 0–6 to
  « recommanderiez-vous GECO Lib' ? », from −100 to +100;
- the department is the structure's, as in the activity statistics.

Seven queries whatever the number of facilitations and answers."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from structures.enums import StructureKind

from ..enums import PostureAnswer
from ..feedback import net_promoter
from ..models import Assignment, Facilitation, FeedbackAnswer, FeedbackInvitation
from .period import Period
from .queries import epci_index, structure_epci_refs
from .tables import DATE, DAYS, INT, TEXT, Table

# A figure with one decimal (an average mark): written as the days of the
# activity statistics are.
ONE_DECIMAL = DAYS

FEEDBACK_TABLE_NAMES = ["avis-par-annee", "avis-par-departement", "avis-par-type", "avis-aides"]


@dataclass
class _Group:
    """Sums of one row: questionnaires sent and the answers' figures."""

    sent: int = 0
    answers: int = 0
    satisfaction: int = 0
    listening_yes: int = 0
    neutrality_yes: int = 0

    def __post_init__(self):
        self.scores: list[int] = []

    def add_answer(self, satisfaction: int, recommend: int, listening: str, neutrality: str):
        self.answers += 1
        self.satisfaction += satisfaction
        self.scores.append(recommend)
        self.listening_yes += listening == PostureAnswer.YES
        self.neutrality_yes += neutrality == PostureAnswer.YES

    def row(self, label: str) -> list:
        def share(part: int, whole: int):
            return round(100 * part / whole) if whole else None

        return [
            label,
            self.sent,
            self.answers,
            share(self.answers, self.sent),
            self.satisfaction / self.answers if self.answers else None,
            net_promoter(self.scores),
            share(self.listening_yes, self.answers),
            share(self.neutrality_yes, self.answers),
        ]


def _columns(first: str) -> list[tuple[str, str]]:
    return [
        (first, TEXT),
        (_("Questionnaires envoyés"), INT),
        (_("Réponses"), INT),
        (_("Taux de réponse (%)"), INT),
        (_("Satisfaction moyenne (sur 5)"), ONE_DECIMAL),
        (_("NPS (de −100 à +100)"), INT),
        (_("Écoute : « oui » (%)"), INT),
        (_("Neutralité : « oui » (%)"), INT),
    ]


@dataclass
class FeedbackStatistics:
    period: Period
    tables: dict[str, Table]
    total: list  # the footer's raw values: sent, answers, rate, average, NPS…

    @property
    def ordered_tables(self) -> list[Table]:
        return [self.tables[name] for name in FEEDBACK_TABLE_NAMES]

    @property
    def sent(self) -> int:
        return self.total[1]

    @property
    def answers(self) -> int:
        return self.total[2]

    @property
    def response_rate(self) -> int | None:
        return self.total[3]

    @property
    def average_satisfaction(self) -> float | None:
        return self.total[4]

    @property
    def nps(self) -> int | None:
        return self.total[5]


def closed_in(period: Period):
    return Facilitation.objects.filter(closed_at__gte=period.start_dt, closed_at__lt=period.end_dt)


def compute_feedback_statistics(period: Period) -> FeedbackStatistics:
    """The tables of the page and of the exports. Queries: the EPCIs, the
    structures' EPCIs (two), the facilitations closed with their
    questionnaires sent, their answers, the help kinds the answers cite."""
    unknown = _("Non renseigné")
    epcis = epci_index()
    facilitations = closed_in(period)
    structure_epcis = structure_epci_refs(facilitations.values("structure_id"))
    kinds = {value: str(label) for value, label in StructureKind.choices}
    rows = (
        facilitations.order_by()
        .annotate(sent=Count("feedback_invitations"))
        .values_list("pk", "structure_id", "structure__kind", "closed_at", "sent")
    )
    keys: dict[int, tuple[int, str, str]] = {}
    by_year: dict[int, _Group] = defaultdict(_Group)
    by_department: dict[str, _Group] = defaultdict(_Group)
    by_kind: dict[str, _Group] = defaultdict(_Group)
    total = _Group()
    for pk, structure_id, kind, closed_at, sent in rows:
        year = timezone.localtime(closed_at).year
        department = epcis.get(structure_epcis.get(structure_id), (unknown, unknown))[1]
        kind_label = kinds.get(kind, kind)
        keys[pk] = (year, department, kind_label)
        for group in (by_year[year], by_department[department], by_kind[kind_label], total):
            group.sent += sent
    answers = (
        FeedbackAnswer.objects.filter(facilitation__in=facilitations)
        .order_by()
        .values_list("facilitation_id", "satisfaction", "recommend", "listening", "neutrality")
    )
    for facilitation_id, *values in answers:
        year, department, kind_label = keys[facilitation_id]
        for group in (by_year[year], by_department[department], by_kind[kind_label], total):
            group.add_answer(*values)
    helps = (
        FeedbackAnswer.helps.through.objects.filter(feedbackanswer__facilitation__in=facilitations)
        .values("helptype__label", "helptype__position")
        .annotate(n=Count("pk"))
        .order_by("-n", "helptype__position")
        .values_list("helptype__label", "n")
    )
    footer = total.row(_("Total"))
    tables = {
        "avis-par-annee": Table(
            "avis-par-annee",
            _("Avis par année de clôture"),
            _("Avis par année"),
            _columns(_("Année")),
            [by_year[year].row(str(year)) for year in sorted(by_year)],
            chart="",
            footer=footer,
        ),
        "avis-par-departement": Table(
            "avis-par-departement",
            _("Avis par département"),
            _("Avis par département"),
            _columns(_("Département")),
            [by_department[name].row(name) for name in sorted(by_department)],
            chart="",
            footer=footer,
        ),
        "avis-par-type": Table(
            "avis-par-type",
            _("Avis par type de structure"),
            _("Avis par type de structure"),
            _columns(_("Type de structure")),
            [by_kind[name].row(name) for name in sorted(by_kind)],
            chart="",
            footer=footer,
        ),
        "avis-aides": Table(
            "avis-aides",
            _("Aides jugées utiles"),
            _("Aides utiles"),
            [
                (_("Aide"), TEXT),
                (_("Réponses qui la citent"), INT),
                (_("Part des réponses (%)"), INT),
            ],
            [
                [label, n, round(100 * n / total.answers) if total.answers else None]
                for label, n in helps
            ],
            chart="hbar",
        ),
    }
    return FeedbackStatistics(period=period, tables=tables, total=footer)


# ---------------------------------------------------------- comments (exports)

COMMENT_COLUMNS = [
    (_("Répondu le"), DATE),
    (_("Année de clôture"), INT),
    (_("Département"), TEXT),
    (_("Type de structure"), TEXT),
    (_("Version du questionnaire"), INT),
    (_("Satisfaction (1 à 5)"), INT),
    (_("Recommandation (0 à 10)"), INT),
    (_("Écoute"), TEXT),
    (_("Neutralité"), TEXT),
    (_("Commentaire"), TEXT),
]

NAME_PLACEHOLDER = "[nom retiré]"
# A civil or professional title and the name after it: « Mme Le Goff »,
# « Dr. Martin », « docteur Jean Tanguy ».
_TITLED_NAME = re.compile(
    r"\b(?:M\.|Mr\.?|Mme\.?|Mlle\.?|Dr\.?|Pr\.?|[Mm]adame|[Mm]onsieur|[Mm]ademoiselle"
    r"|[Dd]octeur|[Pp]rofesseur)\s+(?:(?:de|du|d'|le|la|Le|La)\s?)?"
    r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ -][A-ZÀ-ÖØ-Þ][\w'’-]+){0,2}"
)


def without_names(text: str, names: list[str]) -> str:
    """The comment with no one named in it: the people of the facilitation
    (its binôme, who was asked) and any titled name replaced by « [nom retiré] »."""
    for name in sorted({n for n in names if len(n) > 2}, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", NAME_PLACEHOLDER, text, flags=re.I)
    return _TITLED_NAME.sub(NAME_PLACEHOLDER, text)


def _people_names(facilitations) -> dict[int, list[str]]:
    """Facilitation pk → the names of its binôme and of who was asked (full
    names and surnames). Two queries."""
    names: dict[int, list[str]] = defaultdict(list)
    for model in (Assignment, FeedbackInvitation):
        for pk, first, last in (
            model.objects.filter(facilitation__in=facilitations)
            .order_by()
            .values_list("facilitation_id", "user__first_name", "user__last_name")
        ):
            names[pk] += [f"{first} {last}".strip(), last, first]
    return names


def comment_headers() -> list[str]:
    return [str(label) for label, _kind in COMMENT_COLUMNS]


def comment_rows(period: Period) -> Iterator[list]:
    """One row per answer of the period's closed facilitations, newest first:
    never who answered, and no name in the comment."""
    unknown = _("Non renseigné")
    epcis = epci_index()
    facilitations = closed_in(period)
    structure_epcis = structure_epci_refs(facilitations.values("structure_id"))
    names = _people_names(facilitations)
    kinds = {value: str(label) for value, label in StructureKind.choices}
    postures = {value: str(label) for value, label in PostureAnswer.choices}
    answers = (
        FeedbackAnswer.objects.filter(facilitation__in=facilitations)
        .order_by("-answered_on", "-pk")
        .values_list(
            "answered_on",
            "facilitation_id",
            "facilitation__closed_at",
            "facilitation__structure_id",
            "facilitation__structure__kind",
            "questionnaire_revision__number",
            "satisfaction",
            "recommend",
            "listening",
            "neutrality",
            "comment",
        )
    )
    for (
        answered_on,
        facilitation_id,
        closed_at,
        structure_id,
        kind,
        version,
        satisfaction,
        recommend,
        listening,
        neutrality,
        comment,
    ) in answers.iterator(chunk_size=2000):
        yield [
            answered_on,
            timezone.localtime(closed_at).year,
            epcis.get(structure_epcis.get(structure_id), (unknown, unknown))[1],
            kinds.get(kind, kind),
            version,
            satisfaction,
            recommend,
            postures.get(listening, listening),
            postures.get(neutrality, neutrality),
            without_names(comment, names.get(facilitation_id, [])),
        ]
