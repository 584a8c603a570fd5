"""The staff upload form of the import page."""

from __future__ import annotations

import posixpath

from django import forms
from django.utils.translation import gettext_lazy as _

from gecolib.idempotency import OneTimeTokenMixin

from ..models import Page
from .converters import SUPPORTED_EXTENSIONS
from .importer import ON_EXISTING_NEW, ON_EXISTING_UPDATE

MAX_UPLOAD_TOTAL = 100 * 1024 * 1024
ACCEPTED = (
    *SUPPORTED_EXTENSIONS, ".xml", ".zip", ".png", ".jpg", ".jpeg", ".pdf", ".odt", ".xlsx", ".ods",
)  # fmt: skip


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ImportForm(OneTimeTokenMixin, forms.Form):
    files = MultipleFileField(
        label=_("Fichiers à importer"),
        help_text=_(
            "Pages Markdown, HTML ou Word (DOCX), avec leurs images et fichiers liés, une "
            "archive ZIP de l'ancien site, ou l'export WordPress (fichier XML, avec une archive "
            "ZIP du dossier « uploads » pour ses fichiers). 100 Mo au plus en tout."
        ),
        error_messages={"required": _("Choisissez au moins un fichier à importer.")},
    )
    parent = forms.ModelChoiceField(
        label=_("Importer sous la page"),
        queryset=Page.objects.none(),
        required=False,
        empty_label=_("— à la racine du guide —"),
    )
    on_existing = forms.ChoiceField(
        label=_("Si une page du même titre, ou importée du même fichier, existe déjà"),
        choices=[
            (ON_EXISTING_UPDATE, _("mettre à jour la page existante (nouvelle version)")),
            (ON_EXISTING_NEW, _("créer une nouvelle page")),
        ],
        initial=ON_EXISTING_UPDATE,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("La nouvelle version reste un brouillon : la page en ligne ne change pas."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Page.objects.not_archived().order_by("title")
        self.fields["files"].widget.attrs["accept"] = ",".join(ACCEPTED)

    def clean_on_existing(self) -> str:
        return self.cleaned_data["on_existing"] or ON_EXISTING_UPDATE

    def clean_files(self):
        files = self.cleaned_data["files"]
        if not files:
            raise forms.ValidationError(_("Choisissez au moins un fichier à importer."))
        if sum(f.size for f in files) > MAX_UPLOAD_TOTAL:
            raise forms.ValidationError(
                _("Ces fichiers pèsent plus de 100 Mo en tout : importez-les en plusieurs fois.")
            )
        unknown = [f.name for f in files if posixpath.splitext(f.name.lower())[1] not in ACCEPTED]
        if unknown:
            raise forms.ValidationError(
                _(
                    "Format non pris en charge : %(names)s "
                    "(Markdown, HTML, DOCX, export WordPress XML ou ZIP attendu)."
                )
                % {"names": ", ".join(unknown)}
            )
        return files
