from __future__ import annotations

from django import forms
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gecolib.idempotency import OneTimeTokenMixin
from gecolib.models import User
from gecolib.team_data import ConfirmNamesFormMixin
from structures.models import Membership

from ..concurrency import BASE_VERSION, BaseVersionFormMixin, EditedMeanwhile, base_version_field
from ..enums import Answer, Attendance
from ..models import AgendaItem, Invitee, Meeting


def member_choices(meeting: Meeting):
    """The structure's current members (for presenters, owners, invitations)."""
    return User.objects.filter(
        pk__in=Membership.objects.current().filter(structure=meeting.structure).values("user_id")
    ).order_by("last_name", "first_name")


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class MembersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class AgendaItemForm(
    OneTimeTokenMixin, BaseVersionFormMixin, ConfirmNamesFormMixin, forms.ModelForm
):
    """A new item (one-time token) or an edit (the version it started from).
    `author_only`: the form of a member who proposes an item or edits their
    own — its presenter and its place on the agenda are the organisers'."""

    class Meta:
        model = AgendaItem
        fields = ["kind", "title", "presenter", "planned_minutes", "order", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, meeting: Meeting, author_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        if author_only:
            del self.fields["presenter"], self.fields["order"]
        else:
            self.fields["presenter"] = MemberChoiceField(
                label=_("Présenté par"), queryset=member_choices(meeting), required=False
            )
        if self.instance.pk:
            # A case keeps its kind once numbered (a proposal is numbered on acceptance).
            self.fields["kind"].disabled = self.instance.is_case and bool(self.instance.case_label)
            self.fields[BASE_VERSION] = base_version_field()
            self.initial.setdefault(BASE_VERSION, self.instance.version)
        elif not author_only:
            self.initial.setdefault("order", meeting.items.on_agenda().count() + 1)
        self.fields["planned_minutes"].widget.attrs.update(min=1, max=240)

    def save(self, commit: bool = True) -> AgendaItem:
        """An edit is saved only if nobody saved the item since the version it
        started from (`EditedMeanwhile` otherwise, nothing saved)."""
        if self.instance.pk is None or not commit:
            return super().save(commit=commit)
        with transaction.atomic():
            current = AgendaItem.objects.select_for_update().get(pk=self.instance.pk)
            if current.version != self.cleaned_data[BASE_VERSION]:
                raise EditedMeanwhile(
                    _(
                        "Ce point a été modifié par quelqu'un d'autre pendant que vous "
                        "écriviez : rien n'a été enregistré. Le point tel qu'il est enregistré "
                        "est affiché ci-dessous ; reprenez vos modifications dans le "
                        "formulaire, puis enregistrez de nouveau."
                    ),
                    current=current,
                )
            # Its own fields only: the summary belongs to the minutes' form.
            self.instance.version = current.version + 1
            self.instance.save(update_fields=[*self._meta.fields, "case_label", "version"])
        return self.instance

    def clean_planned_minutes(self) -> int:
        value = self.cleaned_data["planned_minutes"]
        if not 1 <= value <= 240:
            raise forms.ValidationError(
                _("La durée prévue doit être comprise entre 1 et 240 minutes.")
            )
        return value


class InviteesForm(forms.Form):
    """Who is invited: the current members, and those already invited (a
    member who left since stays listed, so that saving does not drop them
    unseen). Once the meeting has started, an invited member whose answer or
    attendance is recorded stays: that is the meeting's history."""

    invite_all = forms.BooleanField(label=_("Inviter tous les membres"), required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        invited = meeting.invitees.values("user_id")
        self.fields["users"] = MembersField(
            label=_("Membres invités"),
            queryset=User.objects.filter(
                Q(pk__in=member_choices(meeting).values("pk")) | Q(pk__in=invited)
            ).order_by("last_name", "first_name"),
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )

    def clean(self):
        data = super().clean()
        if not data.get("invite_all") and not data.get("users"):
            raise forms.ValidationError(_("Invitez au moins un membre."))
        if self.meeting.has_started and not data.get("invite_all") and "users" in data:
            chosen = {user.pk for user in data["users"]}
            kept = [
                invitee.user.display_name
                for invitee in self.meeting.invitees.with_user()
                if invitee.user_id not in chosen and invitee.has_record
            ]
            if kept:
                raise forms.ValidationError(
                    _(
                        "Cette RCP a eu lieu : la réponse ou la présence de %(names)s est "
                        "enregistrée et fait partie de son historique : cochez de nouveau "
                        "les membres concernés pour enregistrer la liste."
                    )
                    % {"names": ", ".join(kept)}
                )
        return data


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Votre réponse"),
        choices=[
            (Answer.PRESENT, _("Je serai là")),
            (Answer.EXCUSED, _("Je ne pourrai pas venir")),
            (Answer.MAYBE, _("Peut-être")),
        ],
        # Laid out by the answer pages as Bootstrap's checks (box, then its label).
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choisissez votre réponse.")},
    )

    @classmethod
    def preselected(cls, *, asked: str = "", current: str = "", **kwargs) -> AnswerForm:
        """The form with the answer a link asked for (`asked`, from the
        e-mail), else the one already given, checked — not recorded."""
        values = {value for value, _label in cls.base_fields["answer"].choices}
        chosen = asked if asked in values else current
        return cls(initial={"answer": chosen} if chosen in values else {}, **kwargs)


class AttendanceForm(forms.Form):
    """The attendance of every invited member, after the meeting."""

    def __init__(self, *args, invitees, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitees = list(invitees)
        for invitee in self.invitees:
            self.fields[f"attendance_{invitee.pk}"] = forms.ChoiceField(
                label=invitee.user.display_name,
                choices=Attendance.choices,
                required=False,
                initial=invitee.attendance or _initial_attendance(invitee),
                help_text=str(invitee.user.profession or ""),
            )

    def save(self) -> None:
        for invitee in self.invitees:
            invitee.attendance = self.cleaned_data[f"attendance_{invitee.pk}"]
        Invitee.objects.bulk_update(self.invitees, ["attendance"])


def _initial_attendance(invitee) -> str:
    """What the member said beforehand is the likely attendance."""
    return {Answer.PRESENT: Attendance.PRESENT, Answer.EXCUSED: Attendance.EXCUSED}.get(
        invitee.answer, Attendance.UNKNOWN
    )
