"""Template helpers of the guide."""

from django import template

from ..models import is_guide_editor

register = template.Library()


@register.simple_tag
def guide_editor(user) -> bool:
    """True for staff and rédacteurs du guide."""
    return is_guide_editor(user)
