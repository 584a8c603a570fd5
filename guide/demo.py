"""Demo data of the guide: the starter pages (the real content that
`manage.py load_guide` loads, so the demo never depends on having run it), then
a rédactrice du guide, a page waiting in review (version 2) with a newer
draft saved since (version 3, not part of the review), and a suggestion from
the network that proposes a change of the page's text (idempotent)."""

from __future__ import annotations

from gecolib.demo import register_demo

from . import services
from .enums import Audience, PageKind, SuggestionStatus, Theme
from .importing.starter import load_starter_content
from .models import GuideEditor, Page, Suggestion

REVIEW_SLUG = "retours-experience-premiere-annee-coordination"

LIVE_BODY = """Ces retours viennent d'équipes accompagnées par GECO Lib' pendant la première
année de leur fonction de coordination.

## Ce qui a aidé

- Une fiche de poste écrite avec l'équipe, relue après six mois.
- Un temps de coordination fixé dans la semaine (par exemple le mardi matin).
- Un point mensuel entre le coordinateur et les référents de chaque profession.

## Ce qui a freiné

| difficulté | piste |
| --- | --- |
| Missions trop larges | choisir deux priorités du projet de santé |
| Outils différents d'un cabinet à l'autre | convenir d'une messagerie sécurisée commune |

"""

DRAFT_ADDITION = """
## Le premier bilan

Au bout d'un an, l'équipe relit la fiche de poste, le temps réellement passé et
les actions menées, et ajuste les missions pour l'année suivante.
"""

NEWER_DRAFT_ADDITION = """
## Et la deuxième année ?

Les équipes y réfléchissent encore : cette partie sera complétée.
"""


@register_demo
def load_starter_pages(users: dict) -> None:
    load_starter_content(by=users.get("staff@demo.gecolib.fr"))


@register_demo
def load_guide_demo(users: dict) -> None:
    staff = users["staff@demo.gecolib.fr"]
    writer = users["infirmiere@demo.gecolib.fr"]
    GuideEditor.objects.get_or_create(user=writer, defaults={"added_by": staff})

    page = Page.objects.filter(slug=REVIEW_SLUG).first()
    if page is None:
        page = services.create_page(
            title="Retours d'expérience : la première année de coordination",
            summary="Ce qui a aidé et ce qui a freiné les équipes qui ont lancé leur coordination.",
            body=LIVE_BODY,
            by=staff,
            kind=PageKind.FICHE,
            themes=[Theme.COORDINATION],
            audience=Audience.ADHERENTS,
            slug=REVIEW_SLUG,
            comment="Première rédaction",
        )
        services.publish(page, by=staff)
        page.refresh_from_db()
        content = page.draft_content()
        content["body"] = content["body"].rstrip() + "\n" + DRAFT_ADDITION
        services.save_revision(
            page,
            content,
            by=writer,
            base_revision=page.latest_revision.number,
            comment="Ajout du premier bilan",
        )
        services.submit_for_review(page, by=writer)
        page.refresh_from_db()
        content = page.draft_content()
        content["body"] = content["body"].rstrip() + "\n" + NEWER_DRAFT_ADDITION
        services.save_revision(
            page,
            content,
            by=writer,
            base_revision=page.latest_revision.number,
            comment="Piste à compléter",
        )

    if not Suggestion.objects.filter(title="Ajouter un exemple d'ordre du jour de RCP").exists():
        Suggestion.objects.create(
            page=page,
            title="Ajouter un exemple d'ordre du jour de RCP",
            text=(
                "Dans notre MSP, l'ordre du jour de la RCP est envoyé une semaine avant, avec "
                "les situations proposées par chacun sous un libellé anonyme. Cela pourrait "
                "servir d'exemple dans la fiche."
            ),
            author=users["kine@demo.gecolib.fr"],
            status=SuggestionStatus.NEW,
            proposed_body=page.body.replace(
                "- Un point mensuel entre",
                "- Un ordre du jour de RCP envoyé une semaine avant, situations anonymisées.\n"
                "- Un point mensuel entre",
            ),
            base_revision=page.live_revision,
        )
