"""The ACI rules (staff): a rule's values, and why it changed (kept with
the version the change creates)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gecolib.idempotency import OneTimeTokenMixin
from gecolib.team_data import ConfirmNamesFormMixin, identity_error
from gecolib.widgets import DateInput

from ..models import AciRule


class AciRuleForm(ConfirmNamesFormMixin, forms.ModelForm):
    comment = forms.CharField(
        label=_("Motif de la modification"),
        max_length=255,
        required=False,
        help_text=_("Par exemple : « Avenant 2 : valeur du point vérifiée »."),
    )

    class Meta:
        model = AciRule
        fields = [
            "code",
            "label",
            "structure_kind",
            "points_per_unit",
            "max_units",
            "point_value",
            "source",
            "rule_date",
            "checked",
        ]
        widgets = {"rule_date": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The tools read the rule by its code: it stays.
            self.fields["code"].disabled = True

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"]
        if error := identity_error(comment, names_confirmed=self.names_confirmed):
            raise error
        return comment


class AciRuleCreationForm(OneTimeTokenMixin, AciRuleForm):
    """A new rule (a criterion the portal did not count yet)."""
