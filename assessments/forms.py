"""The forms of the self-assessment: opening a campaign, one's answers, the
team's consensus, the improvement plan, and staff's edits of a grid."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.choices import empty_choice
from gecolib.evidence import evidence_choices
from gecolib.idempotency import OneTimeTokenMixin
from gecolib.team_data import ConfirmNamesFormMixin, identity_error, validate_date_in_range
from gecolib.widgets import DateInput
from structures.models import Membership

from .models import Action, Campaign, Dimension, Grid, Level

COMMENT_MAX_LENGTH = 2000
DEFAULT_DURATION_DAYS = 21


class CampaignForm(OneTimeTokenMixin, forms.ModelForm):
    grid = forms.ModelChoiceField(
        label=_("Grille"), queryset=Grid.objects.none(), empty_label=_("— Choisir la grille —")
    )

    class Meta:
        model = Campaign
        fields = ["grid", "title", "closes_on"]
        widgets = {"closes_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        grids = Grid.objects.active().order_by("title", "pk")
        self.fields["grid"].queryset = grids
        if len(grids) == 1:
            self.fields["grid"].initial = grids[0].pk
        today = timezone.localdate()
        self.fields["title"].initial = _("Autoévaluation %(year)s") % {"year": today.year}
        self.fields["closes_on"].initial = today + datetime.timedelta(days=DEFAULT_DURATION_DAYS)

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        validate_date_in_range(closes_on)
        if closes_on < timezone.localdate():
            raise forms.ValidationError(_("La date de clôture ne peut pas être passée."))
        return closes_on


class AnswersForm(ConfirmNamesFormMixin, forms.Form):
    """One member's answers to every dimension: a level (radio buttons) and
    a comment for each. Saving keeps what is filled in; finishing asks for
    every level."""

    def __init__(self, *args, axes, levels, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.axes = axes
        level_choices = [(str(level.pk), level.label) for level in levels]
        self.rows = []
        for axis in axes:
            for dimension in axis.dimensions.all():
                answer = answers.get(dimension.pk)
                self.fields[f"level_{dimension.pk}"] = forms.ChoiceField(
                    label=dimension.name,
                    choices=level_choices,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                    initial=str(answer.level_id) if answer and answer.level_id else None,
                )
                self.fields[f"comment_{dimension.pk}"] = forms.CharField(
                    label=_("Commentaire (facultatif)"),
                    required=False,
                    max_length=COMMENT_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=answer.comment if answer else "",
                )

    def dimension_fields(self, dimension: Dimension) -> tuple:
        return self[f"level_{dimension.pk}"], self[f"comment_{dimension.pk}"]

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if name.startswith("comment_") and value:
                if error := identity_error(value, names_confirmed=self.names_confirmed):
                    self.add_error(name, error)
        return cleaned

    def values(self) -> dict[int, tuple[int | None, str]]:
        """(level id or None, comment) of each dimension."""
        result = {}
        for axis in self.axes:
            for dimension in axis.dimensions.all():
                level = self.cleaned_data.get(f"level_{dimension.pk}") or None
                comment = self.cleaned_data.get(f"comment_{dimension.pk}", "").strip()
                result[dimension.pk] = (int(level) if level else None, comment)
        return result

    def missing(self) -> list[str]:
        return [
            dimension.name
            for axis in self.axes
            for dimension in axis.dimensions.all()
            if not self.cleaned_data.get(f"level_{dimension.pk}")
        ]


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["meeting_on", "meeting_label"]
        widgets = {"meeting_on": DateInput()}


class ConsensusForm(ConfirmNamesFormMixin, forms.Form):
    """The team's level and note for every dimension (prefix: the dimension)."""

    def __init__(self, *args, axes, levels, consensus, **kwargs):
        super().__init__(*args, **kwargs)
        self.axes = axes
        choices = [("", _("— Pas encore retenu —"))] + [
            (str(level.pk), str(level)) for level in levels
        ]
        for axis in axes:
            for dimension in axis.dimensions.all():
                found = consensus.get(dimension.pk)
                self.fields[f"level_{dimension.pk}"] = forms.ChoiceField(
                    label=_("Niveau retenu"),
                    choices=choices,
                    required=False,
                    initial=str(found.level_id) if found and found.level_id else "",
                )
                self.fields[f"note_{dimension.pk}"] = forms.CharField(
                    label=_("Note de synthèse"),
                    required=False,
                    max_length=COMMENT_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=found.note if found else "",
                )

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if name.startswith("note_") and value:
                if error := identity_error(value, names_confirmed=self.names_confirmed):
                    self.add_error(name, error)
        return cleaned

    def values(self) -> dict[int, tuple[int | None, str]]:
        return {
            dimension.pk: (
                int(self.cleaned_data[f"level_{dimension.pk}"])
                if self.cleaned_data.get(f"level_{dimension.pk}")
                else None,
                self.cleaned_data.get(f"note_{dimension.pk}", "").strip(),
            )
            for axis in self.axes
            for dimension in axis.dimensions.all()
        }


class ActionForm(ConfirmNamesFormMixin, OneTimeTokenMixin, forms.ModelForm):
    class Meta:
        model = Action
        fields = ["dimension", "title", "owner", "due_date", "means"]
        widgets = {"due_date": DateInput(), "means": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "means": _("Temps, outils, financement, appui demandé aux facilitateurs…"),
        }

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign
        self.fields["dimension"].queryset = Dimension.objects.filter(
            axis__grid_id=campaign.grid_id
        ).order_by("axis__position", "position", "pk")
        empty_choice(self.fields["dimension"], _("— Choisir la dimension —"))
        members = Membership.objects.current().filter(structure_id=campaign.structure_id)
        owner = self.fields["owner"]
        owner.queryset = owner.queryset.model.objects.filter(
            pk__in=members.values("user_id")
        ).order_by("last_name", "first_name", "pk")
        owner.label_from_instance = lambda user: user.get_full_name() or user.email
        empty_choice(owner, _("— Choisir le responsable —"))

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        validate_date_in_range(due)
        return due


class ActionDoneForm(ConfirmNamesFormMixin, OneTimeTokenMixin, forms.Form):
    comment = forms.CharField(
        label=_("Ce qui a été fait"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if error := identity_error(comment, names_confirmed=self.names_confirmed):
            raise error
        return comment


# -- staff: the grids -----------------------------------------------------------------


class RevisionCommentMixin(forms.Form):
    comment = forms.CharField(
        label=_("Motif de la modification"),
        required=False,
        max_length=255,
        help_text=_("Gardé avec la version : pourquoi la grille change."),
    )


class GridForm(ConfirmNamesFormMixin, forms.ModelForm, RevisionCommentMixin):
    class Meta:
        model = Grid
        fields = ["title", "introduction", "active"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 5})}


class LevelForm(ConfirmNamesFormMixin, forms.ModelForm, RevisionCommentMixin):
    class Meta:
        model = Level
        fields = ["label", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class DimensionForm(ConfirmNamesFormMixin, forms.ModelForm, RevisionCommentMixin):
    evidence_keys = forms.MultipleChoiceField(
        label=_("Données du portail affichées"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Les chiffres calculés par le portail montrés à côté de la dimension."),
    )

    class Meta:
        model = Dimension
        fields = [
            "name",
            "description",
            "characteristics",
            "evidence_keys",
            "aligned",
            "has_reference",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "characteristics": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence_keys"].choices = evidence_choices()
