"""No silent overwrite of the minutes nor of an agenda item.

Both carry a version number (`Meeting.minutes_version`, `AgendaItem.version`)
that grows with each save. Their forms send back, hidden, the version the
editor started from (`base_version`); the save locks the row and refuses,
with `EditedMeanwhile`, a text that started from an older version — two
organisers writing the minutes at once: the second one is told, sees the
text now saved, and keeps what they typed to merge it by hand (the guide's
pages and the coordination protocols do the same with their revisions)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BASE_VERSION = "base_version"

BASE_VERSION_ERROR = _(
    "Ce formulaire est incomplet : rechargez la page, puis reprenez vos modifications."
)


class EditedMeanwhile(ValidationError):
    """Someone saved since the editor opened the page; nothing was saved.
    `current` is the row as it now stands."""

    def __init__(self, message, *, current):
        super().__init__(message, code="concurrent")
        self.current = current


def base_version_field() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={key: BASE_VERSION_ERROR for key in ("required", "invalid", "min_value")},
    )


class BaseVersionFormMixin:
    """The hidden `base_version` of a form that edits a versioned row; an
    error on it (a form tampered with or cut short) is said at the top."""

    def full_clean(self) -> None:
        super().full_clean()
        if self._errors and BASE_VERSION in self._errors:
            self.add_error(None, self._errors.pop(BASE_VERSION).as_data())

    def start_from(self, version: int) -> None:
        """After a refused save: the next one starts from the version the
        editor has now seen (their text stays in the form)."""
        self.data = self.data.copy()
        self.data[self.add_prefix(BASE_VERSION)] = str(version)
