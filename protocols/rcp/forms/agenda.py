from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gecolib.idempotency import OneTimeTokenMixin
from gecolib.models import User
from structures.models import Membership

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


class AgendaItemForm(OneTimeTokenMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["kind", "title", "presenter", "planned_minutes", "order", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["presenter"] = MemberChoiceField(
            label=_("Présenté par"), queryset=member_choices(meeting), required=False
        )
        if self.instance.pk:
            self.fields["kind"].disabled = self.instance.is_case
        else:
            self.initial.setdefault("order", meeting.items.count() + 1)
        self.fields["planned_minutes"].widget.attrs.update(min=1, max=240)

    def clean_planned_minutes(self) -> int:
        value = self.cleaned_data["planned_minutes"]
        if not 1 <= value <= 240:
            raise forms.ValidationError(
                _("La durée prévue doit être comprise entre 1 et 240 minutes.")
            )
        return value


class InviteesForm(forms.Form):
    invite_all = forms.BooleanField(label=_("Inviter tous les membres"), required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"] = MembersField(
            label=_("Membres invités"),
            queryset=member_choices(meeting),
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )

    def clean(self):
        data = super().clean()
        if not data.get("invite_all") and not data.get("users"):
            raise forms.ValidationError(_("Invitez au moins un membre."))
        return data


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Votre réponse"),
        choices=[(Answer.PRESENT, _("Je serai présent")), (Answer.EXCUSED, _("Je serai excusé"))],
        widget=forms.RadioSelect,
    )


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
