"""The questionnaire of a closed facilitation: answered by its signed link
(no sign-in), its aggregated results for the binôme, its wording for staff."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from gecolib.access import staff_required
from gecolib.idempotency import replay_if_submitted, submit_once
from gecolib.views.revisions import VersionedDocument, save_version

from ..access import get_facilitation_for
from ..feedback import offered_helps, summarise
from ..forms import FeedbackAnswerForm, QuestionnaireForm
from ..models import FeedbackAnswer, FeedbackInvitation, FeedbackQuestionnaire
from ..models.feedback import MIN_ANSWERS_SHOWN, REVISION_FIELDS


def _done(request: HttpRequest, invitation: FeedbackInvitation, *, refused: bool = False):
    """The page of an answered questionnaire: thanks, or (a second answer) the refusal."""
    return render(
        request,
        "facilitations/feedback/done.html",
        {"invitation": invitation, "facilitation": invitation.facilitation, "refused": refused},
        status=409 if refused else 200,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def feedback_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The questionnaire opened by the link of the e-mail, whoever opens it:
    the signed token names the invitation and its facilitation (404 when
    forged or too old). Answered once: a second answer is refused."""
    invitation = FeedbackInvitation.from_token(token)
    if invitation is None or not invitation.facilitation.is_closed:
        raise Http404
    if replayed := replay_if_submitted(request):
        return replayed
    if invitation.answered:
        return _done(request, invitation, refused=request.method == "POST")
    facilitation = invitation.facilitation
    revision = FeedbackQuestionnaire.current().current_revision()
    form = FeedbackAnswerForm(
        request.POST or None, revision=revision, helps=offered_helps(facilitation)
    )
    if request.method == "POST" and form.is_valid():

        def record() -> str:
            invitation.record(form.instance, form.cleaned_data["helps"])
            messages.success(request, _("Merci : votre réponse est enregistrée."))
            return request.path

        try:
            return submit_once(request, form, record)
        except ValidationError as error:
            if error.code == "already_answered":
                return _done(request, invitation, refused=True)
            form.add_error(None, error)
    return render(
        request,
        "facilitations/feedback/answer.html",
        {"form": form, "facilitation": facilitation, "texts": revision.texts},
    )


@require_GET
def feedback_results(request: HttpRequest, pk: int) -> HttpResponse:
    """What the professionals thought of this facilitation, aggregated: for
    the binôme (current or past) and staff, from MIN_ANSWERS_SHOWN answers on.
    Nobody sees an answer alone."""
    facilitation = get_facilitation_for(request, pk)
    if not facilitation.can_see_private(request.user):
        raise PermissionDenied
    invitations = facilitation.feedback_invitations.all()
    summary = summarise(
        FeedbackAnswer.objects.visible_to(request.user).filter(facilitation=facilitation)
    )
    return render(
        request,
        "facilitations/feedback/results.html",
        {
            "facilitation": facilitation,
            "structure": facilitation.structure,
            "invited": invitations.count(),
            "summary": summary,
            "minimum": MIN_ANSWERS_SHOWN,
        },
    )


# ------------------------------------------------------------ staff: wording


@staff_required
@require_http_methods(["GET", "POST"])
def questionnaire_edit(request: HttpRequest) -> HttpResponse:
    """The questionnaire's wording: each save is a version; the answers keep
    the version they answered."""
    questionnaire = FeedbackQuestionnaire.current()
    if replayed := replay_if_submitted(request):
        return replayed
    form = QuestionnaireForm(request.POST or None, instance=questionnaire)
    if request.method == "POST" and form.is_valid():
        return save_version(
            request,
            form,
            questionnaire,
            saved=_("Questionnaire modifié : version %(number)s enregistrée."),
            to=reverse("facilitations:questionnaire"),
        )
    return render(
        request,
        "facilitations/feedback/questionnaire_form.html",
        {"form": form, "questionnaire": questionnaire},
    )


def questionnaire_owner(request: HttpRequest, *, write: bool = False) -> FeedbackQuestionnaire:
    """The questionnaire: reference data, read and restored by staff only."""
    return FeedbackQuestionnaire.current()


QUESTIONNAIRE_VERSIONS = VersionedDocument(
    name="questionnaire",
    namespace="facilitations",
    get_owner=questionnaire_owner,
    fields=lambda: REVISION_FIELDS,
    restore=lambda questionnaire, revision, by: questionnaire.restore(revision, by=by),
    restored_message=gettext_lazy(
        "Les questions de la version %(old)s sont rétablies (version %(new)s)."
    ),
    title=gettext_lazy("du questionnaire de fin de facilitation"),
    back_label=gettext_lazy("Retour au questionnaire"),
    breadcrumb="facilitations/feedback/_breadcrumb.html",
    owner_name="questionnaire",
    owner_url=lambda questionnaire: reverse("facilitations:questionnaire"),
    url_kwargs=lambda questionnaire: {},
    intro=gettext_lazy(
        "Chaque modification crée une version datée ; chaque réponse garde la version à "
        "laquelle elle a répondu. Cochez deux versions pour les comparer ; restaurer une "
        "version rétablit ses questions dans une nouvelle version."
    ),
    decorators=(staff_required,),
)
