from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .choices import empty_choice, french_order
from .enums import FacilitatorKind
from .form_renderer import FilterFormRenderer
from .idempotency import OneTimeTokenMixin
from .models import EPCI, Charter, User
from .reminders import opted_out_codes, optional_reminder_kinds, set_opted_out_codes
from .validators import validate_no_patient_identifier
from .widgets import MarkdownEditor


class FilterForm(forms.Form):
    """The form of a list's filters (a django-filter FilterSet's `Meta.form`,
    or a plain form): its widgets get Bootstrap's classes from the renderer."""

    default_renderer = FilterFormRenderer


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "profession", "specialty", "rpps", "phone", "epci"]
        labels = {"first_name": _("Prénom"), "last_name": _("Nom")}
        widgets = {"phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["epci"].queryset = EPCI.objects.select_related("department").order_by(
            "department__code", "name"
        )
        self.fields["epci"].label_from_instance = lambda e: f"{e.name} ({e.department.code})"
        self.fields["profession"].empty_label = _("— Choisir une profession —")
        french_order(self.fields["profession"])
        empty_choice(self.fields["specialty"], _("— Aucune spécialité —"))
        empty_choice(self.fields["epci"], _("— Choisir votre territoire —"))
        # One checkbox per optional kind of reminder, ticked unless turned off.
        kinds = optional_reminder_kinds()
        self.reminder_codes = [kind.code for kind in kinds]
        if kinds:
            off = opted_out_codes(self.instance) if self.instance.pk else set()
            self.fields["reminders"] = forms.MultipleChoiceField(
                label=_("Rappels par e-mail"),
                choices=[(kind.code, kind.label) for kind in kinds],
                initial=[code for code in self.reminder_codes if code not in off],
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_(
                    "Décochez les rappels que vous ne souhaitez pas recevoir. Les e-mails "
                    "qui suivent vos demandes et vos facilitations sont toujours envoyés."
                ),
            )

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit and self.reminder_codes:
            wanted = set(self.cleaned_data.get("reminders") or [])
            set_opted_out_codes(user, [c for c in self.reminder_codes if c not in wanted])
        return user

    def clean_rpps(self):
        return (self.cleaned_data.get("rpps") or "").replace(" ", "")

    def clean_phone(self):
        phone = (self.cleaned_data.get("phone") or "").strip()
        digits = phone.replace(" ", "").replace(".", "").replace("-", "")
        if digits.startswith("+33"):
            digits = "0" + digits[3:]
        if phone and (not digits.isdigit() or len(digits) != 10 or not digits.startswith("0")):
            raise ValidationError(
                _("Saisissez un numéro de téléphone français à 10 chiffres (ex. 02 99 12 34 56).")
            )
        if phone:
            return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
        return ""

    def clean(self):
        cleaned = super().clean()
        profession = cleaned.get("profession")
        if cleaned.get("specialty") and (profession is None or profession.code != "10"):
            self.add_error("specialty", _("La spécialité médicale ne concerne que les médecins."))
        if profession is not None and profession.code == "10" and not cleaned.get("specialty"):
            self.add_error(
                "specialty",
                _("Indiquez votre spécialité (médecine générale ou autre)."),
            )
        return cleaned


class CharterAcceptForm(forms.Form):
    """A facilitator's acceptance of the charter in force."""

    accept = forms.BooleanField(
        error_messages={"required": _("Cochez la case pour accepter la charte.")},
    )

    def __init__(self, *args, charter: Charter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept"].label = _(
            "J'ai lu la charte (version %(version)s) et je m'engage à la respecter."
        ) % {"version": charter.number}


class CharterForm(OneTimeTokenMixin, forms.Form):
    """A new version of the charter: its title, its Markdown text and why it changes."""

    title = forms.CharField(
        label=_("Titre"), max_length=200, validators=[validate_no_patient_identifier]
    )
    text = forms.CharField(
        label=_("Texte (Markdown)"),
        widget=MarkdownEditor(attrs={"rows": 20}),
        validators=[validate_no_patient_identifier],
    )
    comment = forms.CharField(
        label=_("Ce qui change"),
        required=False,
        max_length=255,
        help_text=_("Facultatif, pour l'historique."),
        validators=[validate_no_patient_identifier],
    )

    def __init__(self, *args, current: Charter | None = None, **kwargs):
        self.current = current
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        title, text = cleaned.get("title"), cleaned.get("text")
        if self.current is not None and title is not None and text is not None:
            current = Charter.make_content(self.current.title, self.current.text)
            if Charter.make_content(title, text) == current:
                self.add_error("text", _("Le texte est identique à la version en vigueur."))
        return cleaned


class RoleForm(forms.Form):
    PROFESSIONAL = "professionnel"
    ROLE_CHOICES = [
        (PROFESSIONAL, _("Professionnel de santé")),
        (FacilitatorKind.HEALTH_PROFESSIONAL, FacilitatorKind.HEALTH_PROFESSIONAL.label),
        (FacilitatorKind.PROJECT_OFFICER, FacilitatorKind.PROJECT_OFFICER.label),
    ]
    role = forms.ChoiceField(label=_("Rôle"), choices=ROLE_CHOICES)


class UserSearchForm(FilterForm):
    q = forms.CharField(
        label=_("Nom ou adresse e-mail"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    role = forms.ChoiceField(
        label=_("Rôle"),
        required=False,
        choices=[
            ("", _("Tous")),
            ("facilitateur", _("Facilitateurs")),
            ("staff", _("Équipe GECO Lib'")),
            ("professionnel", _("Professionnels")),
        ],
    )
