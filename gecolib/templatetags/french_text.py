"""French typography in templates: `{{ name|de }}` writes « d'Anne Guillou »,
« de l'ESP de Plérin », « de Paul Martin » (see gecolib.text)."""

from __future__ import annotations

from django import template

from gecolib import text

register = template.Library()


@register.filter(name="de", is_safe=False)
def de_filter(value) -> str:
    """« de » + the name, elided or with its article: « d'Anne », « de l'ESP … »."""
    return text.de(str(value))


@register.filter(name="le", is_safe=False)
def le_filter(value) -> str:
    """« le » + the word, elided before a vowel: « l'ESP »."""
    return text.le(str(value))


@register.filter(name="la", is_safe=False)
def la_filter(value) -> str:
    """« la » + the word, elided before a vowel: « l'Équipe »."""
    return text.la(str(value))


@register.filter(name="with_article", is_safe=False)
def with_article_filter(value) -> str:
    """A structure's name with the article of its kind: « l'ESP de Plérin »."""
    return text.with_article(str(value))


@register.filter(name="sorted_french")
def sorted_french_filter(items, attribute: str = ""):
    """`items` in French order, by `attribute` when given (« Épithésiste »
    among the E)."""
    if attribute:
        return text.sorted_french(items, key=lambda item: str(getattr(item, attribute, "")))
    return text.sorted_french(items)
