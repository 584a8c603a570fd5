"""Server-side SVG charts of the statistics page: no JavaScript, no CDN.

Each chart is an `<svg role="img">` labelled by its own `<title>` and `<desc>`,
prints every value as text next to its bar (so nothing is conveyed by colour
alone; the second series is also hatched), and is followed on the page by the
table of the same figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

SERIES_COLOURS = ["#0b4f6c", "#2e7d5b", "#8a5a00"]
TEXT_COLOUR = "#212529"
AXIS_COLOUR = "#6c757d"
FONT = 'font-family="Source Sans 3, system-ui, sans-serif"'


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _open_svg(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{_attr(chart_id)}" class="stats-chart" '
        f'role="img" aria-labelledby="{_attr(chart_id)}-title {_attr(chart_id)}-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'{FONT} font-size="14">',
        f'<title id="{_attr(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{_attr(chart_id)}-desc">{escape(desc)}</desc>',
    ]


def _hatch_defs(chart_id: str) -> str:
    """Diagonal hatching for the second series, so it differs by more than colour."""
    return (
        f'<defs><pattern id="{_attr(chart_id)}-hatch" patternUnits="userSpaceOnUse" '
        f'width="6" height="6" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{SERIES_COLOURS[1]}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/>'
        f"</pattern></defs>"
    )


def _fill(chart_id: str, series_index: int) -> str:
    if series_index == 1:
        return f"url(#{_attr(chart_id)}-hatch)"
    return SERIES_COLOURS[series_index % len(SERIES_COLOURS)]


def hbar_chart(
    chart_id: str,
    title: str,
    items: Sequence[tuple[str, float]],
    value_text: Callable[[float], str],
    *,
    width: int = 520,
) -> SafeString:
    """Horizontal bars, one per item: the label above its bar, the value at
    the bar's end. Fit for long labels (EPCI names, needs)."""
    row_height, top, label_room = 42, 8, 70
    height = top + row_height * max(len(items), 1) + 8
    maximum = max((value for _label, value in items), default=0) or 1
    bar_room = width - label_room
    summary = "; ".join(f"{label} : {value_text(value)}" for label, value in items)
    desc = _("Barres horizontales. %(values)s.") % {"values": summary or _("aucune donnée")}
    parts = _open_svg(chart_id, width, height, title, desc)
    for index, (label, value) in enumerate(items):
        y = top + index * row_height
        bar = max(round(bar_room * value / maximum, 1), 2) if value else 0  # visible if > 0
        parts.append(
            f'<text x="0" y="{y + 14}" fill="{TEXT_COLOUR}">{escape(str(label))}</text>'
            f'<rect x="0" y="{y + 19}" width="{bar}" height="16" rx="2" '
            f'fill="{SERIES_COLOURS[0]}"/>'
            f'<text x="{bar + 6}" y="{y + 32}" fill="{TEXT_COLOUR}" font-weight="600">'
            f"{escape(value_text(value))}</text>"
        )
    if not items:
        parts.append(f'<text x="0" y="{top + 20}" fill="{AXIS_COLOUR}">{_("Aucune donnée")}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def vbar_chart(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    value_text: Callable[[float], str],
    *,
    height: int = 260,
) -> SafeString:
    """Grouped vertical bars (e.g. opened and closed facilitations by
    quarter), with a legend and the value above each bar."""
    group_gap, bar_width, left, bottom, top = 30, 32, 8, 40, 44
    group_width = bar_width * len(series) + group_gap
    width = max(left * 2 + group_width * len(categories), 360)
    plot_height = height - top - bottom
    maximum = max((value for _name, values in series for value in values), default=0) or 1
    summary = "; ".join(
        f"{category} : " + ", ".join(f"{name} {value_text(values[i])}" for name, values in series)
        for i, category in enumerate(categories)
    )
    desc = _("Barres verticales groupées. %(values)s.") % {"values": summary or _("aucune donnée")}
    parts = _open_svg(chart_id, width, height, title, desc)
    parts.append(_hatch_defs(chart_id))
    # Legend.
    x = left
    for index, (name, _values) in enumerate(series):
        parts.append(
            f'<rect x="{x}" y="6" width="14" height="14" fill="{_fill(chart_id, index)}"/>'
            f'<text x="{x + 20}" y="18" fill="{TEXT_COLOUR}">{escape(name)}</text>'
        )
        x += 30 + 8 * len(name)
    baseline = top + plot_height
    parts.append(
        f'<line x1="{left}" y1="{baseline}" x2="{width - left}" y2="{baseline}" '
        f'stroke="{AXIS_COLOUR}"/>'
    )
    for i, category in enumerate(categories):
        group_x = left + group_gap / 2 + i * group_width
        for index, (_name, values) in enumerate(series):
            value = values[i]
            bar_height = max(round(plot_height * value / maximum, 1), 2) if value else 0
            bx = group_x + index * bar_width
            parts.append(
                f'<rect x="{bx}" y="{baseline - bar_height}" width="{bar_width - 2}" '
                f'height="{bar_height}" fill="{_fill(chart_id, index)}"/>'
                f'<text x="{bx + (bar_width - 2) / 2}" y="{baseline - bar_height - 4}" '
                f'text-anchor="middle" fill="{TEXT_COLOUR}">'
                f"{escape(value_text(value))}</text>"
            )
        parts.append(
            f'<text x="{group_x + bar_width * len(series) / 2}" y="{baseline + 18}" '
            f'text-anchor="middle" fill="{TEXT_COLOUR}">{escape(category)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
