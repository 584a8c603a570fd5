"""The versions of a protocol: list, one version, comparison, restore."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gecolib.diff import diff_contents
from gecolib.revisions import RevisionPages, latest_revision, revisions_to_compare

from ..access import can_edit, get_protocol
from ..enums import ProtocolTheme
from ..models import Protocol
from ..models.coordination import TEXT_FIELDS


def _pages(protocol: Protocol) -> RevisionPages:
    return RevisionPages(
        view="protocols:protocol_version",
        compare="protocols:protocol_diff",
        restore="protocols:protocol_restore",
        args=(protocol.pk,),
    )


def _as_text(content: dict) -> dict[str, str]:
    """A revision's content as texts to compare (the steps one per line)."""
    texts = {key: content.get(key, "") for key, _label in TEXT_FIELDS}
    theme = content.get("theme", "")
    texts["theme"] = str(ProtocolTheme(theme).label) if theme in ProtocolTheme.values else theme
    texts["steps"] = "\n".join(
        _("%(n)s. Qui : %(who)s — Quoi : %(what)s — Quand : %(when)s — Comment : %(how)s")
        % {
            "n": n,
            **{k: " ".join(str(step.get(k, "")).split()) for k in ("who", "what", "when", "how")},
        }
        for n, step in enumerate(content.get("steps", []), start=1)
    )
    return texts


def _labels() -> list[tuple[str, str]]:
    return [
        TEXT_FIELDS[0],
        ("theme", _("Thème")),
        *TEXT_FIELDS[1:],
        ("steps", _("Étapes (qui, quoi, quand, comment)")),
    ]


def _get_revision(protocol: Protocol, number: int):
    return get_object_or_404(protocol.revisions.select_related("author"), number=number)


@require_GET
def protocol_versions(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_protocol(request, pk)
    revisions = protocol.revisions.select_related("author", "restored_from").order_by("-number")
    page = Paginator(revisions, 20).get_page(request.GET.get("page"))
    on_page = list(page.object_list)
    pages = _pages(protocol)
    current = on_page[0].number if on_page and page.number == 1 else None
    context = {
        "protocol": protocol,
        "structure": protocol.structure,
        "page": page,
        "rows": pages.rows(on_page, current=current),
        "compare_url": pages.compare_url(),
        "editable": protocol.is_editable and can_edit(request.user, protocol),
    }
    return render(request, "protocols/coordination/versions.html", context)


@require_GET
def protocol_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    protocol = get_protocol(request, pk)
    revision = _get_revision(protocol, number)
    latest = latest_revision(protocol.revisions)
    texts = _as_text(revision.content)
    context = {
        "protocol": protocol,
        "structure": protocol.structure,
        "revision": revision,
        "fields": [(label, texts.get(key, "")) for key, label in _labels() if key != "steps"],
        "steps": revision.content.get("steps", []),
        "editable": protocol.is_editable
        and latest is not None
        and latest.content != revision.content
        and can_edit(request.user, protocol),
    }
    return render(request, "protocols/coordination/version.html", context)


@require_GET
def protocol_diff(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = get_protocol(request, pk)
    try:
        old, new = revisions_to_compare(
            protocol.revisions, request.GET.get("a"), request.GET.get("b")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("protocols:protocol_versions", pk=protocol.pk)
    diffs = diff_contents(_as_text(old.content), _as_text(new.content), _labels())
    context = {
        "protocol": protocol,
        "structure": protocol.structure,
        "old": old,
        "new": new,
        "diffs": diffs,
        "changed_count": sum(1 for d in diffs if d.changed),
    }
    return render(request, "protocols/coordination/diff.html", context)


@require_POST
def protocol_restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    protocol = get_protocol(request, pk, edit=True)
    revision = _get_revision(protocol, number)
    try:
        new = protocol.restore(revision, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("protocols:protocol_versions", pk=protocol.pk)
    messages.success(
        request,
        _("La version %(old)s a été restaurée : elle devient la version %(new)s.")
        % {"old": revision.number, "new": new.number},
    )
    return redirect("protocols:protocol_versions", pk=protocol.pk)
