"""A small line chart of an indicator's dated values, drawn by the server as
inline SVG (no script, no chart library); the page shows the same figures in
a table beside it. When the indicator's target holds a number (« 40 par an »,
« ≥ 60 % », « 12,5 »), the chart draws it as a dashed horizontal line."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

WIDTH, HEIGHT = 320, 120
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 40, 10, 10, 22


def _fmt(value: Decimal) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


# The first number of a target, with a decimal comma or point: « 12,5 % » → 12.5.
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
# Values are stored with at most 8 digits before the point (IndicatorValue).
_TARGET_LIMIT = Decimal("99999999")


def target_value(target: str) -> Decimal | None:
    """The number a target states (its first number), or None: « 40 par an »
    → 40, « 60 % » → 60, « Tous les patients » → None."""
    match = _NUMBER.search(target or "")
    if match is None:
        return None
    try:
        value = Decimal(match.group().replace(",", "."))
    except InvalidOperation:
        return None
    return value if abs(value) <= _TARGET_LIMIT else None


def indicator_chart(values, target: str = "") -> dict | None:
    """Coordinates of the chart of `values` (IndicatorValue, in date order),
    with the line of the `target` when it states a number; None with fewer
    than two values."""
    values = list(values)
    if len(values) < 2:
        return None
    goal = target_value(target)
    low = min(v.value for v in values)
    high = max(v.value for v in values)
    if goal is not None:
        low, high = min(low, goal), max(high, goal)
    low = min(low, Decimal(0))
    span = (high - low) or Decimal(1)
    first, last = values[0].date, values[-1].date
    days = (last - first).days or 1
    inner_w = WIDTH - PAD_LEFT - PAD_RIGHT
    inner_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    points = []
    for v in values:
        x = PAD_LEFT + inner_w * (v.date - first).days / days
        y = PAD_TOP + inner_h * float((high - v.value) / span)
        # Coordinates as strings: the template must not localise them ("12,5").
        points.append({"x": f"{x:.1f}", "y": f"{y:.1f}", "value": _fmt(v.value), "date": v.date})
    target_line = None
    if goal is not None:
        y = PAD_TOP + inner_h * float((high - goal) / span)
        target_line = {
            "y": f"{y:.1f}",
            "label_y": f"{max(y - 3, PAD_TOP + 8):.1f}",
            "value": _fmt(goal),
        }
    return {
        "target": target_line,
        "width": WIDTH,
        "height": HEIGHT,
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "axis_x": PAD_LEFT,
        "axis_bottom": HEIGHT - PAD_BOTTOM,
        "axis_right": WIDTH - PAD_RIGHT,
        "top": PAD_TOP,
        "high": _fmt(high),
        "low": _fmt(low),
        "first": first,
        "last": last,
        "label_y": HEIGHT - 6,
    }
