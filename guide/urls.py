from django.urls import path

from gecolib.moved_urls import moved
from gecolib.views.revisions import version_urls

from .views import (
    attachments,
    autosaves,
    chooser,
    editing,
    importing,
    links,
    preview,
    reading,
    review,
    search,
    suggestions,
    synonyms,
    tree,
    withdrawal,
)
from .views.synonyms import SYNONYM_VERSIONS
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
    path("synonymes/", synonyms.synonym_list, name="synonyms"),
    path("synonymes/nouveaux/", synonyms.synonym_create, name="synonym_create"),
    path("synonymes/<int:pk>/modifier/", synonyms.synonym_edit, name="synonym_edit"),
    *version_urls(SYNONYM_VERSIONS, "synonymes/<int:pk>/versions/"),
    path("pages/", tree.pages, name="pages"),
    path("pages/ordre/", tree.reorder, name="pages_reorder"),
    path("pages/deplacer/", tree.place, name="pages_place"),
    path("liens-casses/", links.report, name="broken_links"),
    path("mediatheque/", chooser.library, name="media_library"),
    path("mediatheque/deposer/", chooser.upload, name="media_upload"),
    path("mediatheque/<int:pk>/", chooser.item, name="media_item"),
    path("mediatheque/<int:pk>/fichier/", chooser.file, name="media_file"),
    path("mediatheque/<int:pk>/choisir/", chooser.choose, name="media_choose"),
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
    path("<slug:slug>/sauvegarde-auto/", autosaves.autosave, name="page_autosave"),
    path(
        "<slug:slug>/sauvegarde-auto/abandonner/",
        autosaves.autosave_discard,
        name="page_autosave_discard",
    ),
    path("<slug:slug>/apercu/", preview.preview, name="page_preview"),
    path("<slug:slug>/publier/", editing.publish, name="page_publish"),
    path("<slug:slug>/depublier/", withdrawal.unpublish, name="page_unpublish"),
    path("<slug:slug>/programmer/", editing.schedule, name="page_schedule"),
    path("<slug:slug>/deprogrammer/", editing.unschedule, name="page_unschedule"),
    path("<slug:slug>/archiver/", withdrawal.archive, name="page_archive"),
    path("<slug:slug>/desarchiver/", withdrawal.unarchive, name="page_unarchive"),
    path("<slug:slug>/relecture/", review.submit_review, name="page_review"),
    path("<slug:slug>/relire/", review.review, name="page_review_changes"),
    path("<slug:slug>/modifications/", review.request_changes, name="page_request_changes"),
    path("<slug:slug>/fichiers/", attachments.attachments, name="page_attachments"),
    path(
        "<slug:slug>/fichiers/<int:pk>/supprimer/",
        attachments.attachment_remove,
        name="attachment_delete",
    ),
    *version_urls(PAGE_VERSIONS, "<slug:slug>/versions/"),
]
