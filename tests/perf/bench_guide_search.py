"""Benchmark of the guide's search: 5,000 live pages of generated French text,
100 queries (single words, phrases, accented and unaccented, rare and common
terms), p50/p95 of the search query (the first page of results with their
total, as the page reads them) and of the whole search page, for a visitor.

Targets on PostgreSQL: p95 ≤ 20 ms for the query, ≤ 60 ms for the page.
Timings are printed, not asserted. Run on both databases:
  .venv/bin/python -m pytest tests/perf/bench_guide_search.py -s -q
  DATABASE_URL=postgres://… .venv/bin/python -m pytest tests/perf/bench_guide_search.py -s -q
"""

import gc
import os
import random
import statistics
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db import connection
from django.urls import reverse

from gecolib.pagination import counted_page
from guide.models import Page, PageSearch
from guide.search import search_pages
from guide.search.documents import (
    index_fields,
    rank_vector_literal,
    theme_labels,
    vector_literal,
)
from tests.perf.scale import scaled

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

PAGES = scaled(5_000, 300)
RESULTS_PER_PAGE = 20

SUBJECTS = [
    "L'équipe de soins primaires", "La maison de santé pluriprofessionnelle", "La CPTS",
    "Le coordinateur", "La coordinatrice", "Le médecin généraliste", "L'infirmière libérale",
    "Le pharmacien", "La masseuse-kinésithérapeute", "L'orthophoniste", "La sage-femme",
    "Le pédicure-podologue", "Le binôme de facilitateurs", "Le groupe de travail",
    "L'association de professionnels", "La SISA", "Le comité d'usagers",
]  # fmt: skip
VERBS = [
    "rédige", "coordonne", "anime", "révise", "évalue", "présente", "organise", "finance",
    "prépare", "suit", "partage", "planifie", "améliore", "valide", "déclare",
]  # fmt: skip
OBJECTS = [
    "le projet de santé", "un protocole pluriprofessionnel", "les protocoles de coopération",
    "la réunion de concertation pluriprofessionnelle", "le compte rendu de la RCP",
    "la matrice de maturité", "l'enquête de satisfaction des patients",
    "les soins non programmés", "la prévention des chutes", "la couverture vaccinale",
    "le parcours des personnes âgées", "le système d'information partagé",
    "la messagerie sécurisée", "les indicateurs de l'ACI", "le dossier pour la CARPEC",
    "l'éducation thérapeutique", "le repérage de la fragilité", "la sortie d'hospitalisation",
    "le suivi des patients diabétiques", "la délégation pour la cystite",
    "le protocole varicelle", "l'entorse de la cheville", "la lombalgie aiguë",
]  # fmt: skip
COMPLEMENTS = [
    "avec les partenaires du territoire", "chaque trimestre", "avant la réunion plénière",
    "en lien avec l'ARS", "pour les patients les plus vulnérables", "selon le modèle régional",
    "à partir de l'expérience des équipes", "en s'appuyant sur les recommandations de la HAS",
    "dans le respect du secret professionnel", "avec l'accord du patient", "sans délai",
]  # fmt: skip
TITLES = [
    "Fiche pratique", "Repères", "Guide", "Méthode", "Questions fréquentes", "Outil",
    "Fiche de poste", "Retour d'expérience", "Check-list", "Modèle",
]  # fmt: skip
QUERIES = [
    # common single words, accented and not
    "santé", "sante", "équipe", "equipe", "protocole", "protocoles", "coordination",
    "coordonné", "coordonne", "patients", "réunion", "reunion", "prévention", "prevention",
    # rarer terms
    "varicelle", "cheville", "lombalgie", "cystite", "podologue", "orthophoniste", "SISA",
    "CARPEC", "fragilité", "fragilite", "hospitalisation", "vaccinale", "thérapeutique",
    "therapeutique", "maturité", "maturite", "messagerie", "diabétiques",
    # phrases and several words
    "projet de santé", "projet de sante", "\"réunion de concertation\"",
    "protocole de coopération", "protocole de cooperation", "soins non programmés",
    "soins non programmes", "matrice de maturité", "enquête de satisfaction",
    "enquete satisfaction", "système d'information partagé", "systeme information partage",
    "prévention des chutes", "prevention chutes", "couverture vaccinale", "éducation thérapeutique",
    "education therapeutique", "parcours personnes âgées", "sortie d'hospitalisation",
    "compte rendu RCP", "indicateurs ACI", "dossier CARPEC", "secret professionnel",
    "coordinatrice territoire", "binôme facilitateurs", "binome facilitateurs",
    "kinésithérapeute entorse", "kinesitherapeute entorse", "pharmacien cystite",
    "infirmière libérale", "infirmiere liberale", "médecin généraliste", "medecin generaliste",
    "recommandations HAS", "comité d'usagers", "comite usagers", "délégation", "delegation",
    "repérage", "reperage", "plénière", "pleniere", "trimestre", "vulnérables", "vulnerables",
    "association professionnels", "modèle régional", "modele regional", "accord patient",
    "partenaires territoire", "suivi diabétiques", "suivi diabetiques", "lombalgie aiguë",
    "lombalgie aigue", "protocole varicelle", "sage-femme", "sage femme", "ARS",
    "équipe de soins primaires", "equipe soins primaires", "maison de santé",
    "coordinateur missions", "pharmacien", "médecin",
    # no result
    "téléconsultation", "zzzz", "astronomie", "mots introuvables",
]  # fmt: skip


# Everyday words of the guide's pages, shared by every topic.
GENERAL = [
    "Chaque professionnel garde son mode d'exercice et son indépendance.",
    "Les décisions sont notées et relues lors de la séance suivante.",
    "Un temps d'échange régulier évite les malentendus et les doublons.",
    "Il est utile de désigner un référent et de fixer une échéance.",
    "Les documents sont rangés dans l'espace commun de la structure.",
    "On commence simplement puis on ajuste à partir de l'expérience.",
    "Le calendrier est partagé avec toutes les professions concernées.",
    "Les nouveaux arrivants reçoivent un livret d'accueil à jour.",
    "Un bilan annuel permet de mesurer le chemin parcouru.",
    "Les informations personnelles ne sont jamais recopiées dans ces documents.",
    "La présentation dure une dizaine de minutes, suivie d'un échange.",
    "Chacun peut proposer un sujet en écrivant au secrétariat.",
]  # fmt: skip


def sentence(rng: random.Random, topic: str) -> str:
    if rng.random() < 0.5:
        return rng.choice(GENERAL)
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {topic} {rng.choice(COMPLEMENTS)}."


def make_pages(count: int) -> None:
    """Each page is about one topic (so that rare terms stay rare), in
    sentences mixing that topic with the guide's everyday words."""
    rng = random.Random(2026)
    pages = []
    for n in range(count):
        topic = rng.choice(OBJECTS)
        title = f"{rng.choice(TITLES)} : {topic} ({n})"
        paragraphs = [" ".join(sentence(rng, topic) for _ in range(5)) for _ in range(4)]
        body = f"## {topic.capitalize()}\n\n" + "\n\n".join(paragraphs)
        pages.append(
            Page(
                title=title,
                slug=f"page-{n}",
                summary=sentence(rng, topic),
                body=body,
                themes=[rng.choice(["structures", "protocoles", "rcp", "qualite"])],
                audience=rng.choice(["public", "public", "public", "connectes", "adherents"]),
                is_live=True,
                position=n,
            )
        )
    Page.objects.bulk_create(pages, batch_size=500)
    rows, vectors = [], []
    postgres = connection.vendor == "postgresql"
    for page in Page.objects.all():
        fields = index_fields(
            title=page.title,
            summary=page.summary,
            body=page.body,
            themes=page.themes,
            attachment_names=[],
            terms=not postgres,
        )
        if not postgres:
            rows.append(PageSearch(page=page, **fields))
            continue
        # The same rows as guide.search.indexing, vectors included, written
        # once (an update would leave the first version of each row behind).
        summary = f"{page.summary} {theme_labels(page.themes)}"
        vectors.append(
            (
                page.pk,
                fields["title_words"],
                fields["themes"],
                fields["text"],
                vector_literal(page.title, summary, fields["text"]),
                rank_vector_literal(page.title, summary),
            )
        )
    PageSearch.objects.bulk_create(rows, batch_size=500)
    if postgres:
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO guide_pagesearch (page_id, title_terms, summary_terms, body_terms,"
                " title_words, themes, text, vector, rank_vector)"
                " VALUES (%s, '', '', '', %s, %s, %s, %s::tsvector, %s::tsvector)",
                vectors,
            )
            cursor.execute("ANALYZE guide_pagesearch; ANALYZE guide_page;")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def test_bench_guide_search(client):
    started = time.perf_counter()
    make_pages(PAGES)
    setup = time.perf_counter() - started
    visitor = AnonymousUser()
    url = reverse("guide:search")
    assert len(QUERIES) == 100

    def run_query(q):
        # As the page reads them: the first page with the total in one
        # query, a count when nothing matched.
        paginator = Paginator(search_pages(visitor, q), RESULTS_PER_PAGE)
        page = counted_page(paginator, 1) or paginator.get_page(1)
        return paginator.count, list(page.object_list)

    for q in QUERIES[:5]:  # warm-up: caches, prepared plans
        run_query(q)
        client.get(url, {"q": q})
    gc.collect()
    query_ms, page_ms, hits = [], [], []
    for q in QUERIES:
        start = time.perf_counter()
        total, _ = run_query(q)
        query_ms.append((time.perf_counter() - start) * 1000)
        hits.append(total)
        start = time.perf_counter()
        response = client.get(url, {"q": q})
        page_ms.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    assert hits[QUERIES.index("coordonne")] == hits[QUERIES.index("coordonné")] > 0
    assert hits[QUERIES.index("zzzz")] == 0

    q50, q95 = statistics.median(query_ms), percentile(query_ms, 0.95)
    p50, p95 = statistics.median(page_ms), percentile(page_ms, 0.95)
    postgres = connection.vendor == "postgresql"
    verdict = ""
    if postgres:
        ok_query, ok_page = q95 <= 20, p95 <= 60
        verdict = (
            f"\n  objectif PostgreSQL (p95 ≤ 20 ms requête, ≤ 60 ms page) : "
            f"requête {'atteint' if ok_query else 'NON atteint'}, "
            f"page {'atteint' if ok_page else 'NON atteint'}"
        )
    load = os.getloadavg()[0]
    print(
        f"\nRecherche dans le guide — {connection.vendor}, {PAGES} pages "
        f"(préparation {setup:.1f} s), {len(QUERIES)} requêtes d'un visiteur, "
        f"{sum(1 for h in hits if h)} avec résultats (médiane {statistics.median(hits):.0f}), "
        f"charge de la machine {load:.1f} pour {os.cpu_count()} cœurs\n"
        f"  requête (nombre + 20 premiers) : p50 {q50:.1f} ms, p95 {q95:.1f} ms\n"
        f"  page de résultats complète     : p50 {p50:.1f} ms, p95 {p95:.1f} ms"
        f"{verdict}"
    )
