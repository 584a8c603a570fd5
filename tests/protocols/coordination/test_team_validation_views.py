"""Validation by the team, through the pages: « Demander la validation » on
the protocol's page, each member's answer page, the record the protocol's
page and its PDF show; French errors that change nothing; a double submit
recorded once; 404 for whoever was not asked or left the structure."""

import datetime
import re

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from gecolib.idempotency import TOKEN_FIELD, new_token
from gecolib.models import Profession, SentNotification
from protocols.coordination.enums import Answer, ProtocolStatus, RoundStatus
from protocols.coordination.models import ValidationAnswer, ValidationRound
from protocols.coordination.views.pdf import pdf_context
from tests.factories import MembershipFactory
from tests.protocols.coordination.factories import protocol_with_steps
from tests.protocols.coordination.test_team_validation import leave

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


@pytest.fixture
def nurse(structure):
    return MembershipFactory(structure=structure, user__email="infirmiere@exemple.fr").user


@pytest.fixture
def pharmacist(structure):
    return MembershipFactory(
        structure=structure,
        user__email="pharmacien@exemple.fr",
        user__profession=Profession.objects.get(code="21"),
    ).user


@pytest.fixture
def protocol(structure, coordinator):
    protocol = protocol_with_steps(2, structure=structure, title="Plaies chroniques")
    protocol.save_revision(by=coordinator, comment="Création")
    return protocol


def _request_url(protocol) -> str:
    return reverse("protocols:protocol_request_validation", args=[protocol.pk])


def _answer_url(validation_round) -> str:
    return reverse("protocols:protocol_answer", args=[validation_round.pk])


def _request_data(*members, **extra) -> dict:
    return {
        "demande-members": [m.pk for m in members],
        f"demande-{TOKEN_FIELD}": new_token(),
        **extra,
    }


def _answer_data(answer: str, comment: str = "") -> dict:
    return {"answer": answer, "comment": comment, TOKEN_FIELD: new_token()}


def _ticked(html: str) -> set[str]:
    """The members' checkboxes ticked in the request form."""
    return set(re.findall(r'name="demande-members" value="(\d+)"[^>]*checked', html))


def test_the_protocol_page_offers_the_request_with_the_protocols_professions_ticked(
    client_for, coordinator, member, pharmacist, protocol
):
    protocol.professions.set(Profession.objects.filter(code="21"))
    html = _text(client_for(coordinator).get(protocol.get_absolute_url()))
    assert "Demander la validation à l'équipe" in html
    assert f'action="{_request_url(protocol)}"' in html
    assert _ticked(html) == {str(pharmacist.pk)}
    # A member who does not edit sees no request form.
    assert "demande-members" not in _text(client_for(member).get(protocol.get_absolute_url()))


def test_asking_writes_to_each_member_once_and_a_double_submit_asks_once(
    client_for, coordinator, member, nurse, protocol, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    data = _request_data(member, nurse, **{"demande-message": "Avant la fin du mois."})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_request_url(protocol), data)
        client.post(_request_url(protocol), data)  # the same form sent again
    assert response.status_code == 302
    assert response["Location"] == protocol.get_absolute_url() + "#validation"
    validation_round = ValidationRound.objects.get()
    assert validation_round.message == "Avant la fin du mois."
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, nurse.email])
    page = _text(client.get(response["Location"]))
    assert "La demande de validation est envoyée à 2 membres." in page
    assert "Demande de validation en cours" in page and "2 en attente" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Cochez au moins un membre à qui demander son avis."),
        ({"demande-review_date": "2000-01-01"}, "La date de révision doit être après aujourd'hui."),
        (
            {"demande-review_date": "9999-12-31"},
            "Indiquez une date entre le 1er janvier 2000 et le 31 décembre 2100.",
        ),
        ({"demande-message": "Pour 1 85 05 78 006 084 91"}, "numéro de sécurité sociale"),
    ],
)
def test_bad_input_gives_a_french_error_and_asks_nobody(
    client_for, coordinator, member, protocol, data, message
):
    members = () if not data else (member,)
    response = client_for(coordinator).post(_request_url(protocol), _request_data(*members, **data))
    assert response.status_code == 200
    assert message in _text(response)
    assert not ValidationRound.objects.exists() and not SentNotification.objects.exists()


def test_a_possible_name_in_the_message_is_confirmed_first(
    client_for, coordinator, member, protocol
):
    client = client_for(coordinator)
    data = _request_data(member, **{"demande-message": "Vu avec M. Kervella, kinésithérapeute."})
    html = _text(client.post(_request_url(protocol), data))
    assert 'type="checkbox" name="demande-confirm_names"' in html
    assert not ValidationRound.objects.exists()
    data.update({"demande-confirm_names": "on", f"demande-{TOKEN_FIELD}": new_token()})
    assert client.post(_request_url(protocol), data).status_code == 302
    assert ValidationRound.objects.get().message.startswith("Vu avec M. Kervella")


def test_a_validated_protocol_is_not_asked_again(client_for, coordinator, member, structure):
    validated = protocol_with_steps(1, structure=structure, validated=True)
    response = client_for(coordinator).post(_request_url(validated), _request_data(member))
    assert response.status_code == 302 and response["Location"] == validated.get_absolute_url()
    assert not ValidationRound.objects.exists()


def test_a_member_answers_then_changes_agreement_into_a_reserve(
    client_for, coordinator, member, nurse, protocol
):
    validation_round = ValidationRound.open(protocol, by=coordinator, members=[member, nurse])
    client = client_for(member)
    page = _text(client.get(_answer_url(validation_round)))
    assert "Votre avis sur « Plaies chroniques »" in page
    assert "Le protocole en bref" in page and "Profession 1" in page  # the steps
    assert 'name="answer"' in page and TOKEN_FIELD in page
    response = client.post(_answer_url(validation_round), _answer_data(Answer.AGREE))
    assert response.status_code == 302
    assert response["Location"] == protocol.get_absolute_url() + "#validation"
    assert "Votre accord est enregistré." in _text(client.get(response["Location"]))
    response = client.post(
        _answer_url(validation_round),
        _answer_data(Answer.RESERVE, "Il manque l'étape du pharmacien."),
    )
    assert response.status_code == 302
    row = ValidationAnswer.objects.get(member=member)
    assert row.answer == Answer.RESERVE and row.comment == "Il manque l'étape du pharmacien."
    assert ValidationAnswer.objects.filter(round=validation_round).count() == 2
    page = _text(client.get(_answer_url(validation_round)))
    assert "Vous avez répondu « Réserve »" in page
    protocol.refresh_from_db()
    assert protocol.status == ProtocolStatus.DESIGN


def test_a_reserve_without_comment_is_a_french_error_and_changes_nothing(
    client_for, coordinator, member, protocol
):
    validation_round = ValidationRound.open(protocol, by=coordinator, members=[member])
    client = client_for(member)
    response = client.post(_answer_url(validation_round), _answer_data(Answer.RESERVE, "  "))
    assert response.status_code == 200
    assert "Une réserve s'accompagne d'un commentaire" in _text(response)
    response = client.post(_answer_url(validation_round), _answer_data("peut-etre"))
    assert "Choisissez « D'accord » ou « Réserve »." in _text(response)
    response = client.post(
        _answer_url(validation_round), _answer_data(Answer.RESERVE, "Vu pour 1 85 05 78 006 084 91")
    )
    assert "numéro de sécurité sociale" in _text(response)
    assert ValidationAnswer.objects.get().answer == ""


def test_a_double_submit_of_an_answer_records_it_once(
    client_for, coordinator, member, nurse, protocol, django_capture_on_commit_callbacks
):
    validation_round = ValidationRound.open(protocol, by=coordinator, members=[member, nurse])
    client = client_for(member)
    data = _answer_data(Answer.RESERVE, "Préciser le délai.")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(_answer_url(validation_round), data)
        answered_at = ValidationAnswer.objects.get(member=member).answered_at
        second = client.post(_answer_url(validation_round), data)
    assert first.status_code == second.status_code == 302
    assert ValidationAnswer.objects.filter(member=member).count() == 1
    assert ValidationAnswer.objects.get(member=member).answered_at == answered_at
    assert len(mail.outbox) == 1  # the réserve, told once to the member who asked


def test_every_member_agrees_and_the_page_shows_who_agreed_and_when(
    client_for, coordinator, member, nurse, protocol
):
    validation_round = ValidationRound.open(protocol, by=coordinator, members=[member, nurse])
    client_for(member).post(_answer_url(validation_round), _answer_data(Answer.AGREE))
    client = client_for(nurse)
    response = client.post(_answer_url(validation_round), _answer_data(Answer.AGREE, "Très clair."))
    page = _text(client.get(response["Location"]))
    assert "Chaque membre sollicité a donné son accord : le protocole est validé par l'équipe" in (
        page
    )
    protocol.refresh_from_db()
    assert protocol.status == ProtocolStatus.VALIDATED
    today = timezone.localdate()
    assert "les 2 membres sollicités ont donné leur accord" in page
    assert "Avis qui ont validé le protocole" in page and "Très clair." in page
    answered = timezone.localtime(ValidationAnswer.objects.get(member=nurse).answered_at)
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août"]
    months += ["septembre", "octobre", "novembre", "décembre"]
    day = "1er" if today.day == 1 else str(today.day)
    assert f"{day} {months[today.month - 1]} {today.year} à {answered:%H:%M}" in page
    assert "avis des membres sollicités" in page  # beside the date, in the status card
    # The round is closed: its page says so and no longer records.
    closed = client_for(member).get(_answer_url(validation_round))
    assert "Cette demande de validation est close" in _text(closed)
    assert 'name="answer"' not in _text(closed)
    response = client_for(member).post(
        _answer_url(validation_round), _answer_data(Answer.RESERVE, "Trop tard ?")
    )
    assert response.status_code == 200
    assert "votre avis n'a pas été enregistré" in _text(response)
    assert ValidationAnswer.objects.get(member=member).answer == Answer.AGREE


def test_a_decision_in_meeting_is_shown_as_such_on_the_page_and_in_the_pdf(
    client_for, coordinator, member, protocol
):
    validation_round = ValidationRound.open(protocol, by=coordinator, members=[member])
    response = client_for(coordinator).post(
        reverse("protocols:protocol_validate", args=[protocol.pk]),
        {"date": timezone.localdate().isoformat(), "agreed_by": [member.pk, coordinator.pk]},
    )
    assert response.status_code == 302
    page = _text(client_for(member).get(protocol.get_absolute_url()))
    assert "décision prise en réunion, enregistrée par " + coordinator.display_name in page
    assert "Demande précédente (1)" in page
    validation_round.refresh_from_db()
    assert validation_round.status == RoundStatus.MEETING
    protocol.refresh_from_db()
    pdf = render_to_string("protocols/coordination/pdf.html", pdf_context(protocol))
    assert "décision prise en réunion (enregistrée par" in pdf.replace("&#x27;", "'")


def test_the_pdf_says_the_protocol_was_validated_by_the_answers(coordinator, member, protocol):
    validation_round = ValidationRound.open(protocol, by=coordinator, members=[member])
    validation_round.record_answer(member=member, answer=Answer.AGREE)
    protocol.refresh_from_db()
    pdf = render_to_string("protocols/coordination/pdf.html", pdf_context(protocol))
    assert "avec l'accord de chaque membre sollicité" in pdf.replace("&#x27;", "'")


def test_only_the_members_asked_reach_the_answer_page(
    client_for, coordinator, member, nurse, other_member, staff, protocol
):
    validation_round = ValidationRound.open(protocol, by=coordinator, members=[member])
    url = _answer_url(validation_round)
    for user in (nurse, coordinator, other_member, staff):
        assert client_for(user).get(url).status_code == 404, user
        assert client_for(user).post(url, _answer_data(Answer.AGREE)).status_code == 404, user
    # A request that does not exist: 404 too.
    unknown = reverse("protocols:protocol_answer", args=[validation_round.pk + 1])
    assert client_for(member).get(unknown).status_code == 404
    assert ValidationAnswer.objects.get().answer == ""


def test_a_member_who_left_can_no_longer_answer(client_for, coordinator, member, protocol):
    validation_round = ValidationRound.open(protocol, by=coordinator, members=[member])
    leave(member)
    client = client_for(member)
    assert client.get(_answer_url(validation_round)).status_code == 404
    response = client.post(_answer_url(validation_round), _answer_data(Answer.AGREE))
    assert response.status_code == 404
    assert ValidationAnswer.objects.get().answer == ""


def test_the_member_asked_sees_the_to_do_on_the_dashboard_and_the_page(
    client_for, coordinator, member, protocol
):
    validation_round = ValidationRound.open(protocol, by=coordinator, members=[member])
    home = _text(client_for(member).get("/"))
    assert f"Donner votre avis sur le protocole « {protocol.title} »" in home
    assert _answer_url(validation_round) in home
    # Said once, in the to-do list: no panel repeats it.
    assert "Protocoles en attente de votre avis" not in home
    page = _text(client_for(member).get(protocol.get_absolute_url()))
    assert "Donner mon avis" in page
    validation_round.record_answer(member=member, answer=Answer.RESERVE, comment="À revoir.")
    assert "Donner votre avis sur le protocole" not in _text(client_for(member).get("/"))
    page = _text(client_for(member).get(protocol.get_absolute_url()))
    assert "Changer mon avis" in page and "À revoir." in page


def test_editing_the_text_during_a_request_ends_it(client_for, coordinator, member, protocol):
    validation_round = ValidationRound.open(protocol, by=coordinator, members=[member])
    step = protocol.steps.first()
    latest = protocol.revisions.first().number
    data = {
        "title": "Plaies chroniques, version 2",
        "theme": protocol.theme,
        "problem": protocol.problem,
        "base_revision": str(latest),
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "2",
        "steps-0-id": str(step.pk),
        "steps-0-who": step.who,
        "steps-0-what": step.what,
        "steps-0-ORDER": "1",
    }
    data["steps-TOTAL_FORMS"] = "2"
    second = protocol.steps.last()
    data.update(
        {
            "steps-1-id": str(second.pk),
            "steps-1-who": second.who,
            "steps-1-what": second.what,
            "steps-1-ORDER": "2",
        }
    )
    response = client_for(coordinator).post(
        reverse("protocols:protocol_edit", args=[protocol.pk]), data
    )
    assert response.status_code == 302
    validation_round.refresh_from_db()
    assert validation_round.status == RoundStatus.TEXT_CHANGED
    page = _text(client_for(member).get(_answer_url(validation_round)))
    assert "le texte du protocole a été modifié" in page


def test_the_meeting_page_says_the_request_in_progress_will_be_closed(
    client_for, coordinator, member, protocol
):
    ValidationRound.open(protocol, by=coordinator, members=[member])
    page = _text(
        client_for(coordinator).get(reverse("protocols:protocol_validate", args=[protocol.pk]))
    )
    assert "elle sera close par cette décision" in page
    page = _text(client_for(coordinator).get(_request_url(protocol)))
    assert "elle sera remplacée par celle-ci" in page


def test_the_review_date_chosen_on_the_request_is_kept(client_for, coordinator, member, protocol):
    review = timezone.localdate() + datetime.timedelta(days=180)
    client_for(coordinator).post(
        _request_url(protocol), _request_data(member, **{"demande-review_date": review.isoformat()})
    )
    validation_round = ValidationRound.objects.get()
    client_for(member).post(_answer_url(validation_round), _answer_data(Answer.AGREE))
    protocol.refresh_from_db()
    assert protocol.review_date == review
