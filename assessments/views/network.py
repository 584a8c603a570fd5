"""For staff: the self-assessments across the network — how many campaigns
ran, and the average level retained per axis — without naming a structure."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gecolib.access import staff_required

from ..synthesis import network_figures


@staff_required
@require_GET
def network(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/network.html", network_figures())
