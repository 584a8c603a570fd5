"""The minutes of an RCP: written by its organisers (each save checked
against the version the editor started from, `concurrency.py`), validated,
then frozen as a revision (gecolib/revisions.py) and announced to the invited
members who read the meeting now — and to nobody else. The e-mail carries a
link to the minutes, never their text nor their PDF. An amendment is a new
revision, announced again.

The PDF is built from the revision's content (a snapshot of the items'
summaries and the decisions), so what was validated can be shown again
exactly."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gecolib.absolute_urls import absolute_url
from gecolib.notifications import notify
from gecolib.revisions import latest_revision
from gecolib.team_data import identity_error
from structures.documents import structure_generation

from . import recipients
from .concurrency import EditedMeanwhile
from .models import (
    AgendaItem,
    Decision,
    Invitee,
    Meeting,
    MinutesRevision,
    check_team_data,
    erase_guest_emails,
)

PDF_TEMPLATE = "rcp/print/minutes.html"


def minutes_content(meeting: Meeting) -> dict:
    """The minutes as they stand: what a revision keeps."""
    invitees = Invitee.objects.filter(meeting=meeting).with_user()
    decisions = Decision.objects.filter(meeting=meeting).select_related("owner", "item")
    return {
        "title": meeting.title,
        "starts_at": timezone.localtime(meeting.starts_at).isoformat(),
        "purpose": str(meeting.get_purpose_display()),
        "general": meeting.minutes_text,
        "attendance": [
            {
                "name": invitee.user.display_name,
                "profession": str(invitee.user.profession or ""),
                "attendance": str(invitee.get_attendance_display()),
            }
            for invitee in invitees
        ],
        "items": [
            {
                "pk": item.pk,
                "label": item.case_label,
                "title": item.title,
                "kind": str(item.get_kind_display()),
                "summary": item.summary,
            }
            for item in meeting.items.on_agenda()
        ],
        "decisions": [
            {
                "item": decision.item_id,
                "text": decision.text,
                "owner": decision.owner.display_name,
                "due_date": decision.due_date.isoformat(),
                "to_protocol": decision.to_protocol,
                "ppcs": decision.ppcs,
            }
            for decision in decisions
        ],
    }


def pdf_context(meeting: Meeting, revision: MinutesRevision) -> dict:
    content = revision.content
    decisions = [
        {**decision, "due_date": datetime.date.fromisoformat(decision["due_date"])}
        for decision in content.get("decisions", [])
    ]
    decisions_by_item: dict = {}
    for decision in decisions:
        decisions_by_item.setdefault(decision["item"], []).append(decision)
    items = [
        {**item, "decisions": decisions_by_item.get(item["pk"], [])}
        for item in content.get("items", [])
    ]
    known = {item["pk"] for item in items}
    return {
        "meeting": meeting,
        "revision": revision,
        "content": content,
        "items": items,
        "other_decisions": [d for d in decisions if d["item"] not in known],
    }


def pdf_content_key(meeting: Meeting, revision: MinutesRevision) -> str:
    """What the PDF shows, known before it is rendered (gecolib.pdf): the
    version of the minutes (frozen text), and the meeting and its structure
    as they are now (every saved meeting, member or row of the structure
    renews its generation: structures.documents)."""
    return ":".join(
        [
            f"{meeting.pk}r{revision.pk}",
            structure_generation(meeting.structure_id),
        ]
    )


def pdf_filename(meeting: Meeting, revision: MinutesRevision) -> str:
    return _("Compte rendu RCP %(date)s – version %(number)s.pdf") % {
        "date": meeting.date.strftime("%Y-%m-%d"),
        "number": revision.number,
    }


def minutes_url(meeting: Meeting) -> str:
    return f"{absolute_url(meeting)}#compte-rendu"


def _send(meeting: Meeting, revision: MinutesRevision) -> int:
    """The news of the minutes to the invited members who read the meeting:
    a link to them, no text, no PDF."""
    context = {"meeting": meeting, "revision": revision, "minutes_url": minutes_url(meeting)}
    sent = 0
    for invitee in recipients.minutes_recipients(meeting):
        sent += notify(
            invitee.user.email,
            "rcp/emails/minutes",
            context,
            key=f"rcp-minutes:{meeting.pk}:{revision.number}:{invitee.user_id}",
        )
    return sent


def save_minutes(
    meeting: Meeting,
    *,
    general: str,
    summaries: dict[int, str],
    base_version: int,
    names_confirmed: bool = False,
) -> Meeting:
    """The minutes' draft (general points, each item's summary) saved, if
    nobody saved them since `base_version`; else `EditedMeanwhile`, and
    nothing is saved. The texts go through the models' checks."""
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.minutes_version != base_version:
            raise EditedMeanwhile(
                _(
                    "Le compte rendu a été enregistré par quelqu'un d'autre pendant que vous "
                    "écriviez : rien n'a été enregistré. Le texte enregistré est affiché "
                    "ci-dessous ; reprenez vos modifications dans le formulaire, puis "
                    "enregistrez de nouveau."
                ),
                current=locked,
            )
        locked.minutes_text, locked.names_confirmed = general, names_confirmed
        check_team_data(locked, "minutes_text")
        items = list(locked.items.on_agenda().filter(pk__in=summaries))
        for item in items:
            item.summary, item.names_confirmed = summaries[item.pk], names_confirmed
            check_team_data(item, "summary")
        locked.minutes_version += 1
        locked.save(update_fields=["minutes_text", "minutes_version"])
        AgendaItem.objects.bulk_update(items, ["summary"])
    return locked


def validate_minutes(meeting: Meeting, *, by) -> MinutesRevision:
    """Freeze the minutes (revision 1) and send them to the invited members."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("structure").get(pk=meeting.pk)
        meeting.check_open()
        if not meeting.has_started:
            raise ValidationError(_("Le compte rendu se valide une fois la RCP tenue."))
        if meeting.minutes_validated:
            raise ValidationError(
                _("Ce compte rendu est déjà validé : amendez-le pour le modifier.")
            )
        if (
            not meeting.minutes_text.strip()
            and not meeting.items.on_agenda().exclude(summary="").exists()
        ):
            raise ValidationError(
                _("Le compte rendu est vide : rédigez au moins la synthèse d'un point.")
            )
        revision = meeting.save_revision(
            minutes_content(meeting), by=by, comment=_("Compte rendu validé")
        )
        meeting.minutes_validated_at, meeting.minutes_validated_by = timezone.now(), by
        meeting.save(update_fields=["minutes_validated_at", "minutes_validated_by"])
        _send(meeting, revision)
        # The meeting is closed: its outside guests' e-mails served their purpose.
        erase_guest_emails(meeting.guests.all())
    return revision


def amend_minutes(
    meeting: Meeting, *, by, comment: str, names_confirmed: bool = False
) -> MinutesRevision:
    """After validation: the minutes as they now stand become a new revision,
    announced again. The comment (what the amendment changes) is checked like
    any free text."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Dites ce que l'amendement change."))
    if error := identity_error(comment, names_confirmed=names_confirmed):
        raise error
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("structure").get(pk=meeting.pk)
        if not meeting.minutes_validated:
            raise ValidationError(_("Ce compte rendu n'est pas encore validé."))
        content = minutes_content(meeting)
        latest = latest_revision(meeting.minutes_revisions)
        if latest is not None and latest.content == content:
            raise ValidationError(
                _("Rien n'a changé depuis la dernière version envoyée du compte rendu.")
            )
        revision = meeting.save_revision(content, by=by, comment=comment)
        _send(meeting, revision)
    return revision


def restore_minutes(meeting: Meeting, revision: MinutesRevision, *, by) -> MinutesRevision:
    """An older version of the validated minutes sent again as the newest one,
    like an amendment (`Meeting.restore`)."""
    with transaction.atomic():
        new = meeting.restore(revision, by=by)
        _send(meeting, new)
    return new


COMPARED_FIELDS = [
    ("general", _lazy("Points généraux")),
    ("items", _lazy("Synthèse des points")),
    ("decisions", _lazy("Décisions")),
    ("attendance", _lazy("Présence")),
]


def comparable_text(content: dict) -> dict[str, str]:
    """A revision's content as texts, field by field, for gecolib.diff."""
    return {
        "general": content.get("general", ""),
        "items": "\n\n".join(
            f"{(item['label'] + ' – ') if item['label'] else ''}{item['title']}\n{item['summary']}"
            for item in content.get("items", [])
        ),
        "decisions": "\n".join(
            f"{d['text']} ({d['owner']}, {d['due_date']})" for d in content.get("decisions", [])
        ),
        "attendance": "\n".join(
            f"{row['name']} : {row['attendance']}" for row in content.get("attendance", [])
        ),
    }
