"""Re-evaluations and revoyures follow patients included, often the month
after: a patient included on 25 October is re-evaluated in November. So the
re-evaluations, and the revoyures, of a month M may not exceed the patients
included in M and M−1 together (M−1 as entered for the same declaration, 0
when not entered).

The rule is checked from both sides (`MonthlyActivity.clean`): entering month
M, and correcting month M−1 (its inclusions may not fall below what month M
already counts)."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from gecolib.text import elide

FOLLOW_UPS = ("reevaluations", "revoyures")


def previous_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def two_months_label(month: datetime.date) -> str:
    """Month M−1 and month M: « octobre et novembre 2026 », « décembre 2025
    et janvier 2026 »."""
    before = previous_month(month)
    first = date_format(before, "F" if before.year == month.year else "F Y")
    return gettext("%(before)s et %(month)s") % {
        "before": first,
        "month": date_format(month, "F Y"),
    }


def exceeded(name: str, month: datetime.date, count: int, allowed: int) -> str:
    """« Les revoyures de novembre 2026 (9) dépassent les patients inclus en
    octobre et novembre 2026 (2). »"""
    if name == "reevaluations":
        text = gettext(
            "Les réévaluations %(of_month)s (%(count)s) dépassent les patients inclus "
            "en %(months)s (%(allowed)s)."
        )
    else:
        text = gettext(
            "Les revoyures %(of_month)s (%(count)s) dépassent les patients inclus "
            "en %(months)s (%(allowed)s)."
        )
    return text % {
        "of_month": elide("de", date_format(month, "F Y")),
        "count": count,
        "months": two_months_label(month),
        "allowed": allowed,
    }


def follow_up_errors(month: datetime.date, counts: dict, inclusions_before: int) -> dict:
    """The follow-ups of `month` beyond the patients included in it and in
    the month before (`inclusions_before`), by field."""
    allowed = (counts.get("inclusions") or 0) + (inclusions_before or 0)
    return {
        name: exceeded(name, month, counts[name], allowed)
        for name in FOLLOW_UPS
        if (counts.get(name) or 0) > allowed
    }


def month_after_errors(month: datetime.date, inclusions: int, after: dict | None) -> list[str]:
    """Month `month` now counting `inclusions`: what the month after (its
    stored counts, or None) would then count beyond its patients included,
    as a refusal of the correction."""
    if after is None:
        return []
    errors = follow_up_errors(next_month(month), after, inclusions)
    if not errors:
        return []
    lead = ngettext(
        "Avec %(n)s patient inclus en %(month)s : ",
        "Avec %(n)s patients inclus en %(month)s : ",
        inclusions,
    ) % {"n": inclusions, "month": date_format(month, "F Y")}
    fix = gettext("Corrigez d'abord %(month)s.") % {"month": date_format(next_month(month), "F Y")}
    return [lead + _lower_first(error) + " " + fix for error in errors.values()]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
