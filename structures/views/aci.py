"""The ACI rules, kept by staff: the list, adding a rule, changing one (each
change a dated version, compared and restored by the generic version pages)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from gecolib.access import staff_required
from gecolib.idempotency import replay_if_submitted, submit_once
from gecolib.pagination import paginate
from gecolib.views.revisions import VersionedDocument, save_version

from ..forms import AciRuleCreationForm, AciRuleForm
from ..models import AciRule
from ..models.aci import REVISION_FIELDS, rule_content_as_text


@staff_required
@require_GET
def rule_list(request: HttpRequest) -> HttpResponse:
    """Queries: the paginator's count and the page of rules."""
    page = paginate(request, AciRule.objects.order_by("label"))
    return render(request, "structures/aci/rule_list.html", {"page": page})


@staff_required
@require_http_methods(["GET", "POST"])
def rule_create(request: HttpRequest) -> HttpResponse:
    # A double click would otherwise be told the code is taken (by itself).
    if replayed := replay_if_submitted(request):
        return replayed
    form = AciRuleCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            rule = form.save()
            rule.save_revision(by=request.user, comment=form.cleaned_data["comment"])
            messages.success(request, _("Règle « %(label)s » ajoutée.") % {"label": rule})
            return reverse("structures:aci_rules")

        return submit_once(request, form, create)
    return render(request, "structures/aci/rule_form.html", {"form": form, "rule": None})


@staff_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Each save creates a version: the form carries a one-time token, so a
    double click saves once."""
    rule = get_object_or_404(AciRule, pk=pk)
    if replayed := replay_if_submitted(request):
        return replayed
    form = AciRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        return save_version(
            request,
            form,
            rule,
            saved=_("Règle modifiée : version %(number)s enregistrée."),
            to=reverse("structures:aci_rules"),
        )
    return render(request, "structures/aci/rule_form.html", {"form": form, "rule": rule})


def rule_owner(request: HttpRequest, *, write: bool = False, pk: int) -> AciRule:
    """The rule: reference data, read and restored by staff only
    (`staff_required` on the pages)."""
    return get_object_or_404(AciRule, pk=pk)


ACI_RULE_VERSIONS = VersionedDocument(
    name="aci_rule",
    namespace="structures",
    get_owner=rule_owner,
    fields=lambda: REVISION_FIELDS,
    as_text=rule_content_as_text,
    restore=lambda rule, revision, by: rule.restore(revision, by=by),
    restored_message=gettext_lazy(
        "Les valeurs de la version %(old)s sont rétablies (version %(new)s)."
    ),
    title=gettext_lazy("de la règle de l'ACI"),
    back_label=gettext_lazy("Retour à la règle"),
    breadcrumb="structures/aci/_breadcrumb.html",
    owner_name="rule",
    intro=gettext_lazy(
        "Chaque modification crée une version datée. Cochez deux versions pour les comparer ; "
        "restaurer une version rétablit ses valeurs dans une nouvelle version : rien n'est perdu."
    ),
    decorators=(staff_required,),
)
