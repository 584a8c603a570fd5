"""Who reads and who edits coordination protocols: the queryset every view
and every notification goes through."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, Q

from structures.enums import MembershipRole
from structures.models import Membership, Structure

from ..enums import ProtocolStatus

# Who edits a structure's protocols besides the authors named on each one.
EDITOR_ROLES = (MembershipRole.COORDINATOR, MembershipRole.REFERENT)
# Statuses in which a protocol applies, and its review date is reminded of.
IN_FORCE_STATUSES = (ProtocolStatus.VALIDATED, ProtocolStatus.IN_USE)


def editor_structures_q(user) -> Q:
    """Structures where `user` is a current coordinator or référent."""
    memberships = (
        Membership.objects.current().filter(user=user, role__in=EDITOR_ROLES).values("structure_id")
    )
    return Q(pk__in=memberships)


class ProtocolQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What `user` may read: the protocols of the structures whose private
        data they read (current members, the structure's facilitators, staff),
        and, once signed in, those shared with the network."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.all()
        return self.filter(Q(structure__in=Structure.objects.private_to(user)) | Q(shared=True))

    def of_team(self, user):
        """The protocols `user` reads as part of the team around the structure
        (not merely because they are shared)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.all()
        return self.filter(structure__in=Structure.objects.private_to(user))

    def editable_by(self, user):
        """Coordinators and référents of the structure, and the protocol's
        named authors who are still members."""
        if not user.is_authenticated:
            return self.none()
        members = Membership.objects.current().filter(user=user).values("structure_id")
        return self.filter(
            Q(structure__in=Structure.objects.filter(editor_structures_q(user)))
            | Q(authors=user, structure__in=members)
        ).distinct()

    def shared_with_network(self):
        return self.filter(shared=True)

    def in_use(self):
        return self.filter(status=ProtocolStatus.IN_USE)

    def with_list_related_data(self):
        return self.select_related("structure").annotate(step_count=Count("steps", distinct=True))

    def lock(self, pk: int):
        """The protocol's row, locked until the transaction ends (SELECT … FOR
        UPDATE on PostgreSQL): of two saves at once, the second waits, then
        sees the first one's revision."""
        return self.select_for_update().get(pk=pk)

    def in_force(self):
        """Validated or in application: the protocols whose review date counts."""
        return self.filter(status__in=IN_FORCE_STATUSES)
