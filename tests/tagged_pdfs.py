"""Every PDF the portal renders is tagged for screen readers (PDF/UA-1): a
structure tree, marked content, the language `fr` and a title the reader
shows. The permission matrices call `pdf_accessibility_faults(response)` on
every PDF they download with a 200, so a new kind of document is checked as
soon as its address is in a matrix."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_accessibility_faults(response) -> list[str]:
    if response.get("Content-Type", "") != "application/pdf":
        return []
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    faults = []
    tree = catalog.get("/StructTreeRoot")
    if tree is None or not tree.get_object().get("/K"):
        faults.append("pas d'arbre de structure")
    if not (catalog.get("/MarkInfo") or {}).get("/Marked"):
        faults.append("contenu non marqué (/MarkInfo)")
    if not str(catalog.get("/Lang", "")).startswith("fr"):
        faults.append("langue absente (/Lang fr)")
    if not (reader.metadata and reader.metadata.title):
        faults.append("titre absent")
    if not (catalog.get("/ViewerPreferences") or {}).get("/DisplayDocTitle"):
        faults.append("titre non affiché (/DisplayDocTitle)")
    return faults
