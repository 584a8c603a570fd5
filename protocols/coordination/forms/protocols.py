"""Forms of coordination protocols: the text, the steps table (a formset whose
rows are added, moved and removed on the page, ordered on the server), the
indicators and their values, the design meetings, validation, sharing, copy."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.forms import (
    BaseInlineFormSet,
    BaseModelFormSet,
    inlineformset_factory,
    modelformset_factory,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.idempotency import OneTimeTokenMixin
from gecolib.models import Profession, User
from gecolib.revisions import latest_revision
from gecolib.team_data import (
    CONFIRM_NAMES_FIELD,
    ConfirmNamesFormMixin,
    identity_error,
    validate_date_in_range,
)
from gecolib.widgets import DateInput, MarkdownEditor

from ..enums import ProtocolTheme
from ..models import DesignMeeting, Indicator, IndicatorValue, Protocol, ProtocolStep
from ..models.indicator_history import text_content

MARKDOWN_FIELDS = (
    "problem",
    "problem_detail",
    "objectives",
    "inclusion_criteria",
    "exclusion_criteria",
    "information_sharing",
    "patient_involvement",
    "references",
)
MAX_ROWS = 40
BASE_REVISION_ERROR = _(
    "Ce formulaire ne dit pas de quelle version du protocole il part : rechargez la page "
    "et recommencez. Rien n'a été enregistré."
)


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user: User) -> str:
        profession = user.profession.name if user.profession_id else ""
        return f"{user.display_name} ({profession})" if profession else user.display_name


def current_members(structure) -> forms.models.QuerySet:
    return (
        User.objects.filter(memberships__in=structure.memberships.current(), is_active=True)
        .select_related("profession")
        .distinct()
        .order_by("last_name", "first_name")
    )


def stale_version_error(protocol: Protocol, base: int) -> forms.ValidationError | None:
    """The French error when the protocol's text changed since revision `base`
    (the one the page started from), else None. The form checks it, and the
    save checks it again with the protocol's row locked: of two saves from the
    same version, the second is refused."""
    latest = latest_revision(protocol.revisions.select_related("author"))
    if base > (latest.number if latest else 0):
        return forms.ValidationError(BASE_REVISION_ERROR)
    if latest is not None and base < latest.number:
        start = protocol.revisions.filter(number=base).first()
        if start is None or text_content(start.content) != text_content(latest.content):
            author = latest.author.display_name if latest.author else _("un autre membre")
            return forms.ValidationError(
                _(
                    "Ce protocole a été modifié entre-temps (version %(number)s, par "
                    "%(author)s). Rechargez la page pour repartir du texte actuel ; "
                    "rien n'a été enregistré."
                )
                % {"number": latest.number, "author": author},
                code="stale",
            )
    return None


class ProtocolForm(ConfirmNamesFormMixin, OneTimeTokenMixin, forms.ModelForm):
    """The protocol's text, following the HAS method sheet."""

    comment = forms.CharField(
        label=_("Commentaire de version (facultatif)"),
        max_length=255,
        required=False,
        help_text=_("Ce qui a changé, pour l'historique des versions."),
    )

    class Meta:
        model = Protocol
        fields = [
            "title",
            "theme",
            "problem",
            "problem_source",
            "problem_detail",
            "objectives",
            "inclusion_criteria",
            "exclusion_criteria",
            "professions",
            "members",
            "authors",
            "information_sharing",
            "patient_involvement",
            "references",
            "origin",
        ]
        widgets = {name: MarkdownEditor(attrs={"rows": 4}) for name in MARKDOWN_FIELDS}
        labels = {"problem_source": _("Identifié grâce à")}

    def __init__(self, *args, structure, may_name_authors: bool, **kwargs):
        super().__init__(*args, **kwargs)
        members = current_members(structure)
        self.fields["professions"] = forms.ModelMultipleChoiceField(
            label=_("Professions concernées"),
            queryset=Profession.objects.order_by("name"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["members"] = MemberChoiceField(
            label=_("Membres impliqués"),
            queryset=members,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        if may_name_authors:
            self.fields["authors"] = MemberChoiceField(
                label=_("Auteurs"),
                queryset=members,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_(
                    "Les membres nommés auteurs peuvent modifier ce protocole, comme les "
                    "coordinateurs et les référents."
                ),
            )
        else:
            del self.fields["authors"]
        self.fields["theme"].choices = [("", _("Choisissez un thème"))] + list(
            ProtocolTheme.choices
        )
        self.fields["comment"].widget.attrs["maxlength"] = 255
        if self.instance.pk is not None:
            self.fields["origin"].disabled = True
            # Mandatory on an edit: which revision the page started from, so that
            # a colleague's save in between is never silently overwritten.
            self.fields["base_revision"] = forms.IntegerField(
                widget=forms.HiddenInput,
                min_value=0,
                error_messages={
                    key: BASE_REVISION_ERROR for key in ("required", "invalid", "min_value")
                },
            )
            if not self.is_bound:
                latest = latest_revision(self.instance.revisions)
                self.initial["base_revision"] = latest.number if latest else 0

    def full_clean(self) -> None:
        super().full_clean()
        if self._errors and "base_revision" in self._errors:
            self.add_error(None, self._errors.pop("base_revision").as_data())

    def clean_comment(self) -> str:
        """The version's comment is kept with the protocol: the same identity
        check as its text."""
        comment = self.cleaned_data["comment"]
        if error := identity_error(comment, names_confirmed=self.names_confirmed):
            raise error
        return comment

    def clean(self):
        cleaned = super().clean()
        base = cleaned.get("base_revision")
        if self.instance.pk is None or base is None:
            return cleaned
        if error := stale_version_error(self.instance, base):
            raise error
        return cleaned


class RowForm(ConfirmNamesFormMixin, forms.ModelForm):
    """A row of an editable table: Bootstrap classes; only a typed value counts
    as a change (the page renumbers every row's ORDER)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control form-control-sm")

    def has_changed(self) -> bool:
        return bool(set(self.changed_data) - {"ORDER", CONFIRM_NAMES_FIELD})


# The <datalist> of the form's page that offers the protocol's professions in « Qui ».
STEP_PROFESSIONS_LIST = "professions-etapes"


class StepForm(RowForm):
    class Meta:
        model = ProtocolStep
        fields = ["who", "what", "when", "how"]
        widgets = {
            "who": forms.TextInput(attrs={"list": STEP_PROFESSIONS_LIST, "autocomplete": "off"}),
            "what": forms.Textarea(attrs={"rows": 2}),
            "how": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "who": _("Une profession cochée plus haut (proposée à la saisie) ou un rôle."),
        }


def ticked_professions(form: ProtocolForm) -> list[str]:
    """The names of the professions ticked on the protocol's form (as sent,
    or as saved), offered in the « Qui » column of the steps."""
    value = form["professions"].value() or []
    pks = []
    for item in value:
        pk = getattr(item, "pk", item)
        try:
            number = int(pk)
        except (TypeError, ValueError):
            continue
        if 0 < number < 2**63:
            pks.append(number)
    if not pks:
        return []
    professions = form.fields["professions"].queryset.filter(pk__in=pks)
    return list(professions.order_by("name").values_list("name", flat=True))


class OrderedInlineFormSet(BaseInlineFormSet):
    """Rows ordered by their ORDER field (kept up to date by the page's script;
    typed by hand without it). `save_ordered` numbers them 1…n.

    The order typed is the order kept, on save and when the table comes back
    with an error (`rows_in_order`): the page's script renumbers ORDER from the
    rows' place on load, so rows rendered in their old place would be saved
    there. A blank or unreadable ORDER goes last; of two rows with the same
    ORDER (« 1 » typed on the fourth row, without script), the one whose ORDER
    was changed comes first."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = _("Ordre")
        form.fields["ORDER"].required = False
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Supprimer")

    def deleted_rows(self) -> list:
        """The saved rows ticked « Supprimer »."""
        return [form.instance for form in self.deleted_forms if form.instance.pk]

    def save_ordered(self, parent) -> None:
        for row in self.deleted_rows():
            row.delete()
        for position, form in enumerate(self.kept_forms(), start=1):
            row = form.save(commit=False)
            row.protocol = parent
            row.position = position
            row.save()

    def kept_forms(self) -> list:
        return [f for f in self.ordered_forms if f.instance.pk or f.has_changed()]

    def _order_key(self, index: int, form) -> tuple:
        field = form.fields["ORDER"]
        try:
            order = field.clean(form["ORDER"].value())
        except ValidationError:
            order = None
        moved = order is not None and order != field.initial
        return (order is None, order or 0, not moved, index)

    @property
    def ordered_forms(self) -> list:
        """The rows kept, in the order typed (Django's, with the tie rule above)."""
        if not self.is_valid():
            raise AttributeError("ordered_forms needs a valid formset")
        rows = [
            (index, form)
            for index, form in enumerate(self.forms)
            if (index < self.initial_form_count() or form.has_changed())
            and not self._should_delete_form(form)
        ]
        return [form for _index, form in sorted(rows, key=lambda row: self._order_key(*row))]

    def rows_in_order(self) -> list:
        """Every row, as the page shows it: in the order typed once sent."""
        if not self.is_bound:
            return list(self.forms)
        rows = sorted(enumerate(self.forms), key=lambda row: self._order_key(*row))
        return [form for _index, form in rows]


def step_formset(extra: int = 0):
    return inlineformset_factory(
        Protocol,
        ProtocolStep,
        form=StepForm,
        formset=OrderedInlineFormSet,
        extra=extra,
        can_order=True,
        can_delete=True,
        max_num=MAX_ROWS,
        validate_max=True,
        absolute_max=MAX_ROWS,
    )


class IndicatorForm(RowForm):
    class Meta:
        model = Indicator
        fields = ["name", "target", "measure"]


def indicator_formset(extra: int = 0):
    return inlineformset_factory(
        Protocol,
        Indicator,
        form=IndicatorForm,
        formset=OrderedInlineFormSet,
        extra=extra,
        can_order=True,
        can_delete=True,
        max_num=MAX_ROWS,
        validate_max=True,
        absolute_max=MAX_ROWS,
    )


class MeetingForm(RowForm):
    class Meta:
        model = DesignMeeting
        fields = ["date", "duration_minutes", "participants"]
        widgets = {"date": DateInput()}

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date and date > timezone.localdate() + timezone.timedelta(days=366):
            raise ValidationError(_("Cette date est trop lointaine."))
        return date


class BaseMeetingFormSet(BaseInlineFormSet):
    def rows_in_order(self) -> list:
        return list(self.forms)

    def save_rows(self, parent) -> None:
        for form in self.deleted_forms:
            if form.instance.pk:
                form.instance.delete()
        for form in self.forms:
            if form in self.deleted_forms or not (form.instance.pk or form.has_changed()):
                continue
            row = form.save(commit=False)
            row.protocol = parent
            row.save()


def meeting_formset(extra: int = 0):
    return inlineformset_factory(
        Protocol,
        DesignMeeting,
        form=MeetingForm,
        formset=BaseMeetingFormSet,
        extra=extra,
        can_delete=True,
        max_num=MAX_ROWS,
        validate_max=True,
        absolute_max=MAX_ROWS,
    )


class IndicatorValueForm(ConfirmNamesFormMixin, forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["date", "value", "comment"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.instance.indicator = indicator
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date and date > timezone.localdate():
            raise ValidationError(_("Une valeur ne peut pas être datée dans le futur."))
        if date and self.indicator.values.filter(date=date).exists():
            raise ValidationError(
                _("Une valeur est déjà saisie à cette date : choisissez une autre date.")
            )
        return date


FUTURE_VALUE_ERROR = _("Une valeur ne peut pas être datée dans le futur.")
TAKEN_DATE_ERROR = _("Une valeur est déjà saisie à cette date : choisissez une autre date.")
# Where the rows whose dates are swapped wait during a save: no value is dated
# before FIRST_YEAR (gecolib.team_data), so no value of the indicator is there.
PARKING_DATE = datetime.date(1, 1, 1)


class IndicatorValueRowForm(IndicatorValueForm):
    """A row of an indicator's values table: the fields and checks of
    IndicatorValueForm (no future date, no patient identity, the « Je
    confirme… » box), except the date against the other values, which the
    table checks as a whole: two rows may swap their dates."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("date", "value", "comment"):
            self.fields[name].widget.attrs.setdefault("class", "form-control form-control-sm")

    @property
    def saved_date(self) -> datetime.date | None:
        """The row's date as saved, which its labels name (None when the
        value was deleted meanwhile)."""
        return self.initial.get("date")

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date and date > timezone.localdate():
            raise ValidationError(FUTURE_VALUE_ERROR)
        return date


class BaseIndicatorValueFormSet(BaseModelFormSet):
    """The dated values of one indicator, by date, to correct or delete (new
    values are added on the protocol's page). One value per date: two rows
    on the same date, or a row on the date of a value entered since the page
    was opened, are French errors beside the dates."""

    def __init__(self, *args, indicator: Indicator, **kwargs):
        self.indicator = indicator
        kwargs.setdefault("queryset", indicator.values.order_by("date", "pk"))
        super().__init__(*args, form_kwargs={"indicator": indicator}, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Supprimer")
        form.fields["id"].error_messages["invalid_choice"] = _(
            "Cette valeur a été supprimée entre-temps : rechargez la page."
        )

    def clean(self):
        super().clean()
        rows = [
            form
            for form in self.initial_forms
            if not self._should_delete_form(form) and form.cleaned_data.get("date")
        ]
        by_date = defaultdict(list)
        for form in rows:
            by_date[form.cleaned_data["date"]].append(form)
        table = [form.instance.pk for form in self.initial_forms if form.instance.pk]
        taken = set(self.dates_taken_outside(table, list(by_date)))
        for date, forms_on_date in by_date.items():
            if len(forms_on_date) > 1:
                for form in forms_on_date:
                    form.add_error(
                        "date",
                        _("Deux lignes portent cette date : une seule valeur par date."),
                    )
            elif date in taken:
                forms_on_date[0].add_error("date", TAKEN_DATE_ERROR)

    def dates_taken_outside(self, table: list[int], dates: list) -> list:
        """Of `dates`, those of the indicator's values that are not rows of
        the table (entered since the page was opened)."""
        return list(
            self.indicator.values.exclude(pk__in=table)
            .filter(date__in=dates)
            .values_list("date", flat=True)
        )

    def deleted_rows(self) -> list[IndicatorValue]:
        """The saved values ticked « Supprimer »."""
        return [form.instance for form in self.deleted_forms if form.instance.pk]

    def changed_forms(self) -> list:
        deleted = self.deleted_forms
        return [
            form
            for form in self.initial_forms
            if form.instance.pk and form not in deleted and form.has_changed()
        ]

    def save_rows(self) -> None:
        """Delete the rows ticked, save the rows changed. The one-value-per-date
        constraint holds at every statement: when dates move from row to row
        (two dates swapped), the rows that move first wait on dates no value
        has, then take their new dates."""
        for row in self.deleted_rows():
            row.delete()
        changed = self.changed_forms()
        moved = [form.instance.pk for form in changed if "date" in form.changed_data]
        if len(moved) > 1:
            for offset, pk in enumerate(moved):
                IndicatorValue.objects.filter(pk=pk).update(
                    date=PARKING_DATE + datetime.timedelta(days=offset)
                )
        for form in changed:
            form.save()


def indicator_value_formset():
    return modelformset_factory(
        IndicatorValue,
        form=IndicatorValueRowForm,
        formset=BaseIndicatorValueFormSet,
        extra=0,
        can_delete=True,
        edit_only=True,
    )


class ValidateForm(forms.Form):
    date = forms.DateField(
        label=_("Date de validation par l'équipe"),
        widget=DateInput(),
        validators=[validate_date_in_range],
    )
    agreed_by = MemberChoiceField(
        label=_("Membres qui ont validé le protocole"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez au moins un membre qui a validé le protocole.")},
    )
    review_date = forms.DateField(
        label=_("Date de révision"),
        required=False,
        widget=DateInput(),
        help_text=_("Laissez vide : un an après la validation."),
        validators=[validate_date_in_range],
    )

    def __init__(self, *args, structure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_by"].queryset = current_members(structure)
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())


class ShareForm(forms.Form):
    show_structure = forms.BooleanField(
        label=_("Afficher le nom de la structure dans la bibliothèque"),
        required=False,
        initial=True,
        help_text=_("Décochez pour partager le protocole sans dire quelle équipe l'a écrit."),
    )
    show_indicator_values = forms.BooleanField(
        label=_("Montrer les valeurs des indicateurs"),
        required=False,
        initial=False,
        help_text=_(
            "Cochée, la bibliothèque montre les valeurs datées des indicateurs (jamais leurs "
            "commentaires). Sinon, seuls les indicateurs sont montrés."
        ),
    )


class CopyForm(OneTimeTokenMixin, forms.Form):
    structure = forms.ModelChoiceField(
        label=_("Copier dans la structure"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choisissez une de vos structures.")},
    )

    def __init__(self, *args, structures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = structures
