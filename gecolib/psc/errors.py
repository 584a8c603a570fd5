"""The page shown when a sign-in through Pro Santé Connect does not go
through: a French explanation per reason, what to do next, and nothing
created or linked (every check runs before the account is touched)."""

from __future__ import annotations

from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

REASONS = {
    "cancelled": (
        _("Connexion annulée"),
        _(
            "Vous avez annulé la connexion avec Pro Santé Connect. Vous pouvez recommencer "
            "ou vous connecter avec votre adresse e-mail et votre mot de passe."
        ),
    ),
    "unreachable": (
        _("Pro Santé Connect ne répond pas"),
        _(
            "Le service Pro Santé Connect est momentanément injoignable. Réessayez dans "
            "quelques minutes, ou connectez-vous avec votre adresse e-mail et votre mot de passe."
        ),
    ),
    "mismatch": (
        _("Demande de connexion expirée"),
        _(
            "La réponse de Pro Santé Connect ne correspond pas à une demande de connexion "
            "en cours dans ce navigateur (lien trop ancien, ouvert dans un autre onglet ou "
            "déjà utilisé). Recommencez la connexion depuis le portail."
        ),
    ),
    "invalid": (
        _("Identité non vérifiée"),
        _(
            "La réponse de Pro Santé Connect n'a pas pu être vérifiée. Par sécurité, "
            "la connexion est refusée. Recommencez ; si le problème persiste, écrivez-nous."
        ),
    ),
    "refused": (
        _("Connexion refusée"),
        _(
            "Pro Santé Connect n'a pas autorisé la connexion. Recommencez, ou connectez-vous "
            "avec votre adresse e-mail et votre mot de passe."
        ),
    ),
    "no_rpps": (
        _("Identité sans numéro RPPS"),
        _(
            "Votre identité Pro Santé Connect ne comporte pas de numéro RPPS (par exemple "
            "pour un étudiant ou un professionnel enregistré seulement au répertoire ADELI). "
            "Le portail s'adresse aux professionnels inscrits au RPPS : créez plutôt votre "
            "compte avec une adresse e-mail et un mot de passe."
        ),
    ),
    "rpps_taken": (
        _("Numéro RPPS déjà utilisé"),
        _(
            "Un autre compte du portail porte déjà ce numéro RPPS. Connectez-vous à ce "
            "compte pour y relier Pro Santé Connect, ou écrivez-nous si ce n'est pas le vôtre."
        ),
    ),
}


def error_page(request: HttpRequest, reason: str) -> HttpResponse:
    title, explanation = REASONS[reason]
    return render(
        request,
        "psc/error.html",
        {"title": title, "explanation": explanation, "reason": reason},
        status=HTTPStatus.BAD_REQUEST if reason != "unreachable" else HTTPStatus.BAD_GATEWAY,
    )
