"""`{% psc_button %}`: the « Se connecter avec Pro Santé Connect » button,
only when PSC is configured (nothing at all otherwise)."""

from django import template
from django.conf import settings

from ..conf import is_configured

register = template.Library()


@register.inclusion_tag("psc/_button.html", takes_context=True)
def psc_button(context, process="login", next_url="", separator=True):
    request = context.get("request")
    return {
        "enabled": is_configured(settings),
        "process": process,
        "separator": separator,
        "next_url": next_url or (request.GET.get("next", "") if request else ""),
        "csrf_token": context.get("csrf_token"),
    }
