"""No page repeats an `id`: a label's `for`, a link to `#id`, an
`aria-describedby` would point at the wrong element (two forms on one page,
each with its `id_date`, left the second date without an accessible name).
The permission matrices call `duplicate_ids(response)` on every page they open
with a 200; the accessibility crawl opens the same pages in a browser."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()
        self._template_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "template":
            # A <template>'s content is inert (a row to clone): not in the page.
            self._template_depth += 1
            return
        if self._template_depth:
            return
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] += 1

    def handle_endtag(self, tag):
        if tag == "template" and self._template_depth:
            self._template_depth -= 1


def duplicate_ids(response) -> list[str]:
    if "text/html" not in response.get("Content-Type", ""):
        return []
    parser = _Ids()
    parser.feed(response.content.decode())
    return sorted(name for name, count in parser.ids.items() if count > 1)
