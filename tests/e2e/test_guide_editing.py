"""An editor never loses a word and publishes what was reviewed: text typed
then abandoned (the tab closed) is offered back; the preview shows the whole
page; a scheduled version goes online while a newer draft stays a draft; a
professional's suggestion is read as a diff and retained."""

import datetime
import time

import pytest
from django.utils import timezone

from guide import services
from guide.enums import SuggestionStatus
from guide.models import Page, PageAutosave, Suggestion
from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory
from tests.guide.factories import make_page

pytestmark = [pytest.mark.e2e]


def wait_for(page, condition, seconds: float = 10):
    """Poll `condition`, letting Playwright deliver its events meanwhile."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        page.wait_for_timeout(200)
    return False


def test_text_typed_then_abandoned_is_offered_back(page):
    from playwright.sync_api import expect

    editor = UserFactory(email="redaction@exemple.fr", staff=True, first_name="Claire")
    guide_page = make_page(
        "Organiser une RCP", body="## Préparer\n\nL'ordre du jour.\n", by=editor, slug="rcp"
    )
    login(page, editor.email, PASSWORD)

    # A second tab: the editor types, then closes it without saving.
    tab = page.context.new_page()
    tab.goto(page.base_url + "/guide/rcp/modifier/")
    tab.locator("#id_body").click()  # a user's gesture: the browser may then ask before leaving
    tab.locator("#id_body").fill(
        "## Préparer\n\nL'ordre du jour part dix jours avant.\n\n## Animer\n\nUn tour de table.\n"
    )
    dialogs = []

    def leave(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    tab.on("dialog", leave)
    tab.close(run_before_unload=True)
    assert wait_for(
        page, lambda: PageAutosave.objects.filter(page=guide_page, user=editor).exists()
    )
    assert wait_for(page, lambda: tab.is_closed())
    assert dialogs == ["beforeunload"]  # the editor was warned before leaving
    guide_page.refresh_from_db()
    assert guide_page.latest_revision.number == 1  # nothing saved as a version

    # Reopening the page offers the text back, with what it changes.
    page.goto(page.base_url + "/guide/rcp/modifier/")
    offer = page.get_by_role("link", name="Reprendre le texte non enregistré du")
    expect(offer).to_be_visible()
    page.get_by_text("Voir ce qu'il change par rapport au texte enregistré").click()
    expect(page.locator("#non-enregistre-body ~ .diff ins").first).to_contain_text("dix jours")
    offer.click()
    expect(page.locator("#id_body")).to_have_value(
        "## Préparer\n\nL'ordre du jour part dix jours avant.\n\n## Animer\n\nUn tour de table.\n"
    )

    # The preview shows the whole page as readers will see it, in a new tab.
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Aperçu de la page").click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.get_by_role("heading", level=1)).to_have_text("Organiser une RCP")
    expect(preview.get_by_role("navigation", name="Sur cette page")).to_contain_text("Animer")
    expect(preview.get_by_role("status").first).to_contain_text("pas encore enregistré")
    preview.close()

    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("alert").first).to_contain_text("Brouillon enregistré (version 2)")
    guide_page.refresh_from_db()
    assert "dix jours" in guide_page.latest_revision.body and "dix jours" not in guide_page.body
    assert not PageAutosave.objects.filter(page=guide_page).exists()
    expect(page.get_by_role("link", name="Reprendre le texte non enregistré du")).to_have_count(0)


def test_a_scheduled_version_goes_online_without_the_newer_draft(page):
    from playwright.sync_api import expect

    editor = UserFactory(email="redaction@exemple.fr", staff=True, first_name="Claire")
    guide_page = make_page("Financement", body="Texte en ligne.", by=editor, slug="financement")
    login(page, editor.email, PASSWORD)
    page.goto(page.base_url + "/guide/financement/modifier/")
    page.locator("#id_body").fill("Texte relu, version 2.")
    when = timezone.localtime() + datetime.timedelta(days=1)
    when = when.replace(hour=8, minute=0, second=0, microsecond=0)
    page.locator("#id_publish_at").fill(when.strftime("%Y-%m-%dT%H:%M"))
    # The schedule is part of the editing form: the text is saved first.
    page.get_by_role("button", name="Enregistrer et programmer la publication").click()
    expect(page.get_by_role("alert").first).to_contain_text("La version 2 sera publiée le")

    page.locator("#id_body").fill("Brouillon non relu, version 3.")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("Publication programmée : la version 2")).to_contain_text(
        "la version 3, plus récente, ne sera pas publiée avec elle"
    )
    page.get_by_text("Voir ce que le brouillon change par rapport à la version en ligne").click()
    expect(page.locator("#brouillon-differences .diff ins").first).to_contain_text("Brouillon")

    assert services.publish_scheduled(now=when + datetime.timedelta(minutes=1)) == [guide_page]
    guide_page.refresh_from_db()
    assert guide_page.body == "Texte relu, version 2."
    assert guide_page.live_revision.number == 2 and guide_page.latest_revision.number == 3
    page.goto(page.base_url + "/guide/financement/")
    expect(page.locator(".guide-body")).to_have_text("Texte relu, version 2.")


def test_a_professionals_suggestion_is_reviewed_as_a_diff(page, browser):
    from playwright.sync_api import expect

    editor = UserFactory(email="redaction@exemple.fr", staff=True, first_name="Claire")
    professional = UserFactory(email="infirmier@exemple.fr", first_name="Yann")
    guide_page = make_page(
        "Les RCP", body="Une RCP réunit l'équipe.\n\nElle se prépare.", by=editor, slug="les-rcp"
    )

    login(page, professional.email, PASSWORD)
    page.goto(page.base_url + "/guide/les-rcp/")
    page.get_by_role("link", name="Proposer une modification").click()
    page.get_by_label("Votre proposition").fill("Nous y invitons le pharmacien.")
    page.get_by_label("Le texte de la page, avec vos modifications").fill(
        "Une RCP réunit l'équipe et le pharmacien d'officine.\n\nElle se prépare."
    )
    page.get_by_role("button", name="Envoyer ma proposition").click()
    expect(page.get_by_role("alert").first).to_contain_text("bien reçue")
    suggestion = Suggestion.objects.get()
    assert suggestion.status == SuggestionStatus.NEW  # « reçue », not yet decided

    staff_context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    staff_page = staff_context.new_page()
    staff_page.base_url = page.base_url
    login(staff_page, editor.email, PASSWORD)
    staff_page.goto(page.base_url + "/guide/suggestions/")
    staff_page.get_by_role("link", name=suggestion.title).click()
    diff = staff_page.locator(".diff")
    expect(diff.locator("ins")).to_contain_text("pharmacien")
    expect(staff_page.get_by_text("Suggestion à intégrer")).to_have_count(0)
    staff_page.get_by_role("button", name="Retenir : en faire un brouillon de la page").click()
    expect(staff_page.get_by_role("alert").first).to_contain_text("Suggestion retenue")
    suggestion.refresh_from_db()
    guide_page.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert "pharmacien" in guide_page.latest_revision.body and "pharmacien" not in guide_page.body
    staff_context.close()
    assert Page.objects.get(pk=guide_page.pk).is_live
