"""The facilitators' charter: reading it, accepting it (facilitators),
publishing a new version and its history (staff)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from ..access import staff_required
from ..forms import CharterAcceptForm, CharterForm
from ..idempotency import submit_once
from ..markdown import render_markdown
from ..models import Charter, CharterAcceptance
from .revisions import VersionedDocument


@login_not_required
@require_GET
def charter(request):
    current = Charter.current()
    accepted = None
    if request.user.is_authenticated and current is not None:
        accepted = CharterAcceptance.objects.filter(user=request.user, charter=current).first()
    return render(
        request,
        "gecolib/charter.html",
        {
            "charter": current,
            "charter_html": render_markdown(current.text) if current else "",
            "acceptance": accepted,
            "versions": Charter.objects.only("number", "created_at", "content")[:20],
        },
    )


@require_http_methods(["GET", "POST"])
def charter_accept(request):
    current = Charter.current()
    if current is None or not request.user.is_facilitator:
        return redirect("charter")
    form = CharterAcceptForm(request.POST if request.method == "POST" else None, charter=current)
    if request.method == "POST" and form.is_valid():
        CharterAcceptance.objects.get_or_create(user=request.user, charter=current)
        messages.success(
            request,
            _("Vous avez accepté la charte (version %(version)s).") % {"version": current.number},
        )
        return redirect("home")
    return render(
        request,
        "gecolib/charter_accept.html",
        {"charter": current, "charter_html": render_markdown(current.text), "form": form},
    )


def _published_message(charter: Charter) -> str:
    return _(
        "Version %(version)s de la charte publiée : les facilitateurs devront l'accepter à nouveau."
    ) % {"version": charter.number}


@staff_required
@require_http_methods(["GET", "POST"])
def charter_edit(request):
    current = Charter.current()
    initial = {"title": current.title, "text": current.text} if current else {}
    form = CharterForm(request.POST or None, initial=initial, current=current)
    if request.method == "POST" and form.is_valid():

        def publish() -> str:
            new = Charter.save_revision(
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                comment=form.cleaned_data["comment"],
                by=request.user,
            )
            messages.success(request, _published_message(new))
            return reverse("charter")

        try:
            return submit_once(request, form, publish)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "gecolib/charter_edit.html", {"form": form, "charter": current})


class CharterDocument:
    """The charter as a versioned document: its versions are the `Charter`
    rows themselves, with no owner row."""

    revisions = Charter.objects

    def __str__(self) -> str:
        return _("Charte du facilitateur")

    def get_absolute_url(self) -> str:
        return reverse("charter")


def _charter_html(request, owner: CharterDocument, revision: Charter | None) -> dict:
    return {"charter_html": render_markdown(revision.text)} if revision is not None else {}


def _parts_changed(count: int) -> str:
    return ngettext("%(count)s partie modifiée.", "%(count)s parties modifiées.", count) % {
        "count": count
    }


CHARTER_VERSIONS = VersionedDocument(
    name="charter",
    get_owner=lambda request, write=False: CharterDocument(),
    fields=lambda: [("title", gettext_lazy("Titre")), ("text", gettext_lazy("Texte"))],
    restore=lambda owner, revision, by: Charter.restore(revision, by=by),
    restored_message=gettext_lazy(
        "Le texte de la version %(old)s est republié comme version %(new)s : les "
        "facilitateurs devront l'accepter à nouveau."
    ),
    title=gettext_lazy("de la charte du facilitateur"),
    back_label=gettext_lazy("Retour à la charte"),
    breadcrumb="gecolib/_charter_breadcrumb.html",
    url_kwargs=lambda owner: {},
    version_body="gecolib/_charter_version_body.html",
    extra_context=_charter_html,
    intro=gettext_lazy(
        "Chaque publication crée une version. Cochez deux versions pour comparer leur titre "
        "et leur texte. Restaurer une version republie son texte comme nouvelle version : "
        "rien n'est perdu, et chaque facilitateur devra l'accepter à nouveau."
    ),
    empty_text=gettext_lazy("Aucune charte n'a encore été publiée."),
    current_label=gettext_lazy("Version en vigueur"),
    restore_label=gettext_lazy("Republier ce texte comme nouvelle version"),
    footer_links=lambda request, owner: [
        (gettext_lazy("Publier une nouvelle version"), reverse("charter_edit"))
    ],
    changed_text=_parts_changed,
    decorators=(staff_required,),
)
