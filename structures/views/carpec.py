"""The CARPEC calendar, kept by staff: sessions, agendas, outcomes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gecolib.access import staff_required
from gecolib.idempotency import submit_once
from gecolib.messages import add_form_errors, add_validation_errors
from gecolib.pagination import paginate
from gecolib.text import with_article

from ..enums import CarpecOutcome
from ..forms import CarpecOutcomeForm, CarpecSessionForm
from ..models import CarpecReview, CarpecSession


@staff_required
@require_http_methods(["GET", "POST"])
def calendar(request: HttpRequest) -> HttpResponse:
    """Queries: the paginator's count and the page of sessions with their
    review counts (one aggregate query)."""
    form = CarpecSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def add_session() -> str:
            session = form.save()
            messages.success(request, _("Séance ajoutée : %(session)s.") % {"session": session})
            return reverse("structures:carpec_calendar")

        return submit_once(request, form, add_session)
    sessions = CarpecSession.objects.annotate(
        review_count=Count("reviews"),
        pending_count=Count("reviews", filter=Q(reviews__outcome=CarpecOutcome.PENDING)),
    ).order_by("-date")
    page = paginate(request, sessions)
    return render(
        request,
        "structures/carpec_calendar.html",
        {"page": page, "form": form, "today": timezone.localdate()},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(CarpecSession, pk=pk)
    form = CarpecSessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Séance enregistrée."))
        return redirect("structures:carpec_session", pk=session.pk)
    reviews = session.reviews.select_related("structure", "scheduled_by").order_by(
        "structure__name"
    )
    past = session.date <= timezone.localdate()
    return render(
        request,
        "structures/carpec_session.html",
        {
            "session": session,
            "form": form,
            "past": past,
            "reviews": [
                {
                    "review": review,
                    "form": CarpecOutcomeForm(prefix=f"r{review.pk}")
                    if past and review.is_pending
                    else None,
                }
                for review in reviews
            ],
        },
    )


@staff_required
@require_POST
def review_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(CarpecReview.objects.select_related("session", "structure"), pk=pk)
    form = CarpecOutcomeForm(request.POST, instance=review, prefix=f"r{review.pk}")
    if form.is_valid():
        outcome, comment = form.cleaned_data["outcome"], form.cleaned_data["comment"]
        review.refresh_from_db()
        try:
            review.record_outcome(outcome, by=request.user, comment=comment)
        except ValidationError as error:
            add_validation_errors(request, error)
        else:
            messages.success(
                request,
                _("Avis enregistré pour %(structure)s : %(outcome)s.")
                % {
                    "structure": with_article(review.structure.name),
                    "outcome": review.get_outcome_display(),
                },
            )
    else:
        add_form_errors(request, form)
    return redirect("structures:carpec_session", pk=review.session_id)
