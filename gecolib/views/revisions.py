"""The version pages of every versioned document: list, one version, comparison, restore.

A versioned document (the charter, a health project, a coordination protocol, a
national cooperation protocol, a guide page) declares a `VersionedDocument`
spec in its app; `version_urls(spec, prefix)` returns the four routes, with
French paths, served by the views and the one set of templates below::

    HEALTH_PROJECT = VersionedDocument(
        name="health_project",
        namespace="structures",
        get_owner=health_project_owner,          # (request, write=…, **URL kwargs) → owner
        fields=section_labels,                   # () → [(key, label)] compared
        restore=lambda project, revision, by: project.restore(revision, by=by),
        ...
    )
    urlpatterns += version_urls(HEALTH_PROJECT, "<int:pk>/projet-de-sante/versions/")

The owner is fetched through the app's own access function (404 for what the
user may not see, 403 for a read-only reader asked to restore); errors reach
the user through `add_validation_errors`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from ..diff import diff_contents
from ..idempotency import act_once
from ..messages import add_validation_errors
from ..pagination import paginate
from ..revisions import Revision, RevisionPages, latest_revision, revisions_to_compare

Owner = Any
Fields = Sequence[tuple[str, Any]]


def save_version(
    request: HttpRequest, form, document, *, saved: str, to: str, once: bool = True
) -> HttpResponseRedirect:
    """The save of a valid form that edits reference data kept as versions
    (`gecolib.revisions.FieldRevisionsMixin`: the cooperation catalogue, the
    ACI rules, the guide's search synonyms, the feedback questionnaire, the
    self-assessment grids): the form and a version of `document` in one
    transaction — with `once`, only with the form's one-time token and once
    per token, so a double click saves once — then « version N enregistrée » (`saved`, with
    %(number)s) or, when nothing changed, that nothing was saved; and on to
    `to`."""

    def save() -> str:
        with transaction.atomic():
            form.save()
            revision = document.save_revision(by=request.user, comment=form.cleaned_data["comment"])
        if revision is None:
            messages.info(request, _("Aucune modification : rien n'a été enregistré."))
        else:
            messages.success(request, saved % {"number": revision.number})
        return to

    if once:
        return act_once(request, save, back=request.path)
    return HttpResponseRedirect(save())


def _own_revisions(owner: Owner) -> models.Manager:
    return owner.revisions


def _content_as_text(content: dict, fields: Fields) -> dict[str, str]:
    return {key: str(content.get(key, "") or "") for key, _label in fields}


def _no_context(request: HttpRequest, owner: Owner, revision: Revision | None) -> dict:
    return {}


def fields_changed(count: int) -> str:
    return ngettext("%(count)s champ modifié.", "%(count)s champs modifiés.", count) % {
        "count": count
    }


def _no_links(request: HttpRequest, owner: Owner) -> list:
    return []


def _always(request: HttpRequest, owner: Owner) -> bool:
    return True


@dataclass(frozen=True)
class VersionedDocument:
    """What the generic version pages need to know of one kind of document."""

    name: str
    """Prefix of the URL names: `<name>_versions`, `<name>_version`,
    `<name>_compare`, `<name>_restore`."""
    get_owner: Callable[..., Owner]
    """`(request, write=bool, **URL kwargs)` → the versioned object, through the
    app's access functions: 404 when the user may not see it, 403 when `write`
    and the user may not change it."""
    fields: Callable[[], Fields]
    """The (key, label) pairs of a revision's content that are shown and compared."""
    restore: Callable[[Owner, Revision, Any], Revision]
    """`(owner, revision, user)` → the new revision: the document's own method."""
    restored_message: str | Promise
    """Flash message after a restore, with %(old)s and %(new)s."""
    title: str | Promise
    """The document after « Versions » in titles: « du projet de santé »,
    « de la charte du facilitateur »."""
    back_label: str | Promise
    """The link back to the document: « Retour au projet de santé »."""
    breadcrumb: str
    """Template of the document's breadcrumb: it receives `current` (the page's
    name) and, below the list, `versions_link` (the list's URL)."""
    owner_name: str = "document"
    """Name of the owner in the templates (the breadcrumb partials read it)."""
    namespace: str = ""
    revisions: Callable[[Owner], models.Manager] = _own_revisions
    as_text: Callable[[dict, Fields], dict[str, str]] = _content_as_text
    """A revision's content as texts to compare, one per field of `fields`."""
    may_restore: Callable[[HttpRequest, Owner], bool] = _always
    """Whether the user may restore now (the document is editable by them)."""
    owner_url: Callable[[Owner], str] | None = None
    """The document's page (« Retour … » links); default `get_absolute_url()`."""
    url_kwargs: Callable[[Owner], dict] = lambda owner: {"pk": owner.pk}  # noqa: E731
    after_restore: Callable[[Owner, Revision], str] | None = None
    """Where a restore leads; default the list of versions."""
    version_body: str = "revisions/_fields.html"
    """Template showing one version's content (receives `fields`)."""
    extra_context: Callable[[HttpRequest, Owner, Revision | None], dict] = _no_context
    links: tuple[tuple[str | Promise, str], ...] = ()
    """Extra buttons per version: (label, URL name taking the owner's kwargs and `number`)."""
    intro: str | Promise = ""
    """What the list of versions says first (a default text otherwise)."""
    empty_text: str | Promise = ""
    current_label: str | Promise = _("Dernière version")
    """The badge of the latest version on its page."""
    restore_label: str | Promise = ""
    """The restore button of a version's page (« Restaurer cette version »)."""
    footer_links: Callable[[HttpRequest, Owner], list[tuple[str, str]]] = _no_links
    """Links under the list of versions, after « Retour à … »."""
    frozen_label: str | Promise = ""
    changed_text: Callable[[int], str] = fields_changed
    """How many fields differ, in the words of the document."""
    per_page: int = 20
    decorators: tuple[Callable, ...] = ()

    def url_name(self, page: str) -> str:
        name = f"{self.name}_{page}"
        return f"{self.namespace}:{name}" if self.namespace else name

    def pages(self, owner: Owner) -> RevisionPages:
        kwargs = self.url_kwargs(owner)
        return RevisionPages(
            view=self.url_name("version"),
            compare=self.url_name("compare"),
            restore=self.url_name("restore"),
            args=tuple(kwargs.values()),
            links=self.links,
        )

    def reverse(self, page: str, owner: Owner, **extra: Any) -> str:
        return reverse(self.url_name(page), kwargs={**self.url_kwargs(owner), **extra})

    def document_url(self, owner: Owner) -> str:
        return self.owner_url(owner) if self.owner_url else owner.get_absolute_url()

    def base_context(self, request: HttpRequest, owner: Owner, revision=None) -> dict:
        return {
            "spec": self,
            "document": owner,
            self.owner_name: owner,
            "document_url": self.document_url(owner),
            "versions_url": self.reverse("versions", owner),
            **self.extra_context(request, owner, revision),
        }


@dataclass
class _Views:
    spec: VersionedDocument

    def owner(self, request: HttpRequest, kwargs: dict, *, write: bool = False) -> Owner:
        return self.spec.get_owner(request, write=write, **kwargs)

    def revision(self, owner: Owner, number: int) -> Revision:
        family = self.spec.revisions(owner).select_related("author", "restored_from")
        return get_object_or_404(family, number=number)

    def history(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        spec = self.spec
        owner = self.owner(request, kwargs)
        revisions = spec.revisions(owner).select_related("author", "restored_from")
        page = paginate(request, revisions.order_by("-number"), per_page=spec.per_page)
        on_page = list(page.object_list)
        # The first row of the first page is the version in force.
        current = on_page[0].number if on_page and page.number == 1 else None
        pages = spec.pages(owner)
        context = {
            **spec.base_context(request, owner),
            "page": page,
            "rows": pages.rows(on_page, current=current),
            "compare_url": pages.compare_url(),
            "may_restore": spec.may_restore(request, owner),
            "footer_links": spec.footer_links(request, owner),
        }
        return render(request, "revisions/history.html", context)

    def version(self, request: HttpRequest, number: int, **kwargs: Any) -> HttpResponse:
        spec = self.spec
        owner = self.owner(request, kwargs)
        revision = self.revision(owner, number)
        latest = latest_revision(spec.revisions(owner))
        texts = spec.as_text(revision.content, spec.fields())
        context = {
            **spec.base_context(request, owner, revision),
            "revision": revision,
            "fields": [(label, texts.get(key, "")) for key, label in spec.fields()],
            "is_current": latest is not None and latest.pk == revision.pk,
            # Restoring the text in force would only add a copy.
            "may_restore": latest is not None
            and latest.content != revision.content
            and spec.may_restore(request, owner),
            "restore_url": spec.reverse("restore", owner, number=revision.number),
            "links": [
                (label, reverse(name, kwargs={**spec.url_kwargs(owner), "number": number}))
                for label, name in spec.links
            ],
        }
        return render(request, "revisions/version.html", context)

    def compare(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        spec = self.spec
        owner = self.owner(request, kwargs)
        try:
            old, new = revisions_to_compare(
                spec.revisions(owner), request.GET.get("a"), request.GET.get("b")
            )
        except ValidationError as error:
            add_validation_errors(request, error)
            return redirect(spec.reverse("versions", owner))
        fields = spec.fields()
        diffs = diff_contents(
            spec.as_text(old.content, fields), spec.as_text(new.content, fields), fields
        )
        changed = sum(1 for diff in diffs if diff.changed)
        context = {
            **spec.base_context(request, owner, new),
            "old": old,
            "new": new,
            "diffs": diffs,
            "changed_count": changed,
            "changed_text": spec.changed_text(changed),
            "new_url": spec.reverse("version", owner, number=new.number),
        }
        return render(request, "revisions/compare.html", context)

    def restore(self, request: HttpRequest, number: int, **kwargs: Any) -> HttpResponse:
        spec = self.spec
        owner = self.owner(request, kwargs, write=True)
        revision = self.revision(owner, number)
        versions_url = spec.reverse("versions", owner)

        def restore() -> str:
            new = spec.restore(owner, revision, request.user)
            messages.success(request, spec.restored_message % {"old": number, "new": new.number})
            return spec.after_restore(owner, new) if spec.after_restore else versions_url

        # A double click restores once (the second is sent where the first led).
        try:
            return act_once(request, restore, back=versions_url)
        except ValidationError as error:
            add_validation_errors(request, error)
            return redirect(versions_url)


def _decorate(view: Callable, spec: VersionedDocument, method: Callable) -> Callable:
    """The method check, then the spec's access decorators around it (a
    reader who may not see the pages is refused before being told the method)."""
    view = method(view)
    for decorator in reversed(spec.decorators):
        view = decorator(view)
    return view


def version_urls(spec: VersionedDocument, prefix: str) -> list[URLPattern]:
    """The four routes of a versioned document under `prefix` (which ends with
    « versions/ » and holds the owner's URL parameters)."""
    views = _Views(spec)
    return [
        path(
            prefix,
            _decorate(views.history, spec, require_GET),
            name=f"{spec.name}_versions",
        ),
        path(
            f"{prefix}comparer/",
            _decorate(views.compare, spec, require_GET),
            name=f"{spec.name}_compare",
        ),
        path(
            f"{prefix}<int:number>/",
            _decorate(views.version, spec, require_GET),
            name=f"{spec.name}_version",
        ),
        path(
            f"{prefix}<int:number>/restaurer/",
            _decorate(views.restore, spec, require_POST),
            name=f"{spec.name}_restore",
        ),
    ]
