"""A structure's campaigns: the list, opening one (its members invited),
answering, closing, the synthesis with the team's consensus, and its PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gecolib.absolute_urls import absolute_url
from gecolib.confirmations import confirm_page, confirmation
from gecolib.evidence import evidence_for
from gecolib.idempotency import act_once, submit_once
from gecolib.messages import add_validation_errors
from gecolib.notifications import notify
from gecolib.pagination import paginate
from gecolib.pdf import pdf_response
from gecolib.templatetags.french_dates import date_fr

from .. import documents
from ..access import can_manage, get_assessed_structure, get_campaign, get_participation
from ..charts import synthesis_charts
from ..forms import AnswersForm, CampaignForm, ConsensusForm, MeetingForm
from ..models import Answer, Campaign, Consensus, Dimension, Participant
from ..synthesis import synthesis


@require_GET
def structure_campaigns(request: HttpRequest, pk: int) -> HttpResponse:
    """Queries: the structure, the right to open, the paginator's count and page."""
    structure = get_assessed_structure(request, pk)
    page = paginate(
        request, Campaign.objects.filter(structure=structure).order_by("-opened_at", "-pk")
    )
    return render(
        request,
        "assessments/structure_campaigns.html",
        {"structure": structure, "page": page, "may_open": can_manage(request.user, pk)},
    )


@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_assessed_structure(request, pk, manage=True)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            campaign = Campaign.open_for(
                structure,
                grid=form.cleaned_data["grid"],
                title=form.cleaned_data["title"],
                closes_on=form.cleaned_data["closes_on"],
                by=request.user,
            )
            invited = invite(campaign)
            messages.success(
                request,
                _("Campagne ouverte : %(count)s membres invités à répondre.") % {"count": invited},
            )
            return campaign.get_absolute_url()

        try:
            return submit_once(request, form, create)
        except ValidationError as error:
            add_validation_errors(request, error)
    return render(request, "assessments/campaign_form.html", {"structure": structure, "form": form})


def invite(campaign: Campaign) -> int:
    """E-mail every participant once (the key names the campaign and the person)."""
    participants = list(campaign.participants.select_related("user").order_by("pk"))
    url = absolute_url(reverse("assessments:campaign_answer", args=[campaign.pk]))
    for participant in participants:
        notify(
            participant.user.email,
            "assessments/emails/campaign_open",
            {"campaign": campaign, "structure": campaign.structure, "url": url},
            key=f"assessment-open:{campaign.pk}:{participant.user_id}",
        )
    return len(participants)


@require_GET
def campaign(request: HttpRequest, pk: int) -> HttpResponse:
    """What one may read of a campaign: where it stands and one's own
    progress while it is open; once closed, the synthesis and the plan."""
    campaign = get_campaign(request, pk)
    participation = campaign.participants.filter(user=request.user).first()
    own_answered = (
        Answer.objects.of_author(request.user)
        .filter(campaign=campaign, level__isnull=False)
        .count()
        if participation
        else 0
    )
    participants = campaign.participants.count()
    submitted = campaign.participants.filter(submitted_at__isnull=False).count()
    context = {
        "campaign": campaign,
        "structure": campaign.structure,
        "participation": participation,
        "own_answered": own_answered,
        "dimension_count": Dimension.objects.filter(axis__grid_id=campaign.grid_id).count(),
        "participants": participants,
        "submitted": submitted,
        "may_manage": can_manage(request.user, campaign.structure_id),
        "synthesis": None,
        "charts": [],
        "close_confirmation": None,
    }
    if campaign.is_closed:
        result = synthesis(campaign)
        context["synthesis"] = result
        context["charts"] = list(zip(result.axes, synthesis_charts(result), strict=True))
    else:
        context["close_confirmation"] = close_confirmation(campaign)
    return render(request, "assessments/campaign.html", context)


@require_http_methods(["GET", "POST"])
def campaign_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """One's own answers: saved as they are (come back later), or finished
    (every dimension answered). Read and written by their author only."""
    participation = get_participation(request, pk)
    campaign = participation.campaign
    axes = campaign.grid.ordered_axes()
    levels = campaign.grid.ordered_levels()
    answers = {
        answer.dimension_id: answer
        for answer in Answer.objects.of_author(request.user).filter(campaign=campaign)
    }
    form = AnswersForm(request.POST or None, axes=axes, levels=levels, answers=answers)
    if request.method == "POST":
        if campaign.is_closed:
            messages.error(request, _("La campagne est close : vos réponses ne changent plus."))
            return redirect(campaign)
        if form.is_valid():
            finishing = "finish" in request.POST
            missing = form.missing() if finishing else []
            if missing:
                form.add_error(
                    None,
                    _(
                        "Pour terminer, choisissez un niveau pour chaque dimension. "
                        "Il en manque pour : %(names)s."
                    )
                    % {"names": ", ".join(missing)},
                )
            else:
                save_answers(participation, form.values(), answers, finishing=finishing)
                if finishing:
                    messages.success(request, _("Merci : vos réponses sont enregistrées."))
                    return redirect(campaign)
                messages.success(
                    request,
                    _(
                        "Réponses enregistrées : vous pouvez revenir les compléter "
                        "jusqu'au %(date)s."
                    )
                    % {"date": date_fr(campaign.closes_on, "j F Y")},
                )
                return redirect("assessments:campaign_answer", pk=campaign.pk)
    evidence = evidence_for(
        [campaign.structure_id],
        {
            key
            for axis in axes
            for dimension in axis.dimensions.all()
            for key in dimension.evidence_keys
        },
    )[campaign.structure_id]
    return render(
        request,
        "assessments/campaign_answer.html",
        {
            "campaign": campaign,
            "structure": campaign.structure,
            "participation": participation,
            "form": form,
            "levels": levels,
            "rows": [
                (
                    axis,
                    [
                        (
                            dimension,
                            *form.dimension_fields(dimension),
                            [evidence[key] for key in dimension.evidence_keys if key in evidence],
                        )
                        for dimension in axis.dimensions.all()
                    ],
                )
                for axis in axes
            ],
        },
        status=400 if form.errors else 200,
    )


@transaction.atomic
def save_answers(
    participation: Participant, values: dict, existing: dict, *, finishing: bool
) -> None:
    campaign = participation.campaign
    for dimension_id, (level_id, comment) in values.items():
        answer = existing.get(dimension_id) or Answer(
            campaign=campaign, dimension_id=dimension_id, author=participation.user
        )
        if answer.pk and answer.level_id == level_id and answer.comment == comment:
            continue
        if not answer.pk and level_id is None and not comment:
            continue
        answer.level_id, answer.comment = level_id, comment
        answer.names_confirmed = True  # checked by the form, confirmation included
        answer.save()
    if finishing and participation.submitted_at is None:
        participation.submitted_at = timezone.now()
        participation.save(update_fields=["submitted_at"])


def close_confirmation(campaign: Campaign) -> dict:
    return confirmation(
        dialog_id="clore-campagne",
        title=_("Clore la campagne maintenant ?"),
        action=reverse("assessments:campaign_close", args=[campaign.pk]),
        confirm_label=_("Clore la campagne"),
        cancel_url=campaign.get_absolute_url(),
        body_template="assessments/_confirm_close.html",
        campaign=campaign,
    )


@require_http_methods(["GET", "POST"])
def campaign_close(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign(request, pk, manage=True)
    if request.method == "GET":
        return confirm_page(request, close_confirmation(campaign))

    def close() -> str:
        campaign.close(by=request.user)
        messages.success(request, _("Campagne close : la synthèse est prête."))
        return campaign.get_absolute_url()

    try:
        return act_once(request, close, back=campaign.get_absolute_url())
    except ValidationError as error:
        add_validation_errors(request, error)
        return redirect(campaign)


@require_http_methods(["GET", "POST"])
def campaign_consensus(request: HttpRequest, pk: int) -> HttpResponse:
    """The team's level and note per dimension, recorded in a meeting."""
    campaign = get_campaign(request, pk, manage=True)
    if not campaign.is_closed:
        messages.error(request, _("La synthèse s'écrit une fois la campagne close."))
        return redirect(campaign)
    result = synthesis(campaign)
    axes = [axis.axis for axis in result.axes]
    existing = {row.dimension_id: row for row in Consensus.objects.filter(campaign=campaign)}
    form = ConsensusForm(request.POST or None, axes=axes, levels=result.levels, consensus=existing)
    meeting_form = MeetingForm(request.POST or None, instance=campaign, prefix="reunion")
    if request.method == "POST" and form.is_valid() and meeting_form.is_valid():
        with transaction.atomic():
            meeting_form.save()
            for dimension_id, (level_id, note) in form.values().items():
                row = existing.get(dimension_id) or Consensus(
                    campaign=campaign, dimension_id=dimension_id
                )
                if row.pk and row.level_id == level_id and row.note == note:
                    continue
                if not row.pk and level_id is None and not note:
                    continue
                row.level_id, row.note = level_id, note
                row.recorded_by, row.recorded_at = request.user, timezone.now()
                row.names_confirmed = True
                row.save()
        messages.success(request, _("Synthèse de l'équipe enregistrée."))
        return redirect(campaign.get_absolute_url() + "#synthese")
    return render(
        request,
        "assessments/campaign_consensus.html",
        {
            "campaign": campaign,
            "structure": campaign.structure,
            "synthesis": result,
            "form": form,
            "meeting_form": meeting_form,
            "rows": [
                (
                    axis,
                    [
                        (row, form[f"level_{row.dimension.pk}"], form[f"note_{row.dimension.pk}"])
                        for row in axis.dimensions
                    ],
                )
                for axis in result.axes
            ],
        },
        status=400 if form.errors or meeting_form.errors else 200,
    )


@require_GET
def campaign_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The synthesis and the plan, for the team, the ARS or the facilitators."""
    campaign = get_campaign(request, pk)
    if not campaign.is_closed:
        messages.error(request, _("Le rapport est disponible une fois la campagne close."))
        return redirect(campaign)
    # The ETag is known before the report is built: a 304, or a PDF kept
    # already, costs neither the synthesis nor its HTML.
    return pdf_response(
        documents.REPORT_TEMPLATE,
        lambda: _report_context(campaign),
        _("Autoévaluation – %(structure)s – %(title)s.pdf")
        % {"structure": campaign.structure.name, "title": campaign.title},
        request=request,
        content_key=documents.report_content_key(campaign),
    )


def _report_context(campaign: Campaign) -> dict:
    result = synthesis(campaign)
    return {
        "campaign": campaign,
        "structure": campaign.structure,
        "synthesis": result,
        "charts": list(zip(result.axes, synthesis_charts(result), strict=True)),
        "printed_on": timezone.localdate(),
    }
