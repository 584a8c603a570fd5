"""Asking the team to validate a protocol, and answering: the model's state
changes (models/validation.py) with the e-mails that go with them.

- the request: each member involved gets an e-mail with the link to their
  answer page (and a to-do on their dashboard, dashboard.py); the default
  choice of members is those named on the protocol and those of its
  professions, or else every member;
- a réserve: the member who asked is told, with the comment's page;
- the validation by the team's answers: the member who asked is told.

Every e-mail goes only to who reads the protocol now (`access.readers_among`),
once (`notify` is idempotent by key)."""

from __future__ import annotations

import datetime

from django.db import transaction

from gecolib.absolute_urls import absolute_url
from gecolib.notifications import notify

from .access import readers_among
from .enums import Answer
from .models import Protocol, ValidationAnswer, ValidationRound
from .models.validation import RecordedAnswer


def default_members(protocol: Protocol, members) -> list:
    """Of `members` (the structure's current members), those to ask by
    default: the members named on the protocol and those whose profession is
    among its professions; every member when that leaves nobody."""
    professions = set(protocol.professions.values_list("pk", flat=True))
    named = set(protocol.members.values_list("pk", flat=True))
    chosen = [m for m in members if m.pk in named or m.profession_id in professions]
    return chosen or list(members)


def answer_url(validation_round: ValidationRound) -> str:
    return absolute_url("protocols:protocol_answer", pk=validation_round.pk)


def request_validation(
    protocol: Protocol,
    *,
    by,
    members,
    message: str = "",
    review_date: datetime.date | None = None,
    names_confirmed: bool = False,
) -> ValidationRound:
    """Open a round (superseding the one in progress) and write to each
    member involved. Returns the round."""
    with transaction.atomic():
        validation_round = ValidationRound.open(
            protocol,
            by=by,
            members=members,
            message=message,
            review_date=review_date,
            names_confirmed=names_confirmed,
        )
        context = {
            "protocol": protocol,
            "structure": protocol.structure,
            "round": validation_round,
            "requested_by": by,
            "answer_url": answer_url(validation_round),
        }
        asked = [a.member for a in validation_round.answers.select_related("member")]
        for member in readers_among(asked, protocol):
            notify(
                member.email,
                "protocols/coordination/email/validation_request",
                {**context, "member": member},
                key=f"protocol-validation:{validation_round.pk}:{member.pk}",
            )
    return validation_round


def answer_validation(
    validation_round: ValidationRound,
    *,
    member,
    answer: str,
    comment: str = "",
    names_confirmed: bool = False,
) -> RecordedAnswer:
    """Record `member`'s answer; tell the member who asked of a réserve, and
    of the validation once every member involved agrees."""
    with transaction.atomic():
        recorded = validation_round.record_answer(
            member=member, answer=answer, comment=comment, names_confirmed=names_confirmed
        )
        asker = validation_round.requested_by
        if recorded.changed and asker is not None and asker.pk != member.pk:
            _tell_asker(validation_round, recorded.answer, validated=recorded.validated)
    return recorded


def _tell_asker(validation_round: ValidationRound, row: ValidationAnswer, *, validated: bool):
    protocol = validation_round.protocol
    asker = validation_round.requested_by
    if not readers_among([asker], protocol):
        return
    context = {
        "protocol": protocol,
        "structure": protocol.structure,
        "round": validation_round,
        "answer": row,
        "protocol_url": absolute_url(protocol) + "#validation",
    }
    if validated:
        notify(
            asker.email,
            "protocols/coordination/email/validation_done",
            context,
            key=f"protocol-validation-done:{validation_round.pk}",
        )
    elif row.answer == Answer.RESERVE:
        notify(
            asker.email,
            "protocols/coordination/email/validation_reserve",
            context,
            key=(
                f"protocol-validation-reserve:{validation_round.pk}:{row.member_id}:"
                f"{row.answered_at.timestamp():.0f}"
            ),
        )
