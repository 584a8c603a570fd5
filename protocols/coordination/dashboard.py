"""What the coordination protocols add to the signed-in dashboard's
« À faire » list (gecolib/todos.py): the protocols awaiting the person's
agreement, and the reviews due of the protocols they may edit. Two queries
whatever the data size.

The two panels that used to list the same things (« Protocoles en attente
de votre avis », « Protocoles à réviser ») are gone: each thing is said once,
in the to-do list, with its date.
"""

from __future__ import annotations

import datetime

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gecolib.templatetags.french_dates import day_fr
from gecolib.todos import Todo, register_todos
from structures.models import Membership

from .enums import ProtocolStatus, RoundStatus
from .models import Protocol, ValidationAnswer
from .models.querysets import IN_FORCE_STATUSES
from .reminders import REVIEW_NOTICE_DAYS

# Each kind of to-do lists at most this many (the dashboard shows 12 in all).
TODO_SIZE = 20


@register_todos
def todos(user) -> list[Todo]:
    """The coordination protocols' to-dos of `user` (two queries)."""
    if not user.is_authenticated:
        return []
    return [*answer_todos(user), *review_todos(user)]


def answer_todos(user) -> list[Todo]:
    """The protocols whose validation waits for `user`'s answer: an open
    request where they are asked, in a structure they are still a member of,
    not answered yet; leading to the answer page (one query). A request has
    no deadline: the line says since when it waits."""
    mine = Membership.objects.current().filter(user=user).values("structure_id")
    answers = (
        ValidationAnswer.objects.filter(
            member=user,
            answer="",
            round__status=RoundStatus.OPEN,
            round__protocol__structure__in=mine,
        )
        .select_related("round__protocol__structure", "round__requested_by")
        .order_by("round__requested_at", "pk")[:TODO_SIZE]
    )
    return [
        Todo(
            key=f"protocol-answer-{answer.round_id}",
            label=_(
                "Donner votre avis sur le protocole « %(title)s » (%(structure)s), "
                "demandé par %(name)s"
            )
            % {
                "title": answer.round.protocol.title,
                "structure": answer.round.protocol.structure.name,
                "name": answer.round.asker_name,
            },
            url=reverse("protocols:protocol_answer", args=[answer.round_id]),
            topic=_("Protocole"),
            # No deadline: waiting since the request (never « en retard »).
            since=timezone.localdate(answer.round.requested_at),
        )
        for answer in answers
    ]


def review_todos(user) -> list[Todo]:
    """For who may edit a protocol (coordinators and référents of its
    structure, its authors still members): the protocols marked « à
    réviser », and those in force whose review date is passed or within 30
    days — the reviews the e-mail reminders speak of (one query)."""
    soon = timezone.localdate() + datetime.timedelta(days=REVIEW_NOTICE_DAYS)
    protocols = (
        Protocol.objects.editable_by(user)
        .filter(
            Q(status=ProtocolStatus.TO_REVIEW)
            | Q(status__in=IN_FORCE_STATUSES, review_date__lte=soon)
        )
        .select_related("structure")
        .order_by(F("review_date").asc(nulls_last=True), "title", "pk")[:TODO_SIZE]
    )
    return [
        Todo(
            key=f"protocol-review-{protocol.pk}",
            label=review_label(protocol),
            url=protocol.get_absolute_url(),
            topic=_("Protocole"),
            due=protocol.review_date,
        )
        for protocol in protocols
    ]


def review_label(protocol: Protocol) -> str:
    values = {"title": protocol.title, "structure": protocol.structure.name}
    if protocol.status == ProtocolStatus.TO_REVIEW:
        return (
            _("Réviser le protocole « %(title)s » (%(structure)s), marqué « à réviser »") % values
        )
    if protocol.review_overdue:
        return _(
            "Réviser le protocole « %(title)s » (%(structure)s) : "
            "révision dépassée depuis le %(date)s"
        ) % {**values, "date": day_fr(protocol.review_date)}
    return _("Réviser le protocole « %(title)s » (%(structure)s) : révision prévue le %(date)s") % {
        **values,
        "date": day_fr(protocol.review_date),
    }
