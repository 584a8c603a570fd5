"""`{% one_time_token %}`: the hidden one-time token of a button that creates
or sends (see gecolib.idempotency.ActionForm)."""

from django import template
from django.utils.html import format_html

from ..idempotency import TOKEN_FIELD, new_token

register = template.Library()


@register.simple_tag
def one_time_token(prefix: str = "") -> str:
    name = f"{prefix}-{TOKEN_FIELD}" if prefix else TOKEN_FIELD
    return format_html('<input type="hidden" name="{}" value="{}">', name, new_token())
