"""The guide editor's tools: an image inserted through the media chooser on a
page not yet saved (alt text asked), the tree of pages reordered by drag and
drop and from the keyboard in one save, and the link dialog (Ctrl+K) with its
page picker and the word count."""

import io

import pytest

from guide.models import Attachment, Page
from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory
from tests.guide.factories import make_page

pytestmark = [pytest.mark.e2e]


def png(width=1200, height=600) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def test_image_inserted_with_its_alt_text_on_a_new_page(page, settings, tmp_path):
    from playwright.sync_api import expect

    settings.MEDIA_ROOT = tmp_path / "media"
    editor = UserFactory(email="redaction@exemple.fr", staff=True)
    login(page, editor.email, PASSWORD)
    page.goto(page.base_url + "/guide/nouvelle-page/")
    page.locator("#id_title").fill("Le parcours du patient")
    body = page.locator("#id_body")
    body.fill("Le schéma :\n\n")
    body.press("End")

    opener = page.get_by_role("button", name="Insérer une image ou un fichier")
    opener.click()
    dialog = page.get_by_role("dialog", name="Insérer une image ou un fichier")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_text("Aucun fichier dans la médiathèque")).to_be_visible()
    dialog.get_by_label(
        "Déposez un fichier ici, ou choisissez-le sur votre ordinateur"
    ).set_input_files({"name": "parcours.png", "mimeType": "image/png", "buffer": png()})
    alt = dialog.get_by_role("textbox", name="Texte alternatif")
    expect(alt).to_be_focused()
    dialog.get_by_role("button", name="Insérer dans le texte").click()
    expect(dialog.get_by_role("alert").last).to_contain_text("texte alternatif")
    alt.fill("Du médecin traitant à l'infirmier, en trois étapes")
    alt.press("Enter")
    expect(dialog).to_be_hidden()
    expect(body).to_be_focused()  # the focus is back in the text
    item = Attachment.objects.get()
    assert item.page is None  # pending until the page is saved
    reference = f"![Du médecin traitant à l'infirmier, en trois étapes](fichier:{item.pk})"
    expect(body).to_have_value("Le schéma :\n\n" + reference)

    page.get_by_role("button", name="Aperçu").click()
    image = page.locator("#id_body-preview img")
    expect(image).to_have_attribute("alt", "Du médecin traitant à l'infirmier, en trois étapes")
    page.get_by_role("button", name="Écrire").click()
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("alert").first).to_contain_text("Brouillon enregistré")
    item.refresh_from_db()
    assert item.page == Page.objects.get(title="Le parcours du patient")
    assert item.thumbnail

    # The same image, picked again from the library for another page, decorative.
    other = make_page("Une autre fiche", by=editor)
    page.goto(f"{page.base_url}/guide/{other.slug}/modifier/")
    page.locator("#id_body").fill("")
    page.get_by_role("button", name="Insérer une image ou un fichier").click()
    dialog.get_by_label("Rechercher par nom de fichier").fill("parcours")
    dialog.get_by_role("button", name="parcours.png").click()
    dialog.get_by_label("Image décorative").check()
    dialog.get_by_role("button", name="Insérer dans le texte").click()
    copy = Attachment.objects.exclude(pk=item.pk).get()
    assert copy.page == other
    expect(page.locator("#id_body")).to_have_value(f"![](fichier:{copy.pk})")


def _tree_titles(page) -> list[str]:
    return page.locator(
        "[data-tree] > ol > li > .guide-tree__row > a:first-of-type"
    ).all_inner_texts()


def test_tree_reordered_by_drag_and_drop_and_keyboard_in_one_save(page):
    from playwright.sync_api import expect

    editor = UserFactory(email="redaction@exemple.fr", staff=True)
    sections = [make_page(f"Section {n:02d}", by=editor) for n in range(10)]
    make_page("Fiche A", by=editor, parent=sections[0])
    login(page, editor.email, PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 1400})  # the whole tree in view
    page.goto(page.base_url + "/guide/pages/")
    items = page.locator("[data-tree] > ol > li")
    expect(items).to_have_count(10)
    loads = []  # pages loaded from here to the order saved
    page.on("framenavigated", lambda frame: frame == page.main_frame and loads.append(frame.url))

    # The last section dragged to the top, by its handle.
    handle = page.get_by_role("button", name="Déplacer « Section 09 »")
    handle.drag_to(
        items.nth(0).locator(":scope > .guide-tree__row"), target_position={"x": 60, "y": 3}
    )
    assert _tree_titles(page)[:2] == ["Section 09", "Section 00"]
    expect(page.locator("[data-reorder-status]")).to_have_text("Position 1 sur 10")

    # From the keyboard: Section 05 up twice, then under the section above it.
    keyboard = page.get_by_role("button", name="Déplacer « Section 05 »")
    keyboard.focus()
    page.keyboard.press("Alt+ArrowUp")
    page.keyboard.press("Alt+ArrowUp")
    expect(keyboard).to_be_focused()
    page.keyboard.press("Alt+ArrowRight")  # a sub-page of « Section 02 »
    expect(page.get_by_text("Ordre modifié, pas encore enregistré.")).to_be_visible()

    page.get_by_role("button", name="Enregistrer l'ordre").click()
    expect(page.get_by_role("alert").first).to_contain_text("Ordre des pages enregistré")
    roots = Page.objects.filter(parent=None).order_by("position", "title")
    assert [p.title for p in roots][:4] == ["Section 09", "Section 00", "Section 01", "Section 02"]
    moved = Page.objects.get(title="Section 05")
    assert moved.parent.title == "Section 02"
    # One reload for the whole order (with « Monter » / « Descendre », one a step:
    # nine to bring the last of ten sections to the top).
    assert len(loads) == 1

    # The keyboard's form: one page, its parent and its position, in one step.
    page.get_by_label("Page à déplacer").select_option(label="Fiche A")
    page.get_by_label("Nouvelle page parente").select_option(label="Section 03")
    page.get_by_label("Position").fill("1")
    page.get_by_role("button", name="Déplacer", exact=True).click()
    expect(page.get_by_role("alert").first).to_contain_text("« Fiche A » est déplacée")
    assert Page.objects.get(title="Fiche A").parent.title == "Section 03"


def test_link_dialog_picks_a_guide_page_and_words_are_counted(page):
    from playwright.sync_api import expect

    editor = UserFactory(email="redaction@exemple.fr", staff=True)
    make_page("Rôle du coordinateur", by=editor, slug="role-du-coordinateur")
    target = make_page("Organiser une RCP", by=editor)
    login(page, editor.email, PASSWORD)
    page.goto(f"{page.base_url}/guide/{target.slug}/modifier/")
    body = page.locator("#id_body")
    body.fill("Voir le coordinateur")
    expect(page.get_by_text("3 mots")).to_be_visible()
    body.evaluate("(area) => area.setSelectionRange(5, 20)")  # « le coordinateur »
    body.press("Control+k")
    dialog = page.get_by_role("dialog", name="Insérer un lien")
    expect(dialog.get_by_label("Texte du lien")).to_have_value("le coordinateur")
    dialog.get_by_label("Ou une page du guide : chercher par titre").fill("rôle")
    page.keyboard.press("ArrowDown")
    dialog.get_by_role("button", name="Insérer ce lien").click()
    expect(body).to_have_value("Voir [[role-du-coordinateur|le coordinateur]]")
    expect(body).to_be_focused()
    # An address that is not one: a French message, nothing written.
    body.evaluate("(area) => area.setSelectionRange(0, 4)")
    body.press("Control+k")
    dialog.get_by_label("Adresse").fill("exemple")
    dialog.get_by_label("Adresse").press("Enter")
    expect(dialog.get_by_role("alert")).to_contain_text("https://")
    dialog.get_by_label("Adresse").fill("https://exemple.fr")
    dialog.get_by_label("Adresse").press("Enter")
    expect(body).to_have_value(
        "[Voir](https://exemple.fr) [[role-du-coordinateur|le coordinateur]]"
    )
