"""Forms of the guide: page editing, scheduling, review, attachments, suggestions.

Every text field goes through the identity rule of the models
(guide.services.checks, gecolib.team_data), with the « Je confirme qu'aucun
patient n'est nommé » box of ConfirmNamesFormMixin when a name is cited."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.idempotency import OneTimeTokenMixin
from gecolib.models import User
from gecolib.team_data import (
    CONFIRM_NAMES_FIELD,
    ConfirmNamesFormMixin,
    has_possible_name_error,
    validate_date_in_range,
)
from gecolib.widgets import MarkdownEditor

from . import services
from .enums import Audience, PageKind, Theme
from .models import Page, PageMove, Suggestion
from .services.checks import content_errors, model_text_errors

# The guide's flavour of the Markdown editor's preview (guide/markdown_previews.py).
PREVIEW = {"flavour": "guide"}


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, fields=None, *, default: str | None = None
) -> None:
    """A service's ValidationError on the form: each model field's messages on
    the form field `fields` maps it to (or its own name, or the whole form),
    with the confirmation box when a name is cited; an error of no field goes
    to `default` (or the whole form)."""
    fields = fields or {}
    if not hasattr(error, "error_dict"):
        form.add_error(default, error)
        return
    for name, errors in error.error_dict.items():
        target = fields.get(name, name)
        form.add_error(target if target in form.fields else None, errors)
    if CONFIRM_NAMES_FIELD in form.fields and has_possible_name_error(form):
        form.fields[CONFIRM_NAMES_FIELD].widget = forms.CheckboxInput()


class ContentForm(ConfirmNamesFormMixin, forms.Form):
    """The revisioned text of a page and its page settings."""

    title = forms.CharField(label=_("Titre"), max_length=200)
    summary = forms.CharField(
        label=_("Résumé"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Une ou deux phrases, reprises dans la liste des pages et la recherche."),
    )
    body = forms.CharField(
        label=_("Texte"),
        required=False,
        widget=MarkdownEditor(preview_url=reverse_lazy("markdown_preview", kwargs=PREVIEW)),
        help_text=_(
            "Lien vers une autre page : [[adresse-de-la-page]]. "
            "Image jointe : ![légende](fichier:numéro)."
        ),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=PageKind.choices)
    themes = forms.MultipleChoiceField(
        label=_("Thèmes"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience = forms.ChoiceField(
        label=_("Qui peut lire la page"),
        choices=Audience.choices,
        help_text=_("Adhérents : membres d'une structure, facilitateurs et équipe GECO Lib'."),
    )
    parent = forms.ModelChoiceField(
        label=_("Page parente"),
        queryset=Page.objects.none(),
        required=False,
        empty_label=_("— Aucune (section principale) —"),
    )
    comment = forms.CharField(
        label=_("Commentaire de version"),
        max_length=255,
        required=False,
        help_text=_("Ce qui a changé, en quelques mots (visible dans l'historique)."),
    )

    def __init__(self, *args, page: Page | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        parents = Page.objects.not_archived().order_by("title")
        if page is not None:
            parents = parents.exclude(pk__in={page.pk, *page.descendant_ids()})
            # The preview shows the page's own attached images.
            query = urlencode({"page": page.slug})
            preview_url = f"{reverse('markdown_preview', kwargs=PREVIEW)}?{query}"
            self.fields["body"].widget.preview_url = preview_url
        self.fields["parent"].queryset = parents

    def content(self) -> dict:
        data = self.cleaned_data
        return {
            key: data[key] for key in ("title", "summary", "body", "kind", "themes", "audience")
        }

    def clean(self):
        cleaned = super().clean()
        text = {key: cleaned.get(key) or "" for key in ("title", "summary", "body")}
        errors = content_errors(
            text,
            comment=cleaned.get("comment") or "",
            names_confirmed=self.names_confirmed,
            previous=self.page.draft_content() if self.page is not None else None,
        )
        for name, messages in errors.items():
            if name not in self.errors:
                self.add_error(name, messages)
        return cleaned


class CreatePageForm(OneTimeTokenMixin, ContentForm):
    pass


class EditPageForm(ContentForm):
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    slug = forms.SlugField(
        label=_("Adresse"),
        max_length=120,
        help_text=_(
            "Lettres minuscules, chiffres et tirets. L'ancienne adresse restera valable "
            "(redirection permanente)."
        ),
    )
    review_months = forms.IntegerField(label=_("Relire tous les (mois)"), min_value=1, max_value=60)
    field_order = [
        "title",
        "summary",
        "body",
        "kind",
        "themes",
        "audience",
        "parent",
        "slug",
        "review_months",
        "comment",
    ]

    def clean_slug(self):
        slug = self.cleaned_data["slug"].lower()
        if slug in services.RESERVED_SLUGS:
            raise ValidationError(
                _("Cette adresse est réservée par le guide : choisissez-en une autre.")
            )
        if Page.objects.exclude(pk=self.page.pk).filter(slug=slug).exists():
            raise ValidationError(_("Une autre page a déjà cette adresse."))
        if PageMove.objects.exclude(page=self.page).filter(slug=slug).exists():
            raise ValidationError(_("Cette adresse est déjà proposée pour une autre page."))
        return slug


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publier le"),
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "form-control"}, format="%Y-%m-%dT%H:%M"
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        validators=[validate_date_in_range],
    )

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise ValidationError(_("Choisissez une date et une heure à venir."))
        if value > timezone.now() + datetime.timedelta(days=366):
            raise ValidationError(_("Choisissez une date dans l'année qui vient."))
        return value


class RequestChangesForm(ConfirmNamesFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Ce qu'il faut reprendre"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": _("Dites au rédacteur ce qu'il faut reprendre.")},
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        errors = services.review_note_errors(comment, names_confirmed=self.names_confirmed)
        if errors:
            raise ValidationError(errors)
        return comment


class AttachmentForm(OneTimeTokenMixin, forms.Form):
    file = forms.FileField(
        label=_("Fichier"),
        help_text=_("PDF, DOCX, ODT, XLSX, ODS, PNG ou JPEG ; 20 Mo au plus."),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.mime_type = services.check_upload(uploaded)
        return uploaded


class SuggestionForm(ConfirmNamesFormMixin, OneTimeTokenMixin, forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    text = forms.CharField(
        label=_("Votre proposition"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_(
            "Ce que vous proposez d'ajouter ou de corriger, tiré de votre expérience. "
            "Aucune donnée de patient."
        ),
    )
    proposed_body = forms.CharField(
        label=_("Le texte de la page, avec vos modifications (facultatif)"),
        required=False,
        max_length=200000,
        widget=forms.Textarea(attrs={"rows": 16, "class": "font-monospace"}),
        help_text=_(
            "Corrigez ou complétez directement le texte de la page : les rédacteurs verront "
            "exactement ce qui change. Laissez-le tel quel pour n'envoyer que votre message."
        ),
    )
    file = forms.FileField(
        label=_("Fichier (facultatif)"),
        required=False,
        help_text=_("PDF, DOCX, ODT, XLSX, ODS, PNG ou JPEG ; 20 Mo au plus."),
    )

    field_order = ["title", "text", "proposed_body", "file"]

    def __init__(self, *args, page: Page | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        if page is None:
            del self.fields["proposed_body"]
        else:
            self.fields["proposed_body"].initial = page.body

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        self.mime_type = services.check_upload(uploaded) if uploaded else ""
        return uploaded

    def clean(self):
        cleaned = super().clean()
        text = {key: cleaned[key] for key in ("title", "text") if cleaned.get(key)}
        errors = model_text_errors(Suggestion, text, names_confirmed=self.names_confirmed)
        for name, messages in errors.items():
            self.add_error(name, messages)
        proposed = cleaned.get("proposed_body")
        if self.page is not None and proposed:
            body_errors = services.proposed_body_errors(
                self.page, proposed, names_confirmed=self.names_confirmed
            )
            if body_errors:
                self.add_error("proposed_body", body_errors)
        return cleaned


class AnswerForm(ConfirmNamesFormMixin, forms.Form):
    answer = forms.CharField(
        label=_("Réponse à la personne qui a proposé"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Envoyée par e-mail. Aucune donnée de patient."),
    )

    def clean_answer(self):
        answer = self.cleaned_data["answer"]
        errors = model_text_errors(
            Suggestion, {"answer": answer}, names_confirmed=self.names_confirmed
        )
        if errors:
            raise ValidationError(errors["answer"])
        return answer


class EditorForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail d'un compte du portail"))

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(_("Aucun compte actif n'a cette adresse."))
        if user.is_staff:
            raise ValidationError(_("L'équipe GECO Lib' écrit déjà dans le guide."))
        self.user = user
        return email
