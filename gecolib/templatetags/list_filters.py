"""Template helpers of the list pages' filter forms (templates/_filter_form.html)."""

from django import template

register = template.Library()


@register.filter
def active_filter_count(form) -> int:
    """How many filters the visitor chose: the fields of the submitted form
    given a value other than their default (an unsubmitted form has none)."""
    if not form.is_bound:
        return 0
    return sum(1 for name in form.changed_data if form.data.get(form.add_prefix(name)))
