from django.core.paginator import Paginator
from django.shortcuts import render

from gecolib.access import facilitator_required

from .models import Facilitation


@facilitator_required
def workspace(request):
    facilitations = Facilitation.objects.select_related("structure")
    if not request.user.is_staff:
        facilitations = facilitations.assigned_to(request.user)
    page = Paginator(facilitations, 20).get_page(request.GET.get("page"))
    return render(request, "facilitations/workspace.html", {"page": page})
