"""Checks shared by the tests of documents whose ETag is known before
rendering (gecolib.pdf `content_key`, `keyed_response`): a conditional GET
naming the current ETag answers 304 without calling what renders."""

from __future__ import annotations

from gecolib import pdf


def must_not_run(*args, **kwargs):
    raise AssertionError("rendered for a 304")


def assert_304_without_rendering(client, url: str, monkeypatch, *renderers: str) -> str:
    """GET `url` (200), then again with its ETag while the print pipeline and
    the `renderers` (dotted paths) raise: 304, same ETag. Returns the ETag."""
    first = client.get(url)
    assert first.status_code == 200, first.status_code
    etag = first["ETag"]
    assert etag.startswith('"k')  # a content key, not a digest of the HTML
    with monkeypatch.context() as patched:
        patched.setattr(pdf, "render_html", must_not_run)
        patched.setattr(pdf, "html_to_pdf", must_not_run)
        for target in renderers:
            patched.setattr(target, must_not_run)
        response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    return etag
