import re

import pytest
from django.core import mail

from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e]


def test_signup_confirm_complete_profile_and_be_greeted_by_name(page):
    from playwright.sync_api import expect

    page.goto(page.base_url + "/")
    page.get_by_role("link", name="Créer un compte").first.click()
    page.get_by_label("Adresse e-mail").fill("anne.guillou@exemple.fr")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vérifiez votre adresse")

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(page.base_url + "/" + link.split("://", 1)[1].split("/", 1)[1])
    expect(page.get_by_text("est bien votre adresse e-mail")).to_be_visible()
    page.get_by_role("button", name="Confirmer mon adresse").click()

    # Confirming signs in and leads straight to the profile to complete.
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon profil")
    expect(page.get_by_text("Pour commencer, indiquez votre prénom")).to_be_visible()
    page.locator("#id_first_name").fill("Anne")
    page.locator("#id_last_name").fill("Guillou")
    page.get_by_label("Profession").select_option(label="Infirmier")
    page.get_by_label("Numéro RPPS").fill("10000000008")
    page.get_by_role("button", name="Enregistrer").click()
    # the error is in the summary (focused, a link to the field) and under the field
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Numéro RPPS")).to_contain_text("clé de contrôle")
    expect(page.locator("#id_rpps_error")).to_contain_text("clé de contrôle")

    page.get_by_label("Numéro RPPS").fill("10000000009")
    page.get_by_label("EPCI d'exercice").select_option(label="CA Lamballe Terre et Mer (22)")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert")).to_contain_text("Votre profil a été enregistré")
    expect(page.get_by_role("button", name="Anne Guillou")).to_be_visible()
    # The profile is complete: the dashboard greets by name, not by address.
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Anne")
