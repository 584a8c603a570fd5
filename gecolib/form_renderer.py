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


# Bootstrap's class of each kind of widget, by the widget's template.
BOOTSTRAP_CLASSES = {
    "django/forms/widgets/select.html": "form-select",
    "django/forms/widgets/select_date.html": "form-select",
    "django/forms/widgets/textarea.html": "form-control",
    "django/forms/widgets/text.html": "form-control",
    "django/forms/widgets/number.html": "form-control",
    "django/forms/widgets/email.html": "form-control",
    "django/forms/widgets/url.html": "form-control",
    "django/forms/widgets/search.html": "form-control",
    "django/forms/widgets/date.html": "form-control",
    "django/forms/widgets/datetime.html": "form-control",
    "django/forms/widgets/time.html": "form-control",
    "django/forms/widgets/input.html": "form-control",
}


class FilterFormRenderer(FormRenderer):
    """The renderer of the lists' filter forms (`gecolib.forms.FilterForm`):
    each field is drawn alone (`_filter_form.html`), so the renderer gives it
    Bootstrap's class — « form-select » or « form-control » — unless the
    widget has a class of its own."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        css = BOOTSTRAP_CLASSES.get(template_name)
        if widget is not None and css and not widget["attrs"].get("class"):
            widget["attrs"] = {**widget["attrs"], "class": css}
        return super().render(template_name, context, request=request)
