"""Forms of the health project: one section at a time, with a version comment."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gecolib.validators import validate_no_patient_identifier
from gecolib.widgets import MarkdownEditor

from ..models import HealthProjectVersion
from ..models.health_project import MAX_SECTION_LENGTH

BASE_VERSION_ERROR = _(
    "Ce formulaire ne dit pas de quelle version du projet il part : rechargez la page "
    "et recommencez. Rien n'a été enregistré."
)


class SectionForm(forms.ModelForm):
    """Edits one section; what it saves is a new version (its comment is the
    version's). `base_version` detects a concurrent save by a colleague."""

    text = forms.CharField(
        label=_("Texte de la section"),
        required=False,
        max_length=MAX_SECTION_LENGTH,
        widget=MarkdownEditor(attrs={"rows": 18}),
        help_text=_(
            "La barre d'outils met en forme (gras, titres, listes, liens, tableaux) et "
            "l'onglet « Aperçu » montre le résultat. "
            "N'y inscrivez aucune donnée de patient identifiable."
        ),
        validators=[validate_no_patient_identifier],
    )
    # Mandatory: a save that does not say which version it started from could
    # silently overwrite a colleague's work.
    base_version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": BASE_VERSION_ERROR,
            "invalid": BASE_VERSION_ERROR,
            "min_value": BASE_VERSION_ERROR,
        },
    )

    class Meta:
        model = HealthProjectVersion
        fields = ["comment"]
        labels = {"comment": _("Commentaire de version (facultatif)")}
        help_texts = {"comment": _("Ce qui a changé, pour l'historique des versions.")}

    field_order = ["text", "comment", "base_version"]

    def __init__(self, *args, project=None, section: str, **kwargs):
        self.project = project
        self.section = section
        super().__init__(*args, **kwargs)
        self.fields["comment"].validators.append(validate_no_patient_identifier)
        if not self.is_bound:
            self.initial["text"] = project.section_text(section) if project else ""
            latest = project.latest_version() if project else None
            self.initial["base_version"] = latest.number if latest else 0

    def clean_text(self) -> str:
        text = (self.cleaned_data.get("text") or "").replace("\r\n", "\n").strip()
        current = self.project.section_text(self.section) if self.project else ""
        if text == current:
            raise forms.ValidationError(
                _("Le texte est identique à la version actuelle : rien n'a été enregistré.")
            )
        return text

    def full_clean(self) -> None:
        # base_version is hidden: its error is shown at the top of the form.
        super().full_clean()
        if self._errors and "base_version" in self._errors:
            self.add_error(None, self._errors.pop("base_version").as_data())

    def clean(self):
        cleaned = super().clean()
        base = cleaned.get("base_version")
        latest = self.project.latest_version() if self.project else None
        if base is not None and base > (latest.number if latest else 0):
            raise forms.ValidationError(BASE_VERSION_ERROR)
        if latest is not None and base is not None and base < latest.number:
            changed_since = latest.sections.get(self.section, "") != self._base_text(base)
            if changed_since:
                author = latest.author.display_name if latest.author else _("un autre membre")
                raise forms.ValidationError(
                    _(
                        "Cette section a été modifiée entre-temps (version %(number)s, par "
                        "%(author)s). Rechargez la page pour repartir du texte actuel."
                    )
                    % {"number": latest.number, "author": author}
                )
        return cleaned

    def _base_text(self, number: int) -> str:
        version = self.project.versions.filter(number=number).first() if number else None
        return version.section_text(self.section) if version else ""
