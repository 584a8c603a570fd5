"""The staff form of a synonyms line (`SearchSynonym`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gecolib.idempotency import OneTimeTokenMixin

from ..models import SearchSynonym
from ..models.search import split_expressions
from .text import STOP_WORDS, words


def _key(expression: str) -> tuple[str, ...]:
    return tuple(word for word in words(expression) if word not in STOP_WORDS)


class SynonymForm(OneTimeTokenMixin, forms.ModelForm):
    comment = forms.CharField(
        label=gettext_lazy("Motif de la modification"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Par exemple : « orthographe ajoutée »."),
    )

    class Meta:
        model = SearchSynonym
        fields = ["expressions", "note"]
        widgets = {"expressions": forms.Textarea(attrs={"rows": 2})}

    def clean_expressions(self) -> str:
        expressions = split_expressions(self.cleaned_data["expressions"])
        if any(not _key(expression) for expression in expressions):
            raise forms.ValidationError(
                _(
                    "Chaque expression contient au moins un mot qui compte "
                    "(pas seulement « de », « la »…)."
                )
            )
        keys = {_key(expression): expression for expression in expressions}
        if len(keys) < 2:
            raise forms.ValidationError(
                _("Indiquez au moins deux expressions différentes, séparées par une virgule.")
            )
        others = SearchSynonym.objects.exclude(pk=self.instance.pk)
        for line in others.only("expressions"):
            taken = [e for e in line.expression_list() if _key(e) in keys]
            if taken:
                raise forms.ValidationError(
                    _("« %(expression)s » figure déjà dans la ligne « %(line)s » : complétez-la.")
                    % {"expression": taken[0], "line": line.expressions}
                )
        return ", ".join(expressions)
