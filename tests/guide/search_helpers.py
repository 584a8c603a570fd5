"""Published guide pages for the search and import tests."""

from guide import services


def published(title, body="", *, by, summary="", audience="public", themes=(), kind="page"):
    page = services.create_page(
        title=title,
        body=body,
        by=by,
        summary=summary,
        audience=audience,
        themes=themes,
        kind=kind,
    )
    services.publish(page, by=by)
    page.refresh_from_db()
    return page
