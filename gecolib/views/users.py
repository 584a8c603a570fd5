"""Staff's list of accounts and the role they give (facilitator kinds)."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..access import staff_required
from ..account_counts import account_counts
from ..forms import RoleForm, UserSearchForm
from ..models import Charter, CharterAcceptance, User
from ..pagination import paginate
from ..text import de


@staff_required
@require_GET
def user_list(request):
    form = UserSearchForm(request.GET or None)
    users = (
        User.objects.select_related("profession")
        # What the table shows, not the whole account (password hash included).
        .only(
            "first_name", "last_name", "email", "is_staff", "facilitator_kind", "profession__name"
        )
        .annotate(
            mfa_active=Exists(
                Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
            charter_ok=Exists(
                CharterAcceptance.objects.filter(
                    user=OuterRef("pk"), charter=Charter.current_in_query()
                )
            ),
        )
        # The order of the `user_by_name` index: a page is read from it.
        .order_by("last_name", "first_name", "email")
    )
    if form.is_valid():
        q = form.cleaned_data.get("q")
        if q:
            users = users.filter(
                Q(email__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q)
            )
        role = form.cleaned_data.get("role")
        if role == "facilitateur":
            users = users.exclude(facilitator_kind="")
        elif role == "staff":
            users = users.filter(is_staff=True)
        elif role == "professionnel":
            users = users.filter(is_staff=False, facilitator_kind="")
    filtered = form.is_valid() and (form.cleaned_data.get("q") or form.cleaned_data.get("role"))
    # Every account: the total kept in the cache, not a count of the table.
    page = paginate(
        request, users, per_page=25, count=None if filtered else account_counts()["all"]
    )
    return render(request, "gecolib/user_list.html", {"form": form, "page": page})


@staff_required
@require_http_methods(["GET", "POST"])
def user_role(request, pk: int):
    target = get_object_or_404(User, pk=pk)
    current = target.facilitator_kind or RoleForm.PROFESSIONAL
    form = RoleForm(request.POST or None, initial={"role": current})
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        target.facilitator_kind = "" if role == RoleForm.PROFESSIONAL else role
        target.save(update_fields=["facilitator_kind"])
        messages.success(
            request,
            _("Rôle %(of_user)s : %(role)s.")
            % {"of_user": de(target.display_name), "role": target.role_label},
        )
        return redirect("user_list")
    return render(request, "gecolib/user_role.html", {"form": form, "target": target})
