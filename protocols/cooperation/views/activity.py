"""A month's counts of a declaration: entered, or corrected.

The month is read as the form reads it (its two lists, month and year, or
one value AAAA-MM, MM/AAAA, AAAA-MM-JJ), so the form is bound to that
month's row when it exists — never a second row.
Entering a month already entered with other counts shows the counts in place
and asks to confirm the replacement (the correction link of a month carries
that confirmation: its page shows the counts); the counts replaced stay in
the declaration's history."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gecolib.confirmations import confirm_page, confirmation

from ..access import get_declaration
from ..forms.activity import ActivityForm, chosen_month
from ..models import CooperationDeclaration, MonthlyActivity
from ..models.activity import month_label, record_activity
from ..models.financing import year_financing

REPLACE_FIELD = "remplacer"
"""The month (AAAA-MM) whose counts the author agreed to replace."""


def activity_form(declaration, data, month=None) -> ActivityForm:
    """The form of `month` (its row when it was entered), else of a new month."""
    instance = declaration.activities.filter(month=month).first() if month else None
    initial = {} if instance else {"month": month or _default_month()}
    return ActivityForm(data, instance=instance, initial=initial, declaration=declaration)


def _default_month():
    """The month most often entered: the previous one (counts are entered by the 10th)."""
    today = timezone.localdate()
    return (today.replace(day=1) - timezone.timedelta(days=1)).replace(day=1)


def replace_confirmation(
    declaration: CooperationDeclaration, form: ActivityForm, previous: MonthlyActivity
) -> dict:
    """Entering again a month already entered: its counts, and the new ones
    to confirm (the form stays editable)."""
    return confirmation(
        dialog_id="confirmer-remplacer-mois",
        title=_("Les comptes de %(month)s sont déjà saisis")
        % {"month": month_label(previous.month)},
        body_template="protocols/cooperation/_confirm_activity_replace.html",
        action=reverse("cooperation:activity", args=[declaration.pk]),
        confirm_label=_("Remplacer les comptes de %(month)s")
        % {"month": month_label(previous.month)},
        confirm_class="btn-primary",
        cancel_url=declaration.get_absolute_url(),
        form=form,
        previous=previous,
        replace_field=REPLACE_FIELD,
        replace_value=previous.month.strftime("%Y-%m"),
    )


@require_http_methods(["GET", "POST"])
def activity(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter (or correct) one month's counts; the page shows the amount."""
    declaration = get_declaration(request, pk, write=True)
    if not declaration.is_declared:
        messages.error(
            request,
            _("Déclarez d'abord le protocole à l'ARS : l'activité se saisit une fois déclaré."),
        )
        return redirect(declaration)
    month = chosen_month(request.POST if request.method == "POST" else request.GET)
    form = activity_form(declaration, request.POST or None, month)
    # What is stored, read before the form writes the new counts in it.
    previous = MonthlyActivity.objects.get(pk=form.instance.pk) if form.instance.pk else None
    replace_value = previous.month.strftime("%Y-%m") if previous else ""
    if request.method == "POST" and form.is_valid():
        confirmed = request.POST.get(REPLACE_FIELD) == replace_value
        if previous and previous.counts() != form.instance.counts() and not confirmed:
            return confirm_page(request, replace_confirmation(declaration, form, previous))
        try:
            event = record_activity(form.instance, by=request.user)
        except IntegrityError:
            # The same month, entered by a colleague at the same moment.
            form.add_error(
                "month",
                _(
                    "Ce mois vient d'être saisi par un autre membre : rechargez la page pour "
                    "voir ses comptes ; rien n'a été enregistré."
                ),
            )
        else:
            return _saved(request, declaration, form.instance, replaced=event is not None)
    context = {
        "declaration": declaration,
        "structure": declaration.structure,
        "form": form,
        "previous": previous,
        "replace_field": REPLACE_FIELD,
        "replace_value": replace_value,
    }
    return render(request, "protocols/cooperation/activity.html", context)


def _saved(request, declaration, activity: MonthlyActivity, *, replaced: bool) -> HttpResponse:
    amount = year_financing(declaration, [activity], activity.month.year).months[0]
    text = _("Activité de %(month)s enregistrée : %(calculation)s.") % {
        "month": month_label(activity.month),
        "calculation": amount.shown_calculation,
    }
    text += " " + _("Montant estimé selon la règle du catalogue national, rappelée sur la page.")
    if replaced:
        text += " " + _("Les comptes remplacés restent dans l'historique de la déclaration.")
    messages.success(request, text)
    return redirect(f"{declaration.get_absolute_url()}?annee={activity.month.year}")
