"""What professionals think of a closed facilitation: the questionnaire sent
at closing to who took part, answered once by its signed link, reminded once
after 7 days; its aggregated results (hidden below 3 answers), its
statistics and exports (no names), its versioned wording."""

import csv
import datetime
import html
import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from facilitations.enums import PostureAnswer
from facilitations.feedback import net_promoter, send_questionnaires
from facilitations.models import (
    Facilitation,
    FeedbackAnswer,
    FeedbackInvitation,
    FeedbackQuestionnaire,
    HelpType,
)
from facilitations.reminders import FeedbackQuestionnaire as FeedbackSending
from facilitations.reminders import FeedbackReminder
from facilitations.stats import Period
from facilitations.stats.feedback import compute_feedback_statistics, without_names
from gecolib.reminders import run_reminders
from tests.facilitations.factories import FacilitationRequestFactory, SessionFactory
from tests.factories import FacilitationFactory, UserFactory, tokened

pytestmark = pytest.mark.django_db


def answer_data(**overrides) -> dict:
    data = {
        "satisfaction": "4",
        "listening": PostureAnswer.YES,
        "neutrality": PostureAnswer.PARTLY,
        "recommend": "9",
        "comment": "Des séances bien préparées.",
    }
    return tokened({**data, **overrides})


def close(facilitation, by) -> Facilitation:
    facilitation = Facilitation.objects.get(pk=facilitation.pk)
    facilitation.close(by=by, outcome="projet_valide", summary="Projet de santé validé.")
    return facilitation


@pytest.fixture
def closed(facilitation, facilitator, professional, member, coordinator):
    """`facilitation`, asked for by `professional`, with `member` and
    `coordinator` at a session, closed: three questionnaires sent."""
    facilitation.request = FacilitationRequestFactory(requester=professional, status="acceptee")
    facilitation.save()
    session = SessionFactory(facilitation=facilitation)
    session.attendees.set([member, coordinator, facilitator])
    session.help_given.set(HelpType.objects.order_by("position")[:2])
    facilitation = close(facilitation, facilitator)
    send_questionnaires(facilitation)
    return facilitation


def link(facilitation, user) -> str:
    invitation = FeedbackInvitation.objects.get(facilitation=facilitation, user=user)
    return reverse("facilitations:feedback_answer", args=[invitation.token])


def test_closing_sends_the_questionnaire_to_who_took_part(
    client,
    facilitation,
    facilitator,
    professional,
    member,
    other_member,
    django_capture_on_commit_callbacks,
):
    facilitation.request = FacilitationRequestFactory(requester=professional, status="acceptee")
    facilitation.save()
    SessionFactory(facilitation=facilitation).attendees.set([member, facilitator])
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("facilitations:close", args=[facilitation.pk]),
            {
                "action": "terminee",
                "outcome": "projet_valide",
                "summary": "Projet validé par l'ARS.",
                "confirm": "1",
            },
        )
    assert response.status_code == 302
    invited = set(
        FeedbackInvitation.objects.filter(facilitation=facilitation).values_list(
            "user__email", flat=True
        )
    )
    # the binôme is not asked about itself; a member who was not there neither
    assert invited == {professional.email, member.email}
    assert other_member.email not in invited
    feedback_mails = [m for m in mail.outbox if "Votre avis" in m.subject]
    assert {m.to[0] for m in feedback_mails} == invited
    body = feedback_mails[0].body
    assert "/facilitations/avis/" in body
    assert "anonymes" in body
    # once: sending again sends nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert send_questionnaires(Facilitation.objects.get(pk=facilitation.pk)) == 0
    assert len([m for m in mail.outbox if "Votre avis" in m.subject]) == 2


def test_answered_once_through_its_link(client, closed, member):
    url = link(closed, member)
    page = client.get(url)
    assert page.status_code == 200
    content = html.unescape(page.content.decode())
    assert "Dans l'ensemble, êtes-vous satisfait" in content
    assert "ne sert qu'une fois" in content
    helps = list(HelpType.objects.order_by("position")[:2])
    response = client.post(url, answer_data(helps=[helps[0].pk]))
    assert response.status_code == 302
    answer = FeedbackAnswer.objects.get()
    assert answer.facilitation_id == closed.pk
    assert (answer.satisfaction, answer.recommend) == (4, 9)
    assert list(answer.helps.all()) == [helps[0]]
    assert answer.questionnaire_revision == FeedbackQuestionnaire.current().current_revision()
    # the answer is linked to nobody
    assert not [f for f in FeedbackAnswer._meta.get_fields() if f.name in ("user", "invitation")]
    assert FeedbackInvitation.objects.get(facilitation=closed, user=member).answered
    # after: thanks, no form
    done = client.get(url)
    assert done.status_code == 200
    assert "Merci de votre réponse" in done.content.decode()
    assert "<form" not in done.content.decode().split("<main")[-1]
    # a second answer is refused with a clear French page, nothing stored
    again = client.post(url, answer_data(satisfaction="1"))
    assert again.status_code == 409
    assert "Vous avez déjà répondu à ce questionnaire" in again.content.decode()
    assert FeedbackAnswer.objects.count() == 1


def test_a_forged_or_open_facilitation_link_is_a_404(client, closed, member, facilitation):
    assert client.get(reverse("facilitations:feedback_answer", args=["faux"])).status_code == 404
    invitation = FeedbackInvitation.objects.get(facilitation=closed, user=member)
    invitation.facilitation.status, invitation.facilitation.closed_at = "en_cours", None
    invitation.facilitation.save()
    assert client.get(link(closed, member)).status_code == 404


def test_bad_answers_are_refused_in_french(client, closed, member):
    url = link(closed, member)
    response = client.post(url, answer_data(satisfaction="7", recommend="", listening=""))
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert "rien n'a été enregistré" in content
    assert "Choisissez une note entre 0 et 10." in content
    assert "Répondez à la question sur l'écoute." in content
    # patient identifiers refused as everywhere
    response = client.post(url, answer_data(comment="Le patient né le 12/03/1950 a été évoqué."))
    assert "date de naissance" in response.content.decode()
    assert not FeedbackAnswer.objects.exists()
    assert not FeedbackInvitation.objects.filter(answered=True).exists()


def test_the_facilitators_view_is_hidden_until_three_answers(
    client, closed, facilitator, member, coordinator, professional
):
    results = reverse("facilitations:feedback_results", args=[closed.pk])
    client.force_login(facilitator)
    for count, person in enumerate([member, coordinator], start=1):
        other = client_for_answer(person, closed)
        assert other.status_code == 302
        page = client.get(results).content.decode()
        assert "à partir de 3 réponses" in page
        assert "Satisfaction moyenne" not in page
        assert f"{count} réponse(s) pour 3 questionnaires envoyés" in page
    client_for_answer(professional, closed, satisfaction="5", recommend="3")
    page = client.get(results).content.decode()
    assert "Satisfaction moyenne" in page
    assert "4,3 sur 5" in page
    # 9, 9 and 3: two promoters, one detractor → (2 − 1) / 3
    assert ">33<" in page


def client_for_answer(user, facilitation, **overrides):
    """`user` answers through their link, in a browser of their own."""
    return Client().post(link(facilitation, user), answer_data(**overrides))


def test_team_members_do_not_see_the_results(client, closed, member):
    client.force_login(member)
    url = reverse("facilitations:feedback_results", args=[closed.pk])
    assert client.get(url).status_code == 403


def test_reminder_once_after_seven_days(
    closed, member, professional, coordinator, django_capture_on_commit_callbacks
):
    sent_on = timezone.localdate()
    assert client_for_answer(member, closed).status_code == 302
    mail.outbox.clear()
    kinds = [FeedbackReminder()]
    for days in range(0, 7):
        assert run_reminders(sent_on + datetime.timedelta(days=days), kinds=kinds) == {
            "facilitation_feedback_reminder": 0
        }
    seventh = sent_on + datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(seventh, kinds=kinds) == {"facilitation_feedback_reminder": 2}
    assert {m.to[0] for m in mail.outbox} == {professional.email, coordinator.email}
    assert all("Rappel : votre avis" in m.subject for m in mail.outbox)
    assert "Il y a une semaine" in mail.outbox[0].body
    # once: the same day again and the following days send nothing
    for days in (7, 8, 12):
        result = run_reminders(sent_on + datetime.timedelta(days=days), kinds=kinds)
        assert result == {"facilitation_feedback_reminder": 0}
    assert len(mail.outbox) == 2


def test_the_daily_job_sends_a_questionnaire_left_unsent(facilitation, facilitator, professional):
    facilitation.request = FacilitationRequestFactory(requester=professional, status="acceptee")
    facilitation.save()
    closed = close(facilitation, facilitator)  # the task was lost: nothing sent
    assert not FeedbackInvitation.objects.exists()
    today = timezone.localdate()
    assert run_reminders(today, kinds=[FeedbackSending()]) == {"facilitation_feedback": 1}
    assert FeedbackInvitation.objects.filter(facilitation=closed, user=professional).exists()
    assert run_reminders(today, kinds=[FeedbackSending()]) == {"facilitation_feedback": 0}


def test_net_promoter():
    assert net_promoter([]) is None
    assert net_promoter([10, 9, 8, 7, 6, 0]) == 0
    assert net_promoter([10, 10, 3]) == 33
    assert net_promoter([0, 5]) == -100


def make_answers(facilitation, answers: list[tuple[int, int]], invited: int):
    """`invited` questionnaires sent, and answers (satisfaction, recommend)."""
    revision = FeedbackQuestionnaire.current().current_revision()
    for _ in range(invited):
        FeedbackInvitation.objects.create(facilitation=facilitation, user=UserFactory())
    for satisfaction, recommend in answers:
        FeedbackAnswer.objects.create(
            facilitation=facilitation,
            questionnaire_revision=revision,
            satisfaction=satisfaction,
            recommend=recommend,
            listening=PostureAnswer.YES,
            neutrality=PostureAnswer.NO,
            comment="Merci à Mme Le Goff et à Océane Riou pour leur écoute.",
        )


def closed_facilitation(year: int, **kwargs) -> Facilitation:
    when = timezone.make_aware(datetime.datetime(year, 6, 15, 10))
    return FacilitationFactory(
        opened_at=when - datetime.timedelta(days=90),
        status="terminee",
        closed_at=when,
        outcome="projet_valide",
        **kwargs,
    )


def test_statistics_response_rate_and_nps(structure, other_structure):
    first = closed_facilitation(2025, structure=structure)
    make_answers(first, [(5, 10), (4, 9), (2, 3)], invited=4)
    second = closed_facilitation(2025, structure=other_structure)
    make_answers(second, [(3, 7)], invited=4)
    make_answers(closed_facilitation(2024, structure=structure), [(1, 0)], invited=1)
    statistics = compute_feedback_statistics(Period.year(2025))
    assert statistics.sent == 8
    assert statistics.answers == 4
    assert statistics.response_rate == 50
    assert statistics.average_satisfaction == pytest.approx(3.5)
    # 10, 9 promoters; 3 detractor; 7 passive → (2 − 1) / 4
    assert statistics.nps == 25
    by_year = statistics.tables["avis-par-annee"]
    assert [row[0] for row in by_year.rows] == ["2025"]
    by_kind = statistics.tables["avis-par-type"].rows
    assert sum(row[2] for row in by_kind) == 4
    by_department = statistics.tables["avis-par-departement"].rows
    assert sum(row[1] for row in by_department) == 8
    two_years = compute_feedback_statistics(
        Period(datetime.date(2024, 1, 1), datetime.date(2025, 12, 31))
    )
    assert [row[0] for row in two_years.tables["avis-par-annee"].rows] == ["2024", "2025"]
    assert two_years.answers == 5


@pytest.mark.parametrize("facilitations", [2, 8])
def test_statistics_cost_a_fixed_number_of_queries(
    facilitations, structure, django_assert_num_queries
):
    for _ in range(facilitations):
        facilitation = closed_facilitation(2025, structure=structure)
        make_answers(facilitation, [(4, 9), (3, 6)], invited=3)
        FeedbackAnswer.objects.filter(facilitation=facilitation).first().helps.set(
            HelpType.objects.all()[:2]
        )
    # EPCIs, the structures' EPCIs (two), the closed facilitations with their
    # questionnaires sent, their answers, the help kinds cited
    with django_assert_num_queries(6):
        compute_feedback_statistics(Period.year(2025))


def test_comments_are_exported_without_names(client, staff, structure, facilitator):
    facilitator.first_name, facilitator.last_name = "Océane", "Riou"
    facilitator.save()
    facilitation = closed_facilitation(2025, structure=structure)
    facilitation.assignments.create(user=facilitator, kind=facilitator.facilitator_kind)
    make_answers(facilitation, [(4, 9)], invited=1)
    client.force_login(staff)
    response = client.get(
        reverse("facilitations:feedback_export"),
        {"format": "csv", "annee": "2025", "table": "commentaires"},
    )
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][-1] == "Commentaire"
    assert rows[1][-1] == "Merci à [nom retiré] et à [nom retiré] pour leur écoute."
    assert "Riou" not in text and "Goff" not in text
    workbook = client.get(
        reverse("facilitations:feedback_export"), {"format": "xlsx", "annee": "2025"}
    )
    assert workbook.status_code == 200
    tables = client.get(
        reverse("facilitations:feedback_export"), {"format": "csv", "annee": "2025"}
    )
    assert "Taux de réponse" in b"".join(tables.streaming_content).decode("utf-8-sig")


def test_without_names():
    assert without_names("Bravo Dr Tanguy et docteur Jean Le Bihan", []) == (
        "Bravo [nom retiré] et [nom retiré]"
    )
    assert without_names("Anne Guillou a su écouter", ["Anne Guillou", "Guillou", "Anne"]) == (
        "[nom retiré] a su écouter"
    )


def test_the_statistics_page(client, staff, structure):
    make_answers(closed_facilitation(2025, structure=structure), [(5, 10), (4, 9), (3, 8)], 6)
    client.force_login(staff)
    page = client.get(reverse("facilitations:feedback_stats"), {"annee": "2025"}).content.decode()
    assert 'id="avis-taux">50&nbsp;%' in page
    assert 'id="avis-nps">67' in page
    assert "Avis par département" in page


def test_staff_edit_the_questionnaire_and_answers_keep_their_version(client, staff, closed, member):
    client_for_answer(member, closed)
    first = FeedbackAnswer.objects.get().questionnaire_revision
    client.force_login(staff)
    questionnaire = FeedbackQuestionnaire.current()
    data = {
        name: getattr(questionnaire, name)
        for name in (
            "intro",
            "satisfaction_question",
            "helps_question",
            "listening_question",
            "neutrality_question",
            "recommend_question",
            "comment_question",
        )
    }
    data["satisfaction_question"] = "Êtes-vous content de l'accompagnement ?"
    response = client.post(
        reverse("facilitations:questionnaire"), tokened({**data, "comment": "Plus simple"})
    )
    assert response.status_code == 302
    latest = FeedbackQuestionnaire.current().current_revision()
    assert latest.number == first.number + 1
    assert FeedbackAnswer.objects.get().questionnaire_revision == first
    page = html.unescape(Client().get(link(closed, closed.request.requester)).content.decode())
    assert "Êtes-vous content de l'accompagnement ?" in page
    versions = client.get(reverse("facilitations:questionnaire_versions"))
    assert versions.status_code == 200


@pytest.mark.parametrize("facilitations", [2, 8])
def test_the_statistics_page_costs_a_fixed_number_of_queries(
    facilitations, client, staff, structure, django_assert_num_queries
):
    for _ in range(facilitations):
        make_answers(closed_facilitation(2025, structure=structure), [(4, 9), (5, 10)], 3)
    client.force_login(staff)
    url = reverse("facilitations:feedback_stats")
    client.get(url, {"annee": "2025"})  # the session and the user, read once
    # session, user, whether the staff account has its second factor, the
    # statistics (six), the years offered (two)
    with django_assert_num_queries(11):
        assert client.get(url, {"annee": "2025"}).status_code == 200
