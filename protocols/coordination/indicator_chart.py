"""A small line chart of an indicator's dated values, drawn by the server as
inline SVG (no script, no chart library); the page shows the same figures in
a table beside it."""

from __future__ import annotations

from decimal import Decimal

WIDTH, HEIGHT = 320, 120
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 40, 10, 10, 22


def _fmt(value: Decimal) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def indicator_chart(values) -> dict | None:
    """Coordinates of the chart of `values` (IndicatorValue, in date order);
    None with fewer than two values."""
    values = list(values)
    if len(values) < 2:
        return None
    low = min(v.value for v in values)
    high = max(v.value for v in values)
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
    return {
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
