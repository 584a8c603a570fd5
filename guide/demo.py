"""Demo data of the guide: the starter pages (the same real content that
`manage.py load_guide` loads, so the demo never depends on having run it),
published by the demo staff account. Idempotent."""

from gecolib.demo import register_demo

from .importing.starter import load_starter_content


@register_demo
def load(users) -> None:
    load_starter_content(by=users.get("staff@demo.gecolib.fr"))
