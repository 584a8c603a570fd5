"""The guide's Markdown: anchors, internal links, images of the page's own files only."""

import pytest
from django.contrib.auth.models import AnonymousUser

from gecolib.markdown import markdown_headings, render_markdown
from guide import services
from guide.markdown import render_page
from tests.guide.factories import make_page, png_upload

pytestmark = pytest.mark.django_db


def test_headings_get_unique_accent_free_anchors():
    text = "# Équipe\n\n## Équipe\n\n## Projet de santé"
    html = render_markdown(text, anchors=True, heading_offset=1)
    assert '<h2 id="equipe">' in html and '<h3 id="equipe-2">' in html
    assert [h.anchor for h in markdown_headings(text)] == ["equipe", "equipe-2", "projet-de-sante"]


def test_images_from_elsewhere_become_their_legend():
    html = render_markdown("![Traceur](https://exemple.fr/pixel.png)", image_src=lambda s: None)
    assert "<img" not in html and "Traceur" in html
    assert "<img" not in render_markdown("![x](https://exemple.fr/x.png)")


def test_an_image_of_another_page_is_not_shown(staff):
    other = make_page("Autre", by=staff)
    item = services.attach(other, png_upload(), by=staff)
    page = make_page("Page", by=staff)
    rendered = render_page(f"![Schéma]({item.reference})", user=staff, page=page)
    assert "<img" not in rendered.html


def test_labelled_internal_link_and_escaping(staff):
    make_page("Rôle [du] coordinateur", by=staff, slug="role")
    html = render_page("[[role]] et [[role|la fiche]]", user=AnonymousUser()).html
    assert ">Rôle [du] coordinateur</a>" in html and ">la fiche</a>" in html
