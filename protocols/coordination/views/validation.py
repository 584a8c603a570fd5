"""Validation by the team: whoever edits the protocol asks the members
involved (« Demander la validation »), each answers on their own page
(« D'accord » or « Réserve » with a comment); the protocol's page shows the
record — who answered what, when, and how the protocol was validated."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from gecolib.idempotency import submit_once
from gecolib.markdown import render_markdown

from ..access import get_own_answer, get_protocol
from ..enums import Answer, RoundStatus
from ..forms.protocols import current_members
from ..forms.validation import AnswerForm, RequestValidationForm
from ..models import Protocol, ValidationAnswer
from ..models.validation import ROUND_CLOSED_ERROR, current_member_ids
from ..validation_requests import answer_validation, default_members, request_validation

REQUEST_PREFIX = "demande"
# The protocol in short on the answer page: its texts' headings below the page's h3.
SUMMARY_FIELDS = ("problem", "objectives", "inclusion_criteria", "exclusion_criteria")
SUMMARY_HEADING_OFFSET = 3
# Earlier requests shown on the protocol's page, newest first.
EARLIER_ROUNDS_SHOWN = 5


def add_model_error(form, error: ValidationError) -> None:
    """A model's refusal, beside the field it names (at the top otherwise)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def request_form(protocol: Protocol, data=None) -> RequestValidationForm:
    """The form of « Demander la validation », the members of the protocol's
    professions ticked in advance."""
    members = list(current_members(protocol.structure))
    return RequestValidationForm(
        data,
        structure=protocol.structure,
        initial_members=default_members(protocol, members),
        prefix=REQUEST_PREFIX,
    )


def _answers_prefetch() -> Prefetch:
    return Prefetch(
        "answers", queryset=ValidationAnswer.objects.select_related("member__profession")
    )


def _rounds(protocol: Protocol):
    return protocol.validation_rounds.select_related("requested_by", "revision").prefetch_related(
        _answers_prefetch()
    )


def validation_record(protocol: Protocol, user) -> dict:
    """What the protocol's page shows of its validation: the request in
    progress (each member's answer, comment, date, and how many agree, have a
    réserve, are awaited), the round whose answers
    validated it, the earlier requests, the user's own answer to give."""
    rounds = list(_rounds(protocol)[: EARLIER_ROUNDS_SHOWN + 1])
    open_round = next((r for r in rounds if r.status == RoundStatus.OPEN), None)
    validated_round = None
    if protocol.validated_by_answers:
        validated_round = next((r for r in rounds if r.status == RoundStatus.VALIDATED), None)
        if validated_round is None:
            validated_round = _rounds(protocol).filter(status=RoundStatus.VALIDATED).first()
    shown = {r.pk for r in (open_round, validated_round) if r is not None}
    earlier = [r for r in rounds if r.pk not in shown][:EARLIER_ROUNDS_SHOWN]
    own = None
    if open_round is not None:
        own = next((a for a in open_round.answers.all() if a.member_id == user.pk), None)
    return {
        "open_round": open_round,
        "tally": open_round.tally() if open_round is not None else None,
        "validated_round": validated_round,
        "earlier_rounds": earlier,
        "own_answer": own,
        "member_ids": current_member_ids(protocol.structure) if rounds else set(),
    }


@require_http_methods(["GET", "POST"])
def protocol_request_validation(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form (also on the protocol's page). POST: ask the members
    chosen, each by e-mail with the link to their answer page; a request in
    progress is replaced."""
    protocol = get_protocol(request, pk, edit=True)
    if not protocol.is_editable:
        messages.info(
            request,
            _(
                "Ce protocole est « %(status)s » : passez-le « à réviser » pour demander à "
                "nouveau l'avis de l'équipe."
            )
            % {"status": protocol.get_status_display()},
        )
        return redirect("protocols:protocol_detail", pk=protocol.pk)
    form = request_form(protocol, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        members = list(form.cleaned_data["members"])

        def ask() -> str:
            request_validation(
                protocol,
                by=request.user,
                members=members,
                message=form.cleaned_data["message"],
                review_date=form.cleaned_data["review_date"],
                names_confirmed=form.names_confirmed,
            )
            messages.success(
                request,
                ngettext(
                    "La demande de validation est envoyée à %(n)s membre.",
                    "La demande de validation est envoyée à %(n)s membres.",
                    len(members),
                )
                % {"n": len(members)},
            )
            return reverse("protocols:protocol_detail", args=[protocol.pk]) + "#validation"

        try:
            return submit_once(request, form, ask)
        except ValidationError as error:
            add_model_error(form, error)
    open_round = protocol.validation_rounds.filter(status=RoundStatus.OPEN).first()
    context = {
        "protocol": protocol,
        "structure": protocol.structure,
        "form": form,
        "open_round": open_round,
    }
    return render(request, "protocols/coordination/request_validation.html", context)


@require_http_methods(["GET", "POST"])
def protocol_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's answer to the request for validation `pk`: GET shows the
    protocol in short and the form, POST records (« D'accord », or
    « Réserve » with a comment). Only the members asked, still members of
    the structure."""
    own = get_own_answer(request, pk)
    validation_round, protocol = own.round, own.round.protocol
    initial = {"answer": own.answer, "comment": own.comment} if own.answer else {}
    form = AnswerForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if not validation_round.is_open:
            form.add_error(None, ROUND_CLOSED_ERROR)
        else:

            def record() -> str:
                recorded = answer_validation(
                    validation_round,
                    member=request.user,
                    answer=form.cleaned_data["answer"],
                    comment=form.cleaned_data["comment"],
                    names_confirmed=form.names_confirmed,
                )
                if recorded.validated:
                    messages.success(
                        request,
                        _(
                            "Merci. Chaque membre sollicité a donné son accord : le protocole "
                            "est validé par l'équipe."
                        ),
                    )
                elif recorded.answer.answer == Answer.RESERVE:
                    messages.success(
                        request,
                        _(
                            "Votre réserve est enregistrée : le protocole reste en attente de "
                            "validation."
                        ),
                    )
                else:
                    messages.success(request, _("Votre accord est enregistré. Merci."))
                return reverse("protocols:protocol_detail", args=[protocol.pk]) + "#validation"

            try:
                return submit_once(request, form, record)
            except ValidationError as error:
                add_model_error(form, error)
    prefetch_related_objects([validation_round], _answers_prefetch())
    context = {
        "protocol": protocol,
        "structure": protocol.structure,
        "round": validation_round,
        "own_answer": own,
        "form": form,
        "member_ids": current_member_ids(protocol.structure),
        "html": {
            name: render_markdown(getattr(protocol, name), heading_offset=SUMMARY_HEADING_OFFSET)
            for name in SUMMARY_FIELDS
        },
        "steps": list(protocol.steps.all()),
        "professions": list(protocol.professions.all()),
    }
    return render(request, "protocols/coordination/answer.html", context)
