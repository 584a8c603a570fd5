"""The basics of a French public-interest site, linked from every page's
footer: contact page (messages kept and sent to the team), mentions légales,
personal data (with one's own export and account closure) and the
accessibility statement."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..access import staff_required
from ..contact import ContactMessage
from ..idempotency import submit_once
from ..messages import add_validation_errors
from ..models import User
from ..notifications import notify
from ..pagination import paginate
from ..personal_data import close_account, export_data
from ..public_forms import AccountClosureForm, ContactForm, rate_limit_allows


@login_not_required
@require_http_methods(["GET", "POST"])
def contact(request):
    form = ContactForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limit_allows(request):
            return submit_once(request, form, lambda: _send(request, form))
        form.add_error(
            None,
            _(
                "Vous avez envoyé beaucoup de messages en peu de temps : le portail "
                "refuse les suivants pour l'instant. Réessayez dans une heure."
            ),
        )
        status = 429
    return render(request, "gecolib/contact.html", {"form": form}, status=status)


def _send(request, form: ContactForm) -> str:
    message = form.save(commit=False)
    message.user = request.user if request.user.is_authenticated else None
    message.save()
    notify(
        User.objects.staff_emails(),
        "gecolib/email/contact",
        {"message": message},
        key=f"contact:{message.pk}",
    )
    messages.success(
        request,
        _(
            "Votre message a été transmis à l'équipe GECO Lib'. Elle vous répondra à "
            "l'adresse %(email)s."
        )
        % {"email": message.email},
    )
    return reverse("contact")


@staff_required
@require_GET
def contact_messages(request):
    page = paginate(request, ContactMessage.objects.select_related("user"))
    return render(request, "gecolib/contact_messages.html", {"page": page})


@login_not_required
@require_GET
def legal_notice(request):
    return render(request, "gecolib/legal_notice.html", {"legal": settings.GECOLIB_LEGAL})


@login_not_required
@require_GET
def personal_data(request):
    return render(request, "gecolib/personal_data.html")


@require_GET
def personal_data_export(request):
    """The signed-in person's own data, as a JSON file."""
    data = export_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    filename = f"gecolib-mes-donnees-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_http_methods(["GET", "POST"])
def account_delete(request):
    """Closing one's own account, confirmed by the password."""
    form = AccountClosureForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            close_account(request.user)
        except ValidationError as error:
            add_validation_errors(request, error)
        else:
            logout(request)
            messages.success(
                request,
                _(
                    "Votre compte est supprimé : vos données personnelles sont effacées et "
                    "vos contributions aux équipes sont désormais anonymes."
                ),
            )
            return redirect("home")
    return render(request, "gecolib/account_delete.html", {"form": form})


@login_not_required
@require_GET
def accessibility(request):
    return render(request, "gecolib/accessibility.html")
