"""Forms of the facilitation workflow: requests, triage decisions, binôme,
session log, follow-ups and closing."""

from __future__ import annotations

import datetime
from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gecolib.enums import FacilitatorKind
from gecolib.models import EPCI, Charter, CharterAcceptance, Department, Profession, User
from gecolib.territories import BRITTANY_DEPARTMENTS
from structures.enums import StructureKind
from structures.models import Membership, Structure

from .enums import FacilitationOutcome, FacilitationStatus, RequestStatus
from .models import (
    Facilitation,
    FacilitationRequest,
    FollowUpAction,
    HelpType,
    Need,
    Session,
    SessionParticipation,
)

# Professions offered as one number input each in the session form; others
# already recorded on a session are added when it is edited.
COMMON_PROFESSION_CODES = ["10", "60", "70", "21", "50", "91", "80", "40", "95", "93"]


class GroupedModelChoiceIterator(forms.models.ModelChoiceIterator):
    """Yields <optgroup>s: (group label, [(value, label), …])."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.queryset.select_related("department").order_by("department__code", "name")
        for department, items in groupby(rows, key=lambda e: e.department):
            yield (str(department), [self.choice(item) for item in items])


class EpciChoiceField(forms.ModelChoiceField):
    """EPCI grouped by department; enhanced into a searchable combobox by
    static/js/epci-picker.js, and a plain <select> without JavaScript."""

    iterator = GroupedModelChoiceIterator

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", EPCI.objects.all())
        kwargs.setdefault("empty_label", _("— Choisir un territoire —"))
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {
                "data-combobox": "epci",
                "data-combobox-empty": _("Aucun territoire ne correspond à votre saisie."),
                "data-combobox-count": _("{n} territoires proposés"),
            }
        )

    def label_from_instance(self, obj: EPCI) -> str:
        return f"{obj.name} ({obj.department.code})"


class FacilitationRequestForm(forms.ModelForm):
    epci = EpciChoiceField(
        label=_("Territoire (EPCI)"),
        help_text=_("Tapez quelques lettres du nom de l'intercommunalité pour filtrer la liste."),
    )

    class Meta:
        model = FacilitationRequest
        fields = [
            "structure",
            "project_name",
            "epci",
            "needs",
            "other_need",
            "description",
            "professions",
            "availability",
        ]
        labels = {
            "structure": _("Votre équipe"),
            "project_name": _("Ou le nom du nouveau projet"),
            "needs": _("De quoi avez-vous besoin ?"),
            "other_need": _("Précisez l'autre besoin"),
            "description": _("Décrivez votre projet et votre équipe"),
            "professions": _("Professions déjà impliquées"),
            "availability": _("Vos disponibilités"),
        }
        help_texts = {
            "structure": _("Une structure dont vous êtes membre sur le portail."),
            "project_name": _("Si votre équipe n'existe pas encore sur le portail."),
            "description": _("Aucune donnée concernant des patients, s'il vous plaît."),
            "availability": _("Jours et créneaux où votre équipe peut se réunir."),
        }
        widgets = {
            "needs": forms.CheckboxSelectMultiple,
            "professions": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "availability": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = Structure.objects.filter(
            pk__in=Membership.objects.current().filter(user=user).values("structure_id")
        )
        self.fields["structure"].empty_label = _("— Un nouveau projet —")
        self.fields["structure"].required = False
        self.fields["needs"].queryset = Need.objects.all()
        self.fields["professions"].queryset = Profession.objects.all()
        if not self.is_bound and user.epci_id:
            self.initial.setdefault("epci", user.epci_id)
        if not self.is_bound and user.profession_id:
            self.initial.setdefault("professions", [user.profession_id])

    def clean_project_name(self) -> str:
        return (self.cleaned_data.get("project_name") or "").strip()

    def clean(self):
        cleaned = super().clean()
        structure, name = cleaned.get("structure"), cleaned.get("project_name")
        if structure is None and not name:
            self.add_error(
                "project_name",
                _("Choisissez votre équipe ou donnez le nom du nouveau projet."),
            )
        elif structure is not None and name:
            self.add_error(
                "project_name",
                _("Choisissez soit une équipe existante, soit un nouveau projet, pas les deux."),
            )
        needs = cleaned.get("needs") or []
        if any(n.code == "autre" for n in needs) and not (cleaned.get("other_need") or "").strip():
            self.add_error("other_need", _("Précisez votre besoin « autre »."))
        return cleaned


class RequestMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Votre message"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Aucune donnée concernant des patients."),
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise ValidationError(_("Le message est vide."))
        return body


class RedirectForm(forms.Form):
    to = forms.CharField(
        label=_("Orientée vers"),
        max_length=255,
        help_text=_("Par exemple : le référent ARS du département, une CPTS voisine…"),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du refus"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Le demandeur le lira : restez factuel et bienveillant."),
    )


class FacilitatorChoiceField(forms.ModelChoiceField):
    """Facilitators of one kind; those who have not accepted the current
    charter are listed (so staff see them) but refused on validation."""

    def __init__(self, kind: str, **kwargs):
        charter = Charter.current()
        queryset = User.objects.facilitators().filter(facilitator_kind=kind)
        if charter is not None:
            queryset = queryset.annotate(
                charter_ok=Exists(
                    CharterAcceptance.objects.filter(user=OuterRef("pk"), charter=charter)
                )
            )
        self.kind = kind
        self.charter_checked = charter is not None
        kwargs.setdefault("empty_label", _("— Choisir —"))
        super().__init__(
            queryset=queryset.order_by("last_name", "first_name"),
            label=FacilitatorKind(kind).label,
            error_messages={
                "invalid_choice": _("Choisissez un %(kind)s dans la liste.")
                % {"kind": FacilitatorKind(kind).label.lower()}
            },
            **kwargs,
        )

    def label_from_instance(self, obj: User) -> str:
        if self.charter_checked and not obj.charter_ok:
            return str(_("%(name)s (charte non acceptée)") % {"name": obj.display_name})
        return obj.display_name

    def clean(self, value):
        user = super().clean(value)
        if user is not None:
            Facilitation.check_can_be_assigned(user, self.kind)
        return user


class BinomeForm(forms.Form):
    """The two members of a binôme. Fields are built per form (the current
    charter is read then, never at import time)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"] = FacilitatorChoiceField(FacilitatorKind.HEALTH_PROFESSIONAL)
        self.fields["project_officer"] = FacilitatorChoiceField(FacilitatorKind.PROJECT_OFFICER)


class AcceptForm(BinomeForm):
    structure = forms.ModelChoiceField(
        label=_("Structure existante"),
        queryset=Structure.objects.all(),
        required=False,
        empty_label=_("— Créer la structure à partir de la demande —"),
    )
    new_structure_kind = forms.ChoiceField(
        label=_("Type de la structure à créer"),
        choices=[("", "—"), *StructureKind.choices],
        required=False,
    )
    new_structure_name = forms.CharField(
        label=_("Nom de la structure à créer"), max_length=200, required=False
    )

    field_order = [
        "structure",
        "new_structure_kind",
        "new_structure_name",
        "facilitator",
        "project_officer",
    ]

    def __init__(self, *args, request_obj: FacilitationRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)
        self.fields["structure"].queryset = Structure.objects.order_by("name")
        if not self.is_bound:
            self.initial.setdefault("structure", request_obj.structure_id)
            self.initial.setdefault("new_structure_name", request_obj.project_name)
            kinds = [n.creates_kind for n in request_obj.needs.all() if n.creates_kind]
            if kinds:
                self.initial.setdefault("new_structure_kind", kinds[0])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("structure") is None and "structure" not in self.errors:
            if not cleaned.get("new_structure_kind"):
                self.add_error(
                    "new_structure_kind",
                    _("Choisissez une structure existante ou le type de la structure à créer."),
                )
            if not (cleaned.get("new_structure_name") or "").strip():
                self.add_error("new_structure_name", _("Donnez un nom à la structure à créer."))
        return cleaned


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SessionForm(forms.ModelForm):
    """One form for one session, participants as one number per profession."""

    class Meta:
        model = Session
        fields = [
            "date",
            "duration_minutes",
            "mode",
            "phase",
            "help_given",
            "shared_summary",
            "private_notes",
            "next_steps",
            "next_date",
        ]
        widgets = {
            "date": DateInput(),
            "next_date": DateInput(),
            "help_given": forms.CheckboxSelectMultiple,
            "duration_minutes": forms.NumberInput(attrs={"min": 1, "max": 1440, "step": 5}),
            "shared_summary": forms.Textarea(attrs={"rows": 4}),
            "private_notes": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "shared_summary": _("Visible par les membres de l'équipe. Aucune donnée de patient."),
            "private_notes": _("Visibles seulement par le binôme et l'équipe GECO Lib'."),
        }

    def __init__(self, *args, facilitation: Facilitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.facilitation = facilitation
        self.fields["help_given"].queryset = HelpType.objects.all()
        existing = {}
        if self.instance.pk:
            existing = {p.profession_id: p.count for p in self.instance.participations.all()}
        professions = Profession.objects.filter(pk__in=list(existing)) | Profession.objects.filter(
            code__in=COMMON_PROFESSION_CODES
        )
        self.professions = sorted(
            professions.distinct(),
            key=lambda p: (
                COMMON_PROFESSION_CODES.index(p.code) if p.code in COMMON_PROFESSION_CODES else 99,
                p.name,
            ),
        )
        for profession in self.professions:
            self.fields[f"participants_{profession.code}"] = forms.IntegerField(
                label=profession.name,
                min_value=0,
                max_value=500,
                required=False,
                initial=existing.get(profession.pk, None),
                widget=forms.NumberInput(attrs={"min": 0, "max": 500, "class": "form-control"}),
            )

    def participant_fields(self):
        return [self[f"participants_{p.code}"] for p in self.professions]

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(
                _("Une séance se consigne une fois tenue : la date ne peut pas être à venir.")
            )
        if date < self.facilitation.opened_at.astimezone(timezone.get_current_timezone()).date():
            raise ValidationError(
                _("La séance ne peut pas précéder l'ouverture de la facilitation.")
            )
        return date

    def clean_duration_minutes(self) -> int:
        minutes = self.cleaned_data["duration_minutes"]
        if not 0 < minutes <= 24 * 60:
            raise ValidationError(_("La durée doit être comprise entre 1 minute et 24 heures."))
        return minutes

    def clean(self):
        cleaned = super().clean()
        date, next_date = cleaned.get("date"), cleaned.get("next_date")
        if date and next_date and next_date <= date:
            self.add_error(
                "next_date", _("La prochaine séance doit être prévue après la date de celle-ci.")
            )
        return cleaned

    def save(self, commit: bool = True) -> Session:
        session = super().save(commit=False)
        session.facilitation = self.facilitation
        if commit:
            session.save()
            self.save_m2m()
            counts = {
                p: self.cleaned_data.get(f"participants_{p.code}") or 0 for p in self.professions
            }
            session.participations.filter(
                profession__in=[p for p, n in counts.items() if not n]
            ).delete()
            for profession, count in counts.items():
                if count:
                    SessionParticipation.objects.update_or_create(
                        session=session, profession=profession, defaults={"count": count}
                    )
        return session


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUpAction
        fields = ["title", "assignee", "due_date"]
        widgets = {"due_date": DateInput()}
        labels = {"title": _("Action à mener")}

    def __init__(self, *args, facilitation: Facilitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.facilitation = facilitation
        self.fields["assignee"].queryset = facilitation.possible_assignees()
        self.fields["assignee"].label_from_instance = lambda u: u.display_name
        self.fields["assignee"].empty_label = _("— Personne en particulier —")

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Décrivez l'action."))
        return title

    def clean_due_date(self) -> datetime.date:
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate() - datetime.timedelta(days=365):
            raise ValidationError(_("Cette échéance est trop ancienne."))
        return due


class BaseFollowUpFormSet(forms.BaseModelFormSet):
    """Optional follow-ups typed in the session form (empty rows ignored)."""

    def __init__(self, *args, facilitation: Facilitation, **kwargs):
        kwargs.setdefault("queryset", FollowUpAction.objects.none())
        kwargs.setdefault("prefix", "suivi")
        super().__init__(*args, form_kwargs={"facilitation": facilitation}, **kwargs)


FollowUpFormSet = forms.modelformset_factory(
    FollowUpAction, form=FollowUpForm, formset=BaseFollowUpFormSet, extra=2, max_num=10
)


class CloseForm(forms.Form):
    CLOSE, ABANDON = FacilitationStatus.DONE.value, FacilitationStatus.ABANDONED.value
    action = forms.ChoiceField(
        label=_("Issue"),
        choices=[
            (CLOSE, _("Terminer la facilitation")),
            (ABANDON, _("Abandonner la facilitation")),
        ],
        widget=forms.RadioSelect,
        initial=CLOSE,
    )
    outcome = forms.ChoiceField(
        label=_("Résultat"),
        choices=[("", "—"), *FacilitationOutcome.choices],
        required=False,
        help_text=_("Obligatoire pour terminer."),
    )
    summary = forms.CharField(
        label=_("Bilan de clôture"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Partagé avec l'équipe. Aucune donnée de patient."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.CLOSE and not cleaned.get("outcome"):
            self.add_error("outcome", _("Indiquez le résultat de la facilitation."))
        return cleaned


class _FilterForm(forms.Form):
    """GET filters rendered field by field: Bootstrap classes on the widgets."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select")

    @classmethod
    def from_query(cls, query, defaults: dict[str, str], **kwargs) -> _FilterForm:
        """Bind to the query string, a filter absent from it taking its default:
        a pagination link followed from the unfiltered page (`?page=2`) keeps
        the default filters, while an explicit « Tous » (`status=`) stays."""
        data = query.copy()
        for name, value in defaults.items():
            if name not in data:
                data[name] = value
        return cls(data, **kwargs)


class TriageFilterForm(_FilterForm):
    OPEN = "ouvertes"
    AGE_CHOICES = [
        ("", _("Toutes")),
        ("7", _("Plus de 7 jours")),
        ("30", _("Plus de 30 jours")),
        ("90", _("Plus de 90 jours")),
    ]
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[(OPEN, _("À traiter")), ("", _("Tous")), *RequestStatus.choices],
    )
    department = forms.ModelChoiceField(
        label=_("Département"),
        queryset=Department.objects.filter(code__in=BRITTANY_DEPARTMENTS),
        required=False,
        empty_label=_("Tous"),
    )
    need = forms.ModelChoiceField(
        label=_("Besoin"), queryset=Need.objects.all(), required=False, empty_label=_("Tous")
    )
    age = forms.ChoiceField(label=_("Déposée depuis"), choices=AGE_CHOICES, required=False)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.open()
        data = self.cleaned_data
        status = data.get("status")
        if status == self.OPEN:
            queryset = queryset.open()
        elif status:
            queryset = queryset.filter(status=status)
        if data.get("department"):
            queryset = queryset.filter(epci__department=data["department"])
        if data.get("need"):
            queryset = queryset.filter(needs=data["need"])
        if data.get("age"):
            cutoff = timezone.now() - datetime.timedelta(days=int(data["age"]))
            queryset = queryset.filter(created_at__lte=cutoff)
        return queryset


class WorkspaceFilterForm(_FilterForm):
    MINE, PAST, ALL = "miennes", "passees", "toutes"
    scope = forms.ChoiceField(
        label=_("Facilitations"),
        required=False,
        choices=[
            (MINE, _("Celles de mon binôme")),
            (PAST, _("Celles que j'ai facilitées avant")),
            (ALL, _("Toutes (équipe GECO Lib')")),
        ],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.is_staff:
            self.fields["scope"].choices = self.fields["scope"].choices[:2]

    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[
            ("ouvertes", _("En cours ou en pause")),
            ("", _("Tous")),
            *FacilitationStatus.choices,
        ],
    )
    department = forms.ModelChoiceField(
        label=_("Département"),
        queryset=Department.objects.filter(code__in=BRITTANY_DEPARTMENTS),
        required=False,
        empty_label=_("Tous"),
    )
