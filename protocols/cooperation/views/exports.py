"""Yearly cooperation figures as CSV (French Excel: UTF-8 with BOM, « ; ») or
XLSX, for the annual indicators questionnaire, written by
gecolib.exports.spreadsheet_response (amounts as decimals: « 12,50 » in CSV,
numbers in XLSX; every text cell neutralised). The amounts are estimates:
each row names the rule applied, with its text and date."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch
from django.http import FileResponse
from django.utils.translation import gettext as _

from gecolib.exports import spreadsheet_response
from gecolib.models import EPCI

from ..models.financing import rule_applied, year_financing


def with_departments(declarations):
    """Declarations with their structure's EPCIs and departments (as lists)."""
    return declarations.prefetch_related(
        Prefetch(
            "structure__epcis",
            queryset=EPCI.objects.select_related("department").order_by("name"),
            to_attr="epci_list",
        )
    )


def structure_department(structure) -> str:
    """The structure's department: its seat's, or its first EPCI's (prefetched)."""
    if structure.commune_id and structure.commune.department_id:
        return structure.commune.department.code
    epcis = getattr(structure, "epci_list", None)
    for epci in structure.epcis.all() if epcis is None else epcis:
        return epci.department.code
    return ""


def headers() -> list[str]:
    return [
        _("Structure"),
        _("Type"),
        _("Département"),
        _("Protocole"),
        _("Statut"),
        _("N° de dossier démarches-simplifiées"),
        _("Mois"),
        _("Patients inclus"),
        _("Réévaluations"),
        _("Revoyures"),
        _("Exclusions"),
        _("Montant estimé (€)"),
        _("Calcul de l'estimation"),
        _("Motif d'absence de financement"),
        _("Règle appliquée (texte et date)"),
    ]


# Which columns hold text typed by people or labels (neutralised in CSV).
TEXT_COLUMNS = [True] * 7 + [False] * 5 + [True, True, True]


def rows(declarations: Iterable, year: int) -> Iterable[list]:
    """One row per month of activity, then the declaration's total for the year
    (declarations from `declarations_with_year`)."""
    for declaration in declarations:
        structure = declaration.structure
        head = [
            structure.name,
            structure.get_kind_display(),
            structure_department(structure),
            declaration.protocol.short_name,
            declaration.get_status_display(),
            declaration.ds_number,
        ]
        financing = year_financing(declaration, declaration.year_activities, year)
        rule = rule_applied(declaration.protocol)
        for month in financing.months:
            yield head + [
                month.month.strftime("%Y-%m"),
                month.inclusions,
                month.reevaluations,
                month.revoyures,
                month.exclusions,
                month.amount,
                month.shown_calculation,
                month.reason,
                rule,
            ]
        if financing.months:
            yield head + [
                _("Total %(year)s") % {"year": year},
                financing.inclusions,
                financing.reevaluations,
                financing.revoyures,
                financing.exclusions,
                financing.amount,
                financing.calculation,
                " ".join(financing.reasons),
                rule,
            ]


def year_file(name: str, declarations: Iterable, year: int, export_format: str) -> FileResponse:
    """The download `name.csv` or `name.xlsx`: one row per month of activity of
    `declarations` in `year`, then each declaration's total."""
    return spreadsheet_response(
        name,
        headers(),
        rows(declarations, year),
        export_format,
        title=_("Coopération %(year)s") % {"year": year},
        text_columns=TEXT_COLUMNS,
    )
