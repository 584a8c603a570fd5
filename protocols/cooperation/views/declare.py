"""Declaring a protocol: one form with the team in it (délégants and
délégués as rows, a délégué's training), told first which protocols' activity
will not be financed for the structure. A declaration date and a
démarches-simplifiées number make it « déclaré » at once."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gecolib.idempotency import submit_once

from ..access import get_cooperation_structure
from ..forms.declarations import DeclarationForm
from ..forms.team import TEAM_PREFIX, TeamFormSet
from ..models.declarations import DeclarationStatus, ParticipantRole
from ..models.financing import not_financed

TEAM_TOTAL = f"{TEAM_PREFIX}-TOTAL_FORMS"
DECLARED_NEEDS_TEAM = gettext_lazy(
    "Avec une date de déclaration et un numéro de dossier, le protocole est marqué « déclaré » : "
    "indiquez dans l'équipe au moins un délégant et un délégué (ou laissez la date et le "
    "numéro vides : le protocole reste en préparation)."
)


def declared(data: dict) -> bool:
    """The form says the declaration was sent to the ARS: a date and a number."""
    return bool(data.get("declared_on") and data.get("ds_number"))


@require_http_methods(["GET", "POST"])
def declare(request: HttpRequest, pk: int) -> HttpResponse:
    structure = get_cooperation_structure(request, pk, write=True)
    data = request.POST if request.method == "POST" else None
    form = DeclarationForm(data, structure=structure)
    members = [m.user for m in structure.current_memberships()]
    # A form sent without the team's rows (a script, an older page) declares no team.
    team = TeamFormSet(data if data and TEAM_TOTAL in data else None, members=members)
    team_valid = team.is_valid() if team.is_bound else True
    if request.method == "POST" and all([form.is_valid(), team_valid]):
        protocol = form.cleaned_data["protocol"]
        accepted = team.check_for(protocol)
        if (
            accepted
            and declared(form.cleaned_data)
            and not {
                ParticipantRole.DELEGANT,
                ParticipantRole.DELEGATE,
            }
            <= team.roles()
        ):
            form.add_error(None, DECLARED_NEEDS_TEAM)
        elif accepted:
            try:
                return submit_once(request, form, lambda: _create(request, form, team, structure))
            except ValidationError as error:
                form.add_error(None, error)
    protocols = list(form.fields["protocol"].queryset)
    context = {
        "structure": structure,
        "form": form,
        "team": team,
        # Told before declaring: which protocols' activity will not be financed, and why.
        "not_financed": not_financed(structure, protocols),
        "protocol_count": len(protocols),
    }
    return render(request, "protocols/cooperation/declare.html", context)


def _create(request, form, team, structure) -> str:
    """The declaration, its team, and « déclaré » when its date and number
    are given (in the transaction of `submit_once`: all or nothing)."""
    declaration = form.save(commit=False)
    declaration.structure = structure
    declaration.created_by = request.user
    declaration.save()
    for row in team.rows():
        declaration.add_participant(
            row["user"],
            row["role"],
            by=request.user,
            training_date=row.get("training_date"),
            training_hours=row.get("training_hours"),
        )
    name = declaration.protocol.short_name
    if declared(form.cleaned_data):
        declaration.change_status(
            DeclarationStatus.DECLARED, by=request.user, date=declaration.declared_on
        )
        text = _(
            "Protocole « %(protocol)s » déclaré à l'ARS le %(date)s (dossier n° %(number)s) : "
            "son activité peut être saisie."
        ) % {
            "protocol": name,
            "date": date_format(declaration.declared_on, "j F Y"),
            "number": declaration.ds_number,
        }
    elif team.rows():
        text = _(
            "Protocole « %(protocol)s » ajouté avec son équipe, en préparation : une fois la "
            "déclaration envoyée à l'ARS, enregistrez sa date et son numéro de dossier."
        ) % {"protocol": name}
    else:
        text = _(
            "Protocole « %(protocol)s » ajouté, en préparation : déclarez maintenant ses "
            "délégants et ses délégués."
        ) % {"protocol": name}
    messages.success(request, text)
    return declaration.get_absolute_url()
