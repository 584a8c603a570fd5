"""The renderer of every form widget of the portal: Django's own, with a few
widget templates of `gecolib/form_templates/` taking precedence.

A select renders each option through two included templates (the option and
its attributes); the EPCI filter of the directory has about 130 options, and
those includes were a fifth of the page's time. The portal's `select.html`
writes the options inline, with the same markup.
"""

from __future__ import annotations

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property

OVERRIDES = Path(__file__).resolve().parent / "form_templates"


class FormRenderer(DjangoTemplates):
    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [OVERRIDES, Path(django.forms.__file__).parent / self.backend.app_dirname],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )
