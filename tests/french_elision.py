"""French elides « de », « le », « la » before a vowel: « Protocoles de
l'ESP des Abers », « Activité d'octobre 2026 », « La formation d'Anne
Guillou ». A name pasted after « de » in a template (« de {{ structure.name
}} ») reads « de ESP des Abers ». The cast's names start with a vowel (the
structures « ESP des Abers », « ESP de la Rance », the coordinator Anne
Guillou, the members Étienne Le Goff and Inès Morvan, the facilitators
Élodie Kerjean, Armelle Le Bras and Yves Ollivier) and the
permission matrices call `missing_elisions(response)` on every page they
open with a 200, so every page of the crawl is read with them."""

from __future__ import annotations

import html
import re

_HIDDEN = re.compile(r"<(script|style|textarea)\b.*?</\1>", re.S | re.I)
# A block, a cell, an item, a button ends a phrase; inline tags do not.
_BREAK = re.compile(
    r"</?(?:p|div|li|ul|ol|dt|dd|dl|tr|td|th|thead|tbody|table|caption|h[1-6]|br|hr"
    r"|section|article|header|footer|nav|main|aside|form|label|button|option|select"
    r"|input|legend|fieldset|summary|details|figcaption|blockquote|pre)\b[^>]*>",
    re.I,
)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
# « de », « le », « la » as words, then a capitalised word opening on a
# vowel (a name) or a month that does (« d'octobre »).
_NOT_ELIDED = re.compile(
    r"(?<![\w'’-])(de|le|la)\s+([AEIOUÉÈÊÂÎÔÛ][\w'’-]*|(?:avril|août|octobre)\b)"
)


def page_text(response) -> str:
    body = response.content.decode()
    body = _BREAK.sub(" | ", _HIDDEN.sub(" | ", body))
    return _SPACES.sub(" ", html.unescape(_TAG.sub("", body)))


def missing_elisions(response) -> list[str]:
    if "text/html" not in response.get("Content-Type", ""):
        return []
    text = page_text(response)
    return sorted(
        {
            text[max(0, match.start() - 30) : match.end() + 15].strip()
            for match in _NOT_ELIDED.finditer(text)
        }
    )
