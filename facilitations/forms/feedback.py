"""The questionnaire of a closed facilitation: the answer (by its signed
link) and its wording (staff)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gecolib.idempotency import OneTimeTokenMixin
from gecolib.team_data import ConfirmNamesFormMixin

from ..enums import PostureAnswer
from ..models import FeedbackAnswer, FeedbackQuestionnaire, FeedbackQuestionnaireRevision

SATISFACTION_CHOICES = [
    (1, _("1 – Pas du tout satisfait")),
    (2, _("2 – Peu satisfait")),
    (3, _("3 – Moyennement satisfait")),
    (4, _("4 – Satisfait")),
    (5, _("5 – Très satisfait")),
]
RECOMMEND_CHOICES = [(score, str(score)) for score in range(11)]


class FeedbackAnswerForm(OneTimeTokenMixin, ConfirmNamesFormMixin, forms.ModelForm):
    """One answer, worded by the questionnaire's current version. The comment
    refuses patient identity as every free text of the portal (a name asks
    for a confirmation)."""

    satisfaction = forms.TypedChoiceField(
        choices=SATISFACTION_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une note entre 1 et 5.")},
    )
    recommend = forms.TypedChoiceField(
        choices=RECOMMEND_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "score-choice"}),
        error_messages={"required": _("Choisissez une note entre 0 et 10.")},
    )
    listening = forms.ChoiceField(
        choices=PostureAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Répondez à la question sur l'écoute.")},
    )
    neutrality = forms.ChoiceField(
        choices=PostureAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Répondez à la question sur la neutralité.")},
    )

    class Meta:
        model = FeedbackAnswer
        fields = ["satisfaction", "helps", "listening", "neutrality", "recommend", "comment"]
        widgets = {
            "helps": forms.CheckboxSelectMultiple,
            "comment": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        }

    def __init__(self, *args, revision: FeedbackQuestionnaireRevision, helps, **kwargs):
        super().__init__(*args, **kwargs)
        texts = revision.texts
        self.instance.questionnaire_revision = revision
        self.fields["helps"].queryset = helps
        self.fields["helps"].required = False
        for name in ("satisfaction", "helps", "listening", "neutrality", "recommend", "comment"):
            self.fields[name].label = texts[f"{name}_question"]
        self.fields["helps"].help_text = _("Cochez autant d'aides que vous le souhaitez.")
        self.fields["comment"].help_text = _(
            "Facultatif. Ne citez aucun patient ; votre commentaire est lu sans votre nom."
        )


class QuestionnaireForm(forms.ModelForm):
    """The questionnaire's wording (staff); each save is a version."""

    comment = forms.CharField(
        label=_("Motif de la modification"),
        max_length=255,
        required=False,
        help_text=_("Par exemple : « Question sur la neutralité reformulée »."),
    )

    class Meta:
        model = FeedbackQuestionnaire
        fields = [
            "intro",
            "satisfaction_question",
            "helps_question",
            "listening_question",
            "neutrality_question",
            "recommend_question",
            "comment_question",
        ]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}
