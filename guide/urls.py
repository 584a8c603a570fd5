from django.urls import path

from gecolib.moved_urls import moved
from gecolib.views.revisions import version_urls

from .views import (
    attachments,
    editing,
    importing,
    reading,
    review,
    search,
    suggestions,
    withdrawal,
)
from .views.versions import PAGE_VERSIONS

app_name = "guide"

urlpatterns = [
    path("", reading.index, name="index"),
    path("sitemap.xml", reading.sitemap, name="sitemap"),
    path("recherche/", search.search, name="search"),
    path("recherche/suggestions/", search.autocomplete, name="autocomplete"),
    # Former English addresses (/guide/search/?q=… was given out as stable),
    # before the pages' own `<slug>/`.
    moved("search/", "guide:search"),
    moved("search/suggestions/", "guide:autocomplete"),
    path("importer/", importing.import_documents_view, name="import"),
    path("pages/", editing.pages, name="pages"),
    path("nouvelle-page/", editing.create, name="page_create"),
    path("a-relire/", review.to_review, name="to_review"),
    path("redacteurs/", review.editors, name="editors"),
    path("redacteurs/<int:pk>/retirer/", review.editor_remove, name="editor_delete"),
    path("proposer/", suggestions.suggest, name="suggestion_create"),
    path("suggestions/", suggestions.suggestions, name="suggestions"),
    path("suggestions/<int:pk>/", suggestions.suggestion, name="suggestion"),
    path("suggestions/<int:pk>/brouillon/", suggestions.suggestion_draft, name="suggestion_draft"),
    path("suggestions/<int:pk>/fichier/", suggestions.suggestion_file, name="suggestion_file"),
    path("<slug:slug>/", reading.page, name="page"),
    path("<slug:slug>/pdf/", reading.page_pdf, name="page_pdf"),
    path("<slug:slug>/fichiers/<int:pk>/", reading.attachment, name="attachment"),
    path("<slug:slug>/proposer/", suggestions.suggest, name="page_suggestion_create"),
    path("<slug:slug>/modifier/", editing.edit, name="page_edit"),
    path("<slug:slug>/publier/", editing.publish, name="page_publish"),
    path("<slug:slug>/depublier/", withdrawal.unpublish, name="page_unpublish"),
    path("<slug:slug>/programmer/", editing.schedule, name="page_schedule"),
    path("<slug:slug>/deprogrammer/", editing.unschedule, name="page_unschedule"),
    path("<slug:slug>/archiver/", withdrawal.archive, name="page_archive"),
    path("<slug:slug>/desarchiver/", withdrawal.unarchive, name="page_unarchive"),
    path("<slug:slug>/deplacer/", editing.move, name="page_move"),
    path("<slug:slug>/relecture/", review.submit_review, name="page_review"),
    path("<slug:slug>/modifications/", review.request_changes, name="page_request_changes"),
    path("<slug:slug>/fichiers/", attachments.attachments, name="page_attachments"),
    path(
        "<slug:slug>/fichiers/<int:pk>/supprimer/",
        attachments.attachment_remove,
        name="attachment_delete",
    ),
    *version_urls(PAGE_VERSIONS, "<slug:slug>/versions/"),
]
