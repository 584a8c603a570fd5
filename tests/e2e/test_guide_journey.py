"""An editor writes a guide page with a table and an internal link, previews it,
saves a draft (which visitors cannot read), publishes it, then compares two
versions and restores the older one as a new draft."""

import pytest

from guide.models import Page
from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory
from tests.guide.factories import make_page

pytestmark = [pytest.mark.e2e]


def test_editor_writes_previews_publishes_compares_and_restores(page, browser):
    from playwright.sync_api import expect

    editor = UserFactory(email="redaction@exemple.fr", staff=True, first_name="Claire")
    make_page("Rôle du coordinateur", body="Les missions.", by=editor, slug="role-du-coordinateur")

    login(page, editor.email, PASSWORD)
    page.goto(page.base_url + "/guide/")
    page.get_by_role("link", name="Nouvelle page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle page du guide")
    page.locator("#id_title").fill("Organiser une RCP")
    body = page.locator("#id_body")
    body.fill("## Préparer\n\nL'ordre du jour part une semaine avant.\n")
    body.press("End")
    page.get_by_role("button", name="Tableau").click()
    page.get_by_label("Lien vers une page du guide").select_option(label="Rôle du coordinateur")
    page.get_by_role("button", name="Insérer le lien").click()
    value = body.input_value()
    assert "| Colonne 1 | Colonne 2 |\n| --- | --- |" in value
    assert "[[role-du-coordinateur]]" in value

    page.get_by_role("button", name="Aperçu").click()
    preview = page.locator("#id_body-preview")
    expect(preview.get_by_role("link", name="Rôle du coordinateur")).to_be_visible()
    expect(preview.locator("table")).to_have_count(1)
    page.get_by_role("button", name="Écrire").click()
    page.locator("#id_comment").fill("Première rédaction")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("alert").first).to_contain_text("Brouillon enregistré")
    draft = Page.objects.get(title="Organiser une RCP")
    assert not draft.is_live

    # A visitor does not see the draft.
    visitor = browser.new_context(locale="fr-FR")
    visitor_page = visitor.new_page()
    response = visitor_page.goto(f"{page.base_url}/guide/{draft.slug}/")
    assert response.status == 404

    page.get_by_role("button", name="Publier", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organiser une RCP")
    content = page.locator(".guide-body")
    expect(content.locator("table")).to_have_count(1)
    expect(content.get_by_role("link", name="Rôle du coordinateur")).to_have_attribute(
        "href", "/guide/role-du-coordinateur/"
    )

    response = visitor_page.goto(f"{page.base_url}/guide/{draft.slug}/")
    assert response.status == 200
    expect(visitor_page.get_by_role("heading", name="Préparer")).to_be_visible()
    visitor.close()

    # A second version, then compare and restore the first.
    page.get_by_role("link", name="Modifier", exact=True).click()
    body = page.locator("#id_body")
    body.fill("## Préparer\n\nL'ordre du jour part dix jours avant.\n")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("alert").first).to_contain_text("la version en ligne n'a pas changé")
    page.get_by_role("link", name="Historique").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versions de la page")
    page.get_by_role("button", name="Comparer les versions cochées").click()
    expect(page.locator(".diff del").filter(has_text="semaine")).to_have_count(1)
    expect(page.locator(".diff ins").filter(has_text="jours")).to_have_count(1)

    page.get_by_role("link", name="Retour aux versions").click()
    page.get_by_role("button", name="Restaurer la version 1").click()
    expect(page.get_by_role("alert").first).to_contain_text("repris comme brouillon")
    draft.refresh_from_db()
    assert draft.latest_revision.number == 3
    assert "une semaine avant" in draft.latest_revision.body
    assert "une semaine avant" in draft.body  # the live text was the first version's
