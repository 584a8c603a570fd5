"""The chart of each axis of a synthesis: a server-side SVG (no JavaScript,
no CDN, also drawn in the PDF), one pair of horizontal bars per dimension —
the level retained by the team and, hatched, the previous campaign's. Each
value is written beside its bar, the SVG has its `<title>` and `<desc>`,
and the page and the PDF follow it with the table of the same figures."""

from __future__ import annotations

from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

CURRENT_COLOUR = "#0b4f6c"
PREVIOUS_COLOUR = "#2e7d5b"
TEXT_COLOUR = "#212529"
MUTED_COLOUR = "#6c757d"
FONT = 'font-family="Source Sans 3, system-ui, sans-serif"'


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def level_text(value: float | None) -> str:
    if value is None:
        return _("non retenu")
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def axis_chart(
    chart_id: str,
    title: str,
    rows: list[tuple[str, float | None, float | None]],
    max_level: int,
    *,
    with_previous: bool,
    width: int = 560,
) -> SafeString:
    """`rows`: (dimension, level retained, previous campaign's level)."""
    bar_room = width - 110
    row_height = 62 if with_previous else 44
    top = 30 if with_previous else 8
    height = top + row_height * max(len(rows), 1) + 8
    summary = "; ".join(
        f"{name} : {level_text(current)}"
        + (f" ({_('campagne précédente')} : {level_text(previous)})" if with_previous else "")
        for name, current, previous in rows
    )
    desc = _("Niveau retenu par dimension, sur %(max)s. %(values)s.") % {
        "max": max_level,
        "values": summary,
    }
    cid = _attr(chart_id)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{cid}" class="stats-chart" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" {FONT} font-size="14">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
    ]
    if with_previous:
        parts.append(
            f'<defs><pattern id="{cid}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{PREVIOUS_COLOUR}"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/>'
            f"</pattern></defs>"
            f'<rect x="0" y="6" width="14" height="14" fill="{CURRENT_COLOUR}"/>'
            f'<text x="20" y="18" fill="{TEXT_COLOUR}">{escape(_("Cette campagne"))}</text>'
            f'<rect x="150" y="6" width="14" height="14" fill="url(#{cid}-hatch)"/>'
            f'<text x="170" y="18" fill="{TEXT_COLOUR}">{escape(_("Campagne précédente"))}</text>'
        )
    for index, (name, current, previous) in enumerate(rows):
        y = top + index * row_height
        parts.append(f'<text x="0" y="{y + 14}" fill="{TEXT_COLOUR}">{escape(name)}</text>')
        bars = [(current, CURRENT_COLOUR)]
        if with_previous:
            bars.append((previous, f"url(#{cid}-hatch)"))
        for rank, (value, fill) in enumerate(bars):
            by = y + 19 + rank * 20
            bar = round(bar_room * value / max_level, 1) if value else 0
            parts.append(
                f'<rect x="0" y="{by}" width="{bar}" height="16" rx="2" fill="{fill}"/>'
                f'<text x="{bar + 6}" y="{by + 13}" '
                f'fill="{TEXT_COLOUR if value else MUTED_COLOUR}" font-weight="600">'
                f"{escape(level_text(value))}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def synthesis_charts(result) -> list[SafeString]:
    """One chart per axis of a `synthesis.Synthesis`, in the order of its axes."""
    charts = []
    for index, axis in enumerate(result.axes, start=1):
        rows = [
            (
                row.dimension.name,
                row.level.value if row.level else None,
                row.previous_level.value if row.previous_level else None,
            )
            for row in axis.dimensions
        ]
        charts.append(
            axis_chart(
                f"graphique-axe-{index}",
                _("Axe « %(axis)s » : niveaux retenus") % {"axis": axis.axis.name},
                rows,
                result.max_level,
                with_previous=result.previous is not None,
            )
        )
    return charts
