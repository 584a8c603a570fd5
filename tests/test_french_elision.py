"""The elision check the permission matrices run on every page
(tests/french_elision.py) finds what a reader would stumble on, and only that."""

from django.http import HttpResponse

from tests.french_elision import missing_elisions


def page(body: str) -> HttpResponse:
    return HttpResponse(f"<html><body><main>{body}</main></body></html>")


def test_a_name_or_a_month_after_de_le_la_is_found():
    found = missing_elisions(
        page(
            "<h1>Protocoles de <a href='/s/1/'>ESP des Abers</a></h1>"
            "<p>Activité de octobre 2026</p><p>La formation de Anne Guillou</p>"
            "<p>Voir le Étienne</p>"
        )
    )
    assert len(found) == 4
    assert any("de ESP des Abers" in text for text in found)
    assert any("de octobre" in text for text in found)


def test_elided_text_cells_and_hidden_text_pass():
    assert (
        missing_elisions(
            page(
                "<h1>Protocoles de l'ESP des Abers</h1><p>Activité d'octobre</p>"
                "<table><tr><th>Enregistrée le</th><th>Auteur</th></tr></table>"
                "<p>de la MSP, de Brest, le Guide</p>"
                "<script>const label = 'de Anne';</script>"
                "<textarea>de Anne</textarea>"
            )
        )
        == []
    )
    assert missing_elisions(HttpResponse(b"de Anne", content_type="text/plain")) == []
