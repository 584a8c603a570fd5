"""The financing of cooperation protocols, computed from the catalogue's rules
and the structure's eligibility, with the calculation written out.

Rules (arrêté of 10 September 2020, updated 2023): a forfait per patient
included and, for the physiotherapists' protocols, per re-evaluation, paid to
MSPs and centres de santé that signed the ACI (and CPTS for the protocols that
open to them, from the date the catalogue gives).

Counts are monthly, so eligibility is decided per month: a month is financed
when the structure was eligible for the whole of it — its kind eligible since
on or before the 1st, and its ACI signed on or before the 1st. The month in
which the ACI is signed is therefore not financed: the counts do not say which
patients came after the signature. Without an ACI signature date on the
structure's page, nothing is financed, and the page says so (with the amount
the month would bring once the date is recorded).

The amounts are estimates: the Assurance maladie pays. Each is shown with
the rule applied, its text and date as the catalogue knows them
(`rule_applied`). And a structure whose activity will not be financed is
told so when it declares the protocol, before any count is typed
(`declaration_notice`, `not_financed`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from structures.enums import StructureKind

from .catalogue import NationalProtocol, euros
from .follow_ups import next_month


def _date(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def ineligibility_reason(structure, protocol: NationalProtocol, month: datetime.date) -> str:
    """Why `structure` earns nothing for `protocol` in `month` ("" if it does)."""
    since = protocol.eligible_since(structure.kind)
    if since is None:
        kinds = ", ".join(str(label) for label, _since in protocol.eligibility())
        if structure.kind in (StructureKind.ESP, StructureKind.ESP_CLAP):
            return gettext(
                "Une ESP n'est pas éligible au financement des protocoles de coopération : "
                "il est réservé aux structures ayant signé l'ACI (%(kinds)s)."
            ) % {"kinds": kinds}
        return gettext(
            "Une structure de type « %(kind)s » n'est pas éligible au financement du "
            "protocole « %(protocol)s » (réservé à : %(kinds)s)."
        ) % {"kind": structure.get_kind_display(), "protocol": protocol.short_name, "kinds": kinds}
    if month < since:
        return gettext(
            "Le protocole « %(protocol)s » n'est financé pour une structure de ce type que "
            "depuis le %(date)s : les mois antérieurs ne le sont pas."
        ) % {"protocol": protocol.short_name, "date": _date(since)}
    if structure.aci_signed_on is None:
        return gettext(
            "La date de signature de l'ACI n'est pas renseignée sur la fiche de la structure : "
            "sans ACI signé, le protocole n'est pas financé. Renseignez la date sur la fiche "
            "(coordinateur ou équipe GECO Lib') pour que le montant soit calculé."
        )
    if structure.aci_signed_on > month:
        return gettext(
            "L'ACI a été signé le %(date)s : seuls les mois entiers qui suivent la signature "
            "sont financés."
        ) % {"date": _date(structure.aci_signed_on)}
    return ""


def declaration_notice(
    structure, protocol: NationalProtocol, today: datetime.date | None = None
) -> str:
    """Why the activity of `protocol`, declared now by `structure`, will not
    be financed ("" when it will): said on the declaration's form and page,
    before any count is typed. Read for the next whole month, so that an ACI
    signed this month is not a reason."""
    today = today or timezone.localdate()
    return ineligibility_reason(structure, protocol, next_month(today))


def not_financed(
    structure, protocols, today: datetime.date | None = None
) -> list[tuple[str, list[NationalProtocol]]]:
    """The protocols whose activity would not be financed for `structure`,
    grouped by reason (each reason once, in the protocols' order). An ESP is
    financed for none: one reason, for them all."""
    protocols = list(protocols)
    if structure.kind in (StructureKind.ESP, StructureKind.ESP_CLAP) and protocols:
        return [(esp_reason(protocols), protocols)]
    groups: dict[str, list[NationalProtocol]] = {}
    for protocol in protocols:
        if reason := declaration_notice(structure, protocol, today):
            groups.setdefault(reason, []).append(protocol)
    return list(groups.items())


def esp_reason(protocols: list[NationalProtocol]) -> str:
    """Why an ESP is financed for none of `protocols`, with who is, and for
    which protocols when not for all of them."""
    kinds: dict[str, list[str]] = {}
    for protocol in protocols:
        for label, _since in protocol.eligibility():
            kinds.setdefault(str(label), []).append(protocol.short_name)
    described = [
        label
        if len(names) == len(protocols)
        else gettext("%(kind)s pour %(protocols)s")
        % {"kind": label, "protocols": ", ".join(f"« {name} »" for name in names)}
        for label, names in kinds.items()
    ]
    return gettext(
        "Une ESP n'est pas éligible au financement des protocoles de coopération : il est "
        "réservé aux structures ayant signé l'ACI (%(kinds)s)."
    ) % {"kinds": " ; ".join(described)}


def rule_applied(protocol: NationalProtocol) -> str:
    """The rule an estimate follows, with its source: « 25 € par patient
    inclus (première consultation), revoyure comprise – Arrêté du 9 mars
    2023 … (texte du 9 mars 2023) »."""
    return gettext("%(rules)s – %(text)s (texte du %(date)s)") % {
        "rules": " ; ".join(protocol.financing_rules()),
        "text": protocol.reference_text,
        "date": _date(protocol.reference_date),
    }


def applied_rules(protocols) -> list[tuple[str, str]]:
    """(protocol's name, `rule_applied`) for each protocol once, by name: the
    rules of the estimates a page or a file shows."""
    unique = {protocol.pk: protocol for protocol in protocols}
    return [
        (protocol.short_name, rule_applied(protocol))
        for protocol in sorted(unique.values(), key=lambda p: p.short_name)
    ]


@dataclass
class MonthFinancing:
    month: datetime.date
    inclusions: int
    reevaluations: int
    revoyures: int
    exclusions: int
    potential: Decimal
    calculation: str
    reason: str = ""

    @property
    def eligible(self) -> bool:
        return not self.reason

    @property
    def amount(self) -> Decimal:
        return self.potential if self.eligible else Decimal(0)

    @property
    def amount_label(self) -> str:
        return euros(self.amount)

    @property
    def shown_calculation(self) -> str:
        """The calculation as the page shows it: "10 × 25 € + 6 × 20 € = 370 €", or
        for an ineligible month "0 € (10 × 25 € = 250 € si la structure était éligible)"."""
        if self.eligible:
            return self.calculation
        return gettext("%(zero)s (%(calculation)s si la structure était éligible)") % {
            "zero": euros(0),
            "calculation": self.calculation,
        }


def month_financing(structure, protocol: NationalProtocol, activity) -> MonthFinancing:
    """The financing of one month of activity (a MonthlyActivity or alike)."""
    parts = [f"{activity.inclusions} × {euros(protocol.inclusion_amount)}"]
    potential = activity.inclusions * protocol.inclusion_amount
    if protocol.has_reevaluation:
        parts.append(f"{activity.reevaluations} × {euros(protocol.reevaluation_amount)}")
        potential += activity.reevaluations * protocol.reevaluation_amount
    calculation = f"{' + '.join(parts)} = {euros(potential)}"
    return MonthFinancing(
        month=activity.month,
        inclusions=activity.inclusions,
        reevaluations=activity.reevaluations,
        revoyures=activity.revoyures,
        exclusions=activity.exclusions,
        potential=potential,
        calculation=calculation,
        reason=ineligibility_reason(structure, protocol, activity.month),
    )


@dataclass
class YearFinancing:
    year: int
    protocol: NationalProtocol
    months: list[MonthFinancing] = field(default_factory=list)

    def _sum(self, name: str):
        return sum((getattr(m, name) for m in self.months), start=0)

    @property
    def inclusions(self) -> int:
        return self._sum("inclusions")

    @property
    def reevaluations(self) -> int:
        return self._sum("reevaluations")

    @property
    def revoyures(self) -> int:
        return self._sum("revoyures")

    @property
    def exclusions(self) -> int:
        return self._sum("exclusions")

    @property
    def amount(self) -> Decimal:
        return sum((m.amount for m in self.months), start=Decimal(0))

    @property
    def amount_label(self) -> str:
        return euros(self.amount)

    @property
    def calculation(self) -> str:
        """The year by act over its financed months: "81 × 25 € + 45 × 20 € = 2925 €"."""
        financed = [m for m in self.months if m.eligible]
        if not financed:
            return self.amount_label
        protocol = self.protocol
        parts = [f"{sum(m.inclusions for m in financed)} × {euros(protocol.inclusion_amount)}"]
        if protocol.has_reevaluation:
            reevaluations = sum(m.reevaluations for m in financed)
            parts.append(f"{reevaluations} × {euros(protocol.reevaluation_amount)}")
        return f"{' + '.join(parts)} = {self.amount_label}"

    @property
    def reasons(self) -> list[str]:
        """Why some months earn nothing, each reason once."""
        seen: list[str] = []
        for month in self.months:
            if month.reason and month.reason not in seen:
                seen.append(month.reason)
        return seen


def year_financing(declaration, activities, year: int) -> YearFinancing:
    """The year's months of `declaration`, from its activities (of any year)."""
    return YearFinancing(
        year=year,
        protocol=declaration.protocol,
        months=[
            month_financing(declaration.structure, declaration.protocol, activity)
            for activity in sorted(activities, key=lambda a: a.month)
            if activity.month.year == year
        ],
    )
