"""The versions of a protocol (gecolib/views/revisions.py): the list, one
version, the comparison of two, and the restore of an older one."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gecolib.revisions import Revision
from gecolib.views.revisions import VersionedDocument

from ..access import can_edit, get_protocol
from ..enums import ProtocolTheme
from ..models import Protocol
from ..models.protocol import TEXT_FIELDS


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
    texts["indicators"] = "\n".join(
        _indicator_line(indicator) for indicator in content.get("indicators", [])
    )
    return texts


def _indicator_line(indicator: dict) -> str:
    """An indicator of a version on one line, with its dated values."""
    values = " ; ".join(_value_text(value) for value in indicator.get("values", []))
    return _("%(name)s — cible : %(target)s — mesure : %(measure)s — valeurs : %(values)s") % {
        "name": indicator.get("name", ""),
        "target": indicator.get("target") or "–",
        "measure": indicator.get("measure") or "–",
        "values": values or "–",
    }


def _value_text(value: dict) -> str:
    """« 01/06/2025 : 9,5 (comment) »."""
    date = date_format(datetime.date.fromisoformat(value["date"]), "SHORT_DATE_FORMAT")
    number = f"{Decimal(value['value']):f}"
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    number = number.replace(".", ",")  # « 9,5 », « 10 »
    comment = f" ({value['comment']})" if value.get("comment") else ""
    return f"{date} : {number}{comment}"


def _labels() -> list[tuple[str, str]]:
    return [
        TEXT_FIELDS[0],
        ("theme", _("Thème")),
        *TEXT_FIELDS[1:],
        ("steps", _("Étapes (qui, quoi, quand, comment)")),
        ("indicators", _("Indicateurs et valeurs datées")),
    ]


def protocol_owner(request: HttpRequest, *, write: bool = False, pk: int) -> Protocol:
    """The protocol whose versions the team reads (404 otherwise); restoring
    needs the right to edit it (403 otherwise)."""
    return get_protocol(request, pk, edit=write)


def may_restore(request: HttpRequest, protocol: Protocol) -> bool:
    """A protocol in design or to review, by those who edit it."""
    return protocol.is_editable and can_edit(request.user, protocol)


def _version_context(request: HttpRequest, protocol: Protocol, revision: Revision | None) -> dict:
    """The structure (breadcrumb) and, on a version's page, its text without the
    steps, which the version's body shows as a table."""
    context = {"structure": protocol.structure}
    if revision is not None:
        texts = _as_text(revision.content)
        context["text_fields"] = [
            (label, texts.get(key, "")) for key, label in _labels() if key != "steps"
        ]
        context["steps"] = revision.content.get("steps", [])
    return context


def headings_changed(count: int) -> str:
    return ngettext("%(count)s rubrique modifiée.", "%(count)s rubriques modifiées.", count) % {
        "count": count
    }


PROTOCOL_VERSIONS = VersionedDocument(
    name="protocol",
    namespace="protocols",
    get_owner=protocol_owner,
    fields=_labels,
    as_text=lambda content, fields: _as_text(content),
    restore=lambda protocol, revision, by: protocol.restore(revision, by=by),
    restored_message=gettext_lazy(
        "La version %(old)s a été restaurée : elle devient la version %(new)s."
    ),
    title=gettext_lazy("du protocole"),
    back_label=gettext_lazy("Retour au protocole"),
    breadcrumb="protocols/coordination/_breadcrumb.html",
    owner_name="protocol",
    version_body="protocols/coordination/_version_body.html",
    extra_context=_version_context,
    may_restore=may_restore,
    intro=gettext_lazy(
        "Chaque modification du texte, des étapes ou des indicateurs, et chaque changement de "
        "statut, crée une version ; avant la suppression d'un indicateur, l'état d'avant est "
        "gardé avec ses valeurs. Cochez deux versions pour les comparer. Restaurer une version "
        "(en conception ou à réviser) en crée une nouvelle qui reprend son texte, ses étapes et "
        "ses indicateurs avec leurs valeurs ; les indicateurs et valeurs ajoutés depuis restent : "
        "rien n'est perdu. Les réunions de conception ne sont pas concernées."
    ),
    empty_text=gettext_lazy("Aucune version enregistrée."),
    changed_text=headings_changed,
)
