from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gecolib.confirmations import confirm_page
from gecolib.idempotency import ActionForm, act_once, submit_once
from gecolib.messages import add_validation_errors
from gecolib.pdf import pdf_response
from gecolib.revisions import latest_revision
from gecolib.team_data import CONFIRM_NAMES_FIELD

from .. import minutes
from ..access import get_meeting
from ..concurrency import EditedMeanwhile
from ..forms import DecisionForm, DecisionRowForm, MinutesAmendForm, MinutesForm
from ..forms.decisions import GENERAL, decision_row_prefix
from .confirmations import invited_count, minutes_validate_confirmation
from .meetings import meeting_url


def _writable(request, meeting) -> bool:
    if meeting.is_cancelled or not meeting.has_started:
        messages.error(request, _("Le compte rendu se rédige une fois la RCP tenue."))
        return False
    return True


@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk: int):
    """The minutes' draft, saved as often as needed until validation. Once
    validated, the minutes are read-only except by amendment: the same page
    then holds the amendment (texts and what it changes), sent by
    `minutes_amend`, and a plain save is refused."""
    meeting = get_meeting(request, pk, organise=True)
    if not _writable(request, meeting):
        return redirect(meeting)
    items = list(meeting.items.on_agenda())
    if meeting.minutes_validated:
        if request.method == "POST":
            messages.error(request, AMEND_ONLY)
            return redirect(request.path)
        return _minutes_page(request, meeting, MinutesAmendForm(meeting=meeting, items=items))
    form = MinutesForm(request.POST or None, meeting=meeting, items=items)
    if request.method == "POST" and form.is_valid():
        added = len(form.new_decisions())
        try:
            form.save(by=request.user)
        except EditedMeanwhile as error:
            return _edited_meanwhile(request, meeting, form, error)
        row = request.POST.get(ADD_DECISION, "")
        if row in form.rows:
            # « Ajouter la décision » without JavaScript: back to the row, a new one empty.
            messages.success(request, _("Le compte rendu est enregistré, la décision ajoutée."))
            return redirect(reverse("rcp:minutes_edit", args=[meeting.pk]) + f"#decisions-{row}")
        if added:
            messages.success(
                request,
                ngettext(
                    "Le compte rendu a été enregistré (brouillon), avec %(count)s décision.",
                    "Le compte rendu a été enregistré (brouillon), avec %(count)s décisions.",
                    added,
                )
                % {"count": added},
            )
        else:
            messages.success(request, _("Le compte rendu a été enregistré (brouillon)."))
        return redirect(meeting_url(meeting, "compte-rendu"))
    return _minutes_page(request, meeting, form)


# The name of the « Ajouter la décision » button of a row: its row's key.
ADD_DECISION = "add_decision"


AMEND_ONLY = _lazy(
    "Le compte rendu est validé : il ne change plus que par un amendement, envoyé aux "
    "membres invités comme une nouvelle version."
)


def _minutes_page(request, meeting, form, *, current=None, status: int = 200):
    """The minutes' page: the general points, then each item's summary with
    its decisions (those taken, a new one), the decisions of no item, and —
    for an amendment — what it changes."""
    amend = isinstance(form, MinutesAmendForm)
    decisions = _decisions_by_row(meeting)

    def row(key: str) -> dict:
        context = _row_context(meeting, form.rows[key], decisions.get(key, []), instant=not amend)
        return {"html": render_to_string(ROW_TEMPLATE, context, request=request)}

    blocks = [{"field": form["minutes_text"]}]
    for item in form.items:
        blocks += [{"field": form[f"summary_{item.pk}"]}, row(str(item.pk))]
    blocks.append(row(GENERAL))
    blocks += [
        {"field": form[name]} for name in ("comment", CONFIRM_NAMES_FIELD) if name in form.fields
    ]
    return render(
        request,
        "rcp/minutes_form.html",
        {
            "meeting": meeting,
            "structure": meeting.structure,
            "form": form,
            "amend": amend,
            "blocks": blocks,
            "current": current,
            "current_items": list(current.items.on_agenda()) if current else [],
        },
        status=status,
    )


ROW_TEMPLATE = "rcp/_minutes_decisions.html"


def _decisions_by_row(meeting) -> dict[str, list]:
    """The meeting's decisions under their item's row (GENERAL: no item, or
    an item no longer on the agenda)."""
    on_agenda = {str(pk) for pk in meeting.items.on_agenda().values_list("pk", flat=True)}
    rows: dict[str, list] = {}
    for decision in meeting.decisions.select_related("owner").order_by("created_at", "pk"):
        key = str(decision.item_id) if str(decision.item_id) in on_agenda else GENERAL
        rows.setdefault(key, []).append(decision)
    return rows


def _row_context(meeting, row: DecisionRowForm, decisions: list, *, instant: bool) -> dict:
    """What `rcp/_minutes_decisions.html` shows of a row: the decisions taken,
    the form of a new one, and whether its button adds it at once (the
    draft; an amendment adds decisions with the amendment only)."""
    return {
        "meeting": meeting,
        "key": row.key,
        "item": row.item,
        "decisions": decisions,
        "row": row,
        "instant": instant,
        "add_name": ADD_DECISION,
    }


def _edited_meanwhile(request, meeting, form, error: EditedMeanwhile):
    """The text typed stays in the form; the saved one is shown above it."""
    form.start_from(error.current.minutes_version)
    form.add_error(None, error)
    return _minutes_page(request, meeting, form, current=error.current)


@require_http_methods(["GET", "POST"])
def minutes_validate(request, pk: int):
    """GET: the confirmation page (the dialog of the meeting's page says the
    same). POST: the minutes frozen and announced by e-mail, once (one-time
    token)."""
    meeting = get_meeting(request, pk, organise=True)
    if request.method == "GET":
        if not _writable(request, meeting):
            return redirect(meeting)
        if meeting.minutes_validated:
            messages.error(
                request, _("Ce compte rendu est déjà validé : amendez-le pour le modifier.")
            )
            return redirect(meeting_url(meeting, "compte-rendu"))
        invited = invited_count(meeting)
        context = minutes_validate_confirmation(meeting, invited=invited, form=ActionForm())
        return confirm_page(request, context)

    def validate() -> str:
        minutes.validate_minutes(meeting, by=request.user)
        messages.success(
            request,
            _("Le compte rendu est validé : les membres invités ont reçu un e-mail avec son lien."),
        )
        return meeting_url(meeting, "compte-rendu")

    try:
        return act_once(request, validate, back=meeting_url(meeting, "compte-rendu"))
    except ValidationError as error:
        add_validation_errors(request, error)
    return redirect(meeting_url(meeting, "compte-rendu"))


@require_POST
def minutes_amend(request, pk: int):
    """The amendment of validated minutes, from the minutes' page: the texts
    saved and the new version announced at once (one-time token), or nothing
    — a comment to correct, a text edited meanwhile, nothing changed: the
    page again, with what was typed."""
    meeting = get_meeting(request, pk, organise=True)
    if not meeting.minutes_validated:
        messages.error(request, _("Ce compte rendu n'est pas encore validé."))
        return redirect(meeting_url(meeting, "compte-rendu"))
    form = MinutesAmendForm(request.POST, meeting=meeting, items=meeting.items.on_agenda())
    if not form.is_valid():
        return _minutes_page(request, meeting, form, status=400)

    def amend() -> str:
        revision = form.amend(by=request.user)
        messages.success(
            request,
            _("La version %(number)s du compte rendu a été annoncée aux membres invités.")
            % {"number": revision.number},
        )
        return meeting_url(meeting, "compte-rendu")

    try:
        return submit_once(request, form, amend)
    except EditedMeanwhile as error:
        return _edited_meanwhile(request, meeting, form, error)
    except ValidationError as error:
        form.add_error(None, error)
    return _minutes_page(request, meeting, form, status=400)


@require_GET
def minutes_pdf(request, pk: int):
    meeting = get_meeting(request, pk)
    revisions = meeting.minutes_revisions.select_related("author")
    number = request.GET.get("version", "")
    if number:
        if not number.isdigit():
            raise Http404
        revision = revisions.filter(number=int(number)).first()
    else:
        revision = latest_revision(revisions)
    if revision is None:
        raise Http404
    # The ETag is known before the document is built: a 304, or a PDF kept
    # already, costs neither its context nor its HTML.
    return pdf_response(
        minutes.PDF_TEMPLATE,
        lambda: minutes.pdf_context(meeting, revision),
        minutes.pdf_filename(meeting, revision),
        request=request,
        content_key=minutes.pdf_content_key(meeting, revision),
    )


@require_http_methods(["GET", "POST"])
def decision_create(request, pk: int):
    """A decision on a page of its own; from the minutes' page, htmx posts a
    row here (`row`: its key) and gets the row back, the decision added."""
    meeting = get_meeting(request, pk, organise=True)
    if request.htmx and request.method == "POST":
        return _decision_row_added(request, meeting)
    if not _writable(request, meeting):
        return redirect(meeting)
    if meeting.minutes_validated:
        messages.error(request, AMEND_ONLY)
        return redirect(meeting_url(meeting, "compte-rendu"))
    form = DecisionForm(
        request.POST or None, meeting=meeting, initial={"item": request.GET.get("item")}
    )
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            decision = form.save(commit=False)
            decision.meeting, decision.created_by = meeting, request.user
            decision.save()
            messages.success(request, _("La décision a été ajoutée au compte rendu."))
            return meeting_url(meeting, "compte-rendu")

        return submit_once(request, form, create)
    return render(
        request,
        "rcp/decision_form.html",
        {"meeting": meeting, "structure": meeting.structure, "form": form},
    )


def _decision_row_added(request, meeting):
    """The htmx « Ajouter la décision » of a row of the minutes' page: the
    decision created (once per token), the row given back with it and a new
    empty form; a refusal comes back in the row, what was typed kept."""
    key = request.POST.get("row", "")
    items = {str(item.pk): item for item in meeting.items.on_agenda()}
    if key != GENERAL and key not in items:
        return HttpResponseBadRequest(_("Ce point n'est pas à l'ordre du jour de la RCP."))
    item = items.get(key)
    row = DecisionRowForm(request.POST, meeting=meeting, item=item, prefix=decision_row_prefix(key))
    refusal = ""
    if meeting.is_cancelled or not meeting.has_started:
        refusal = _("Le compte rendu se rédige une fois la RCP tenue.")
    elif meeting.minutes_validated:
        refusal = str(AMEND_ONLY)
    elif not row.has_changed():
        refusal = _("Écrivez la décision, son responsable et son échéance.")
    elif row.is_valid():

        def create() -> str:
            row.save_for(request.user)
            return reverse("rcp:minutes_edit", args=[meeting.pk]) + f"#decisions-{key}"

        submit_once(request, row, create)
        # The row again: the decision among those taken, a new empty form.
        row = DecisionRowForm(meeting=meeting, item=item, prefix=decision_row_prefix(key))
        context = _row_context(meeting, row, _decisions_by_row(meeting).get(key, []), instant=True)
        return render(request, ROW_TEMPLATE, {**context, "added": True})
    context = _row_context(meeting, row, _decisions_by_row(meeting).get(key, []), instant=True)
    return render(request, ROW_TEMPLATE, {**context, "refusal": refusal})
