"""The health project's page, the first save, section editing and status changes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gecolib.confirmations import confirm_page, confirmation
from gecolib.messages import add_validation_errors
from gecolib.tasks import enqueue

from ...access import can_write, get_health_project, get_structure
from ...documents import document_context
from ...enums import HealthProjectSection, HealthProjectStatus
from ...forms import SectionForm
from ...models import HealthProject, HealthProjectVersion
from ...models.health_project import SECTION_GUIDANCE
from ...tasks import render_health_project_pdf

Section = HealthProjectSection
Status = HealthProjectStatus

# Status changes offered on the page: action (its address) → (model method, button label).
TRANSITIONS = {
    "soumettre": ("submit", gettext_lazy("Soumettre à l'ARS")),
    "carpec": ("record_carpec_opinion", gettext_lazy("Enregistrer l'examen en CARPEC")),
    "valider": ("validate", gettext_lazy("Enregistrer la validation")),
    "renvoyer": ("request_rework", gettext_lazy("Renvoyer à reprendre")),
    "reprendre": ("reopen", gettext_lazy("Reprendre la rédaction")),
}
# The actions' names in the former English addresses (structures/urls.py).
FORMER_ACTIONS = {
    "submit": "soumettre",
    "carpec": "carpec",
    "validate": "valider",
    "rework": "renvoyer",
    "reopen": "reprendre",
}
TRANSITION_MESSAGES = {
    "soumettre": gettext_lazy(
        "Le projet a été soumis à l'ARS ; la version %(number)s est figée. Le portail ne "
        "transmet rien à l'ARS : téléchargez le PDF et déposez-le sur démarches-simplifiées."
    ),
    "carpec": gettext_lazy("Le passage du projet en CARPEC est enregistré."),
    "valider": gettext_lazy("Le projet de santé est validé."),
    "renvoyer": gettext_lazy("Le projet est renvoyé à l'équipe pour être repris."),
    "reprendre": gettext_lazy("Le projet repasse en brouillon : la rédaction peut reprendre."),
}


def _actions(project: HealthProject | None, user, may_write: bool) -> list[tuple[str, str]]:
    if project is None or not may_write:
        return []
    offered = {
        Status.DRAFT: ["soumettre"] if project.may_submit(user) else [],
        Status.SUBMITTED: ["carpec", "renvoyer"] if project.may_review(user) else [],
        Status.CARPEC: ["valider", "renvoyer"] if project.may_review(user) else [],
        Status.TO_REWORK: ["reprendre"],
        Status.VALIDATED: [],
    }[project.status]
    return [(action, TRANSITIONS[action][1]) for action in offered]


# -- pages ---------------------------------------------------------------------------


@require_GET
def health_project(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True)
    project = HealthProject.objects.filter(structure=structure).first()
    latest = project.latest_version() if project else None
    # A facilitator whose assignment ended reads the project, writes no more.
    may_write = can_write(request.user, structure)
    context = {
        "structure": structure,
        "project": project,
        "latest": latest,
        "editable": may_write and (project is None or project.is_editable),
        "actions": _actions(project, request.user, may_write),
        "submit_confirmation": (
            transition_confirmation(structure, project, "soumettre")
            if project and "soumettre" in dict(_actions(project, request.user, may_write))
            else None
        ),
        **document_context(structure, project.sections if project else {}),
    }
    return render(request, "structures/health_project/detail.html", context)


@require_POST
def health_project_start(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_structure(request, pk, private=True, write=True)
    project, created = HealthProject.objects.get_or_create(structure=structure)
    if created:
        messages.success(
            request,
            _("Le projet de santé est commencé : rédigez ses sections une à une."),
        )
    return redirect("structures:health_project", pk=structure.pk)


@require_http_methods(["GET", "POST"])
def health_project_edit_section(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    structure = get_structure(request, pk, private=True, write=True)
    if section not in Section.values:
        raise Http404
    key = Section(section)
    project = HealthProject.objects.filter(structure=structure).first()
    page_url = reverse("structures:health_project", args=[structure.pk])
    if project is not None and not project.is_editable:
        messages.error(
            request,
            _("Le projet est « %(status)s » : il ne peut pas être modifié.")
            % {"status": project.get_status_display()},
        )
        return redirect(page_url)
    form = SectionForm(request.POST or None, project=project, section=key.value)
    if request.method == "POST" and form.is_valid():
        if project is None:
            project, _created = HealthProject.objects.get_or_create(structure=structure)
        try:
            version = project.save_section(
                key.value,
                form.cleaned_data["text"],
                by=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Section « %(section)s » enregistrée : version %(number)s.")
                % {"section": key.label, "number": version.number},
            )
            return redirect(f"{page_url}#section-{key.value}")
    context = {
        "structure": structure,
        "project": project,
        "section": {"key": key.value, "label": key.label, "guidance": SECTION_GUIDANCE[key]},
        "form": form,
    }
    return render(request, "structures/health_project/edit_section.html", context)


# What the confirmation of a status change says (the page and the dialog).
CONFIRMATIONS = {
    "soumettre": gettext_lazy("Soumettre le projet de santé à l'ARS ?"),
    "carpec": gettext_lazy("Enregistrer l'examen du projet en CARPEC ?"),
    "valider": gettext_lazy("Enregistrer la validation du projet de santé ?"),
    "renvoyer": gettext_lazy("Renvoyer le projet à l'équipe pour qu'elle le reprenne ?"),
    "reprendre": gettext_lazy("Reprendre la rédaction du projet de santé ?"),
}


def transition_confirmation(structure, project: HealthProject, action: str) -> dict:
    """The context of the dialog (on the project's page) and of the page that
    confirm a status change: for a submission, the version it freezes and
    what the portal does not do (send the file to the ARS)."""
    return confirmation(
        dialog_id=f"confirmer-{action}",
        title=CONFIRMATIONS[action],
        body_template="structures/health_project/_confirm_transition.html",
        action=reverse("structures:health_project_transition", args=[structure.pk, action]),
        confirm_label=TRANSITIONS[action][1],
        confirm_class="btn-danger" if action in ("soumettre", "renvoyer") else "btn-primary",
        cancel_url=reverse("structures:health_project", args=[structure.pk]),
        transition=action,
        structure=structure,
        latest=project.latest_version(),
    )


def _check_may(project: HealthProject, user, action: str) -> None:
    """The role check of the model method, before the confirmation page."""
    allowed = {
        "soumettre": project.may_submit(user),
        "carpec": project.may_review(user),
        "valider": project.may_review(user),
        "renvoyer": project.may_review(user),
        "reprendre": True,
    }[action]
    if not allowed:
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def health_project_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """GET: the confirmation page (what the change does; the dialog of the
    project's page says the same). POST: the change."""
    structure = get_structure(request, pk, private=True, write=True)
    project = get_health_project(structure)
    if action not in TRANSITIONS:
        raise Http404
    if request.method == "GET":
        _check_may(project, request.user, action)
        if action not in dict(_actions(project, request.user, True)):
            messages.error(
                request,
                _("Le projet est « %(status)s » : ce changement n'est pas possible.")
                % {"status": project.get_status_display()},
            )
            return redirect("structures:health_project", pk=structure.pk)
        return confirm_page(request, transition_confirmation(structure, project, action))
    method = getattr(project, TRANSITIONS[action][0])
    try:
        result = method(by=request.user)  # PermissionDenied → 403
    except ValidationError as error:
        add_validation_errors(request, error)
    else:
        number = result.number if isinstance(result, HealthProjectVersion) else ""
        if action == "soumettre":  # frozen for good: its PDF is rendered ahead of downloads
            enqueue(render_health_project_pdf, project.pk, result.number)
        messages.success(request, TRANSITION_MESSAGES[action] % {"number": number})
    return redirect("structures:health_project", pk=structure.pk)
