"""The declared team on the declaration's form: one row per délégant or
délégué, chosen among the structure's current members, with a délégué's
training (date and hours). Blank rows are left out; each row is checked
against the protocol chosen on the same form (`check_for`), with the rule of
a person added alone (`check_participant`)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gecolib.team_data import validate_date_in_range
from gecolib.text import sorted_french
from gecolib.widgets import DateInput

from ..models import NationalProtocol
from ..models.declarations import ParticipantRole, check_participant

TEAM_PREFIX = "equipe"
TEAM_ROWS = 4
MAX_TEAM_ROWS = 30


class TeamMemberForm(forms.Form):
    """One person of the declared team."""

    user = forms.TypedChoiceField(label=_("Membre"), coerce=int, required=False, empty_value=None)
    role = forms.ChoiceField(label=_("Rôle"), required=False)
    training_date = forms.DateField(
        label=_("Date de la formation"),
        required=False,
        widget=DateInput(attrs={"class": "form-control"}),
        validators=[validate_date_in_range],
    )
    training_hours = forms.IntegerField(
        label=_("Durée de la formation (heures)"),
        required=False,
        min_value=0,
        max_value=999,
        widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}),
    )

    def __init__(self, *args, members: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {user.pk: user for user in members}
        self.fields["user"].choices = [
            ("", gettext("— Choisir un membre —")),
            *((user.pk, member_label(user)) for user in members),
        ]
        self.fields["role"].choices = [("", gettext("— Rôle —")), *ParticipantRole.choices]
        for name in ("user", "role"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def clean(self):
        data = super().clean()
        user, role = data.get("user"), data.get("role")
        if user is None:
            if role or data.get("training_date") or data.get("training_hours") is not None:
                self.add_error("user", _("Choisissez le membre de cette ligne, ou videz-la."))
            return data
        data["user"] = self.members.get(user)
        if data["user"] is None:
            self.add_error("user", _("Choisissez un membre actuel de la structure."))
        if not role:
            self.add_error("role", _("Choisissez le rôle : délégant ou délégué."))
        return data


def member_label(user) -> str:
    profession = gettext("médecin généraliste") if user.is_general_practitioner else None
    if profession is None and user.profession_id:
        profession = user.profession.name
    return f"{user.display_name} – {profession}" if profession else user.display_name


class BaseTeamFormSet(forms.BaseFormSet):
    def __init__(self, *args, members: list, **kwargs):
        members = sorted_french(members, key=lambda user: user.display_name)
        super().__init__(*args, prefix=TEAM_PREFIX, form_kwargs={"members": members}, **kwargs)

    def clean(self):
        seen = set()
        for form in self.forms:
            user = form.cleaned_data.get("user") if hasattr(form, "cleaned_data") else None
            if user is None:
                continue
            if user.pk in seen:
                form.add_error(
                    "user",
                    gettext("%(name)s figure déjà sur une autre ligne de l'équipe.")
                    % {"name": user.display_name},
                )
            seen.add(user.pk)

    def rows(self) -> list[dict]:
        """The rows filled in (after `is_valid`; none for an unbound formset)."""
        if not self.is_bound:
            return []
        return [
            form.cleaned_data
            for form in self.forms
            if getattr(form, "cleaned_data", None) and form.cleaned_data.get("user")
        ]

    def roles(self) -> set[str]:
        return {row["role"] for row in self.rows()}

    def check_for(self, protocol: NationalProtocol) -> bool:
        """Each row against `protocol` (profession, training): the errors on
        their rows. Whether every row is accepted."""
        accepted = True
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data.get("user"):
                continue
            try:
                check_participant(
                    protocol,
                    data["user"],
                    data["role"],
                    data.get("training_date"),
                    data.get("training_hours"),
                )
            except ValidationError as error:
                form.add_error(None, error)
                accepted = False
        return accepted


TeamFormSet = forms.formset_factory(
    TeamMemberForm,
    formset=BaseTeamFormSet,
    extra=TEAM_ROWS,
    max_num=MAX_TEAM_ROWS,
    absolute_max=MAX_TEAM_ROWS,
    validate_max=True,
)
