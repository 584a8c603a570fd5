from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render

from .models import Structure


@login_not_required
def directory(request):
    structures = Structure.objects.visible_to(request.user).select_related("commune")
    page = Paginator(structures, 20).get_page(request.GET.get("page"))
    return render(request, "structures/directory.html", {"page": page})
