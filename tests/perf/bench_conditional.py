"""What a content key and a kept fragment save, measured side by side in one run.

1. Conditional GETs of cached documents (the protocol's PDF and its pocket
   PDF, the RCP minutes' PDF, a guide page's PDF, a self-assessment report,
   a meeting's calendar file): the 304 as it was — the ETag was a digest of
   the rendered print HTML, so a 304 built the context and the HTML (the
   calendar file had no ETag: the whole file every time) — against the 304
   of the content key, known before rendering.
2. Fragments the same for everyone who may see them: a long published guide
   page read by visitors (its body rendered per request, against kept per
   content and audience), and the public directory's map (rendered per
   request, against kept under the values it shows).

Prints medians (ms) before / after; reported, not asserted.
Run: GECOLIB_BENCH_SCALE=0.1 .venv/bin/python -m pytest tests/perf/bench_conditional.py -s -q
"""

from __future__ import annotations

import statistics
import time

import pytest
from django.templatetags.cache import CacheNode
from django.urls import reverse

import guide.fragments
from assessments.views import campaigns as campaign_views
from gecolib import pdf
from guide.views import reading
from protocols.coordination.views import pdf as protocol_views
from protocols.rcp.minutes import save_minutes, validate_minutes
from protocols.rcp.views import minutes as minutes_views
from tests.assessments.factories import answer_all, close, open_campaign
from tests.factories import MembershipFactory
from tests.guide.factories import make_page
from tests.perf.scale import scaled
from tests.protocols.coordination.factories import protocol_with_steps
from tests.protocols.rcp.factories import AgendaItemFactory, MeetingFactory
from tests.structures.factories import StructureFactory

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

RUNS = scaled(30, 5)
PARAGRAPH = (
    "La coordination repose sur un temps dédié, des réunions régulières et une "
    "messagerie sécurisée partagée ; chaque protocole précise qui fait quoi, quand et "
    "comment, puis il est relu à partir de l'expérience de l'équipe. "
)


def median_ms(action) -> float:
    action()  # warm-up
    runs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def html_etag_pdf_response(*args, content_key=None, **kwargs):
    """The download as it was: the ETag a digest of the rendered HTML."""
    return pdf.pdf_response(*args, **kwargs)


def conditional(client, url: str) -> float:
    etag = client.get(url)["ETag"]

    def get():
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304

    return median_ms(get)


def test_bench_conditional_documents(client_for, structure, coordinator, member, monkeypatch):
    for _ in range(scaled(30, 5)):
        MembershipFactory(structure=structure)
    protocol = protocol_with_steps(scaled(12, 4), structure=structure)
    protocol.members.add(member)
    meeting = MeetingFactory(structure=structure, past=True)
    for _ in range(scaled(10, 3)):
        AgendaItemFactory(meeting=meeting)
    save_minutes(meeting, general=PARAGRAPH * 10, summaries={}, base_version=0)
    validate_minutes(meeting, by=coordinator)
    campaign = open_campaign(structure, coordinator)
    answer_all(campaign, member, 2)
    close(campaign)
    page = make_page("Fiche pratique", body=("## Partie\n\n" + PARAGRAPH * 12 + "\n\n") * 8)
    client = client_for(member)
    documents = [
        ("protocole (PDF)", reverse("protocols:protocol_pdf", args=[protocol.pk]), protocol_views),
        (
            "fiche de poche (PDF A5)",
            reverse("protocols:protocol_pocket_pdf", args=[protocol.pk]),
            protocol_views,
        ),
        ("compte rendu RCP (PDF)", reverse("rcp:minutes_pdf", args=[meeting.pk]), minutes_views),
        ("page du guide (PDF)", reverse("guide:page_pdf", args=[page.slug]), reading),
        (
            "rapport d'autoévaluation (PDF)",
            reverse("assessments:campaign_pdf", args=[campaign.pk]),
            campaign_views,
        ),
    ]
    rows = []
    for label, url, module in documents:
        after = conditional(client, url)
        with monkeypatch.context() as patched:
            patched.setattr(module, "pdf_response", html_etag_pdf_response)
            before = conditional(client, url)
        rows.append((label, before, after))
    ics = reverse("rcp:meeting_ics", args=[meeting.pk])
    rows.append(("RCP (.ics)", median_ms(lambda: client.get(ics)), conditional(client, ics)))
    print(f"\n304 d'un document (médianes de {RUNS} requêtes, ms) : avant / après")
    for label, before, after in rows:
        print(f"  {label:32} {before:7.1f} / {after:5.1f}  ({before / after:.1f}×)")


def test_bench_kept_fragments(client, monkeypatch):
    slugs = [make_page(f"Page liée {n}", body="Du texte.").slug for n in range(10)]
    links = "Voir aussi " + ", ".join(f"[[{s}]]" for s in slugs) + "."
    sections = scaled(40, 8)
    text = "\n\n".join(f"## Partie {n}\n\n{PARAGRAPH * 6}\n\n{links}" for n in range(sections))
    page = make_page("Fiche longue", body=text)
    url = reverse("guide:page", args=[page.slug])
    for n in range(scaled(200, 20)):
        StructureFactory(name=f"MSP {n}", recognised=True)
    directory = reverse("structures:directory")

    def get(address):
        return lambda: client.get(address)

    guide_after = median_ms(get(url))
    map_after = median_ms(get(directory))
    with monkeypatch.context() as patched:
        patched.setattr(guide.fragments.cache, "get", lambda key, default=None: None)
        guide_before = median_ms(get(url))
    with monkeypatch.context() as patched:
        patched.setattr(CacheNode, "render", lambda self, context: self.nodelist.render(context))
        map_before = median_ms(get(directory))
    print(
        f"\nFragments gardés (médianes de {RUNS} requêtes anonymes, ms) : avant / après\n"
        f"  page du guide ({sections} parties)   {guide_before:7.1f} / {guide_after:5.1f}\n"
        f"  annuaire public (carte)       {map_before:7.1f} / {map_after:5.1f}"
    )
