"""The new apps' irreversible actions are confirmed in the shared accessible
dialog, one per app: archiving a guide page, archiving a coordination
protocol, cancelling an RCP. Focus goes into the dialog and back to its
trigger when dismissed; nothing changes until confirmed; confirming acts."""

import pytest

from guide.models import Page
from protocols.coordination.enums import ProtocolStatus
from protocols.rcp.enums import MeetingStatus
from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory
from tests.guide.factories import make_page
from tests.protocols.coordination.factories import protocol_with_steps
from tests.protocols.rcp.factories import MeetingFactory

pytestmark = [pytest.mark.e2e]


def _open(page, trigger, dialog) -> None:
    """Open the dialog: focus moves into it."""
    from playwright.sync_api import expect

    trigger.click()
    expect(dialog).to_be_visible()
    expect(page.locator(".modal.show")).to_be_focused()


def _dismiss(page, trigger, dialog) -> None:
    """Escape closes the dialog and gives focus back to its trigger."""
    from playwright.sync_api import expect

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(trigger).to_be_focused()


def test_archiving_a_guide_page_is_confirmed_in_a_dialog(page):
    from playwright.sync_api import expect

    staff = UserFactory(email="redaction@exemple.fr", staff=True, first_name="Claire")
    guide_page = make_page("Créer une ESP", by=staff)
    login(page, staff.email, PASSWORD)
    page.goto(f"{page.base_url}/guide/{guide_page.slug}/modifier/")
    trigger = page.get_by_role("button", name="Archiver la page…")
    dialog = page.get_by_role("dialog", name="Archiver « Créer une ESP » ?")
    _open(page, trigger, dialog)
    expect(dialog).to_contain_text("quittera le guide")
    expect(dialog).to_contain_text("code 410")
    _dismiss(page, trigger, dialog)
    assert not Page.objects.get(pk=guide_page.pk).is_archived

    _open(page, trigger, dialog)
    dialog.get_by_role("button", name="Archiver la page", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("La page est archivée")
    assert Page.objects.get(pk=guide_page.pk).is_archived


def test_archiving_a_coordination_protocol_is_confirmed_in_a_dialog(page, structure, coordinator):
    from playwright.sync_api import expect

    protocol = protocol_with_steps(structure=structure, validated=True, title="Chutes")
    login(page, coordinator.email, PASSWORD)
    page.goto(f"{page.base_url}/protocoles/{protocol.pk}/")
    trigger = page.get_by_role("button", name="Archiver…")
    dialog = page.get_by_role("dialog", name="Archiver le protocole « Chutes » ?")
    _open(page, trigger, dialog)
    expect(dialog).to_contain_text("le remettre en conception")
    _dismiss(page, trigger, dialog)
    protocol.refresh_from_db()
    assert protocol.status == ProtocolStatus.VALIDATED

    _open(page, trigger, dialog)
    dialog.get_by_role("button", name="Archiver le protocole", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Le protocole est archivé.")
    protocol.refresh_from_db()
    assert protocol.status == ProtocolStatus.ARCHIVED


def test_cancelling_an_rcp_is_confirmed_in_a_dialog(page, structure, coordinator, member):
    from playwright.sync_api import expect

    meeting = MeetingFactory(structure=structure, title="RCP plaies")
    login(page, coordinator.email, PASSWORD)
    page.goto(f"{page.base_url}/protocoles/rcp/reunions/{meeting.pk}/")
    trigger = page.get_by_role("button", name="Annuler cette RCP…")
    dialog = page.get_by_role("dialog", name="Annuler la RCP plaies ?")
    _open(page, trigger, dialog)
    expect(dialog).to_contain_text("personne ne sera prévenu par e-mail")
    # « Annuler » closes the dialog without cancelling anything
    dialog.get_by_role("button", name="Annuler", exact=True).click()
    expect(dialog).to_be_hidden()
    meeting.refresh_from_db()
    assert meeting.status != MeetingStatus.CANCELLED

    _open(page, trigger, dialog)
    _dismiss(page, trigger, dialog)
    _open(page, trigger, dialog)
    dialog.get_by_role("button", name="Annuler la RCP", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("La RCP est annulée")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
