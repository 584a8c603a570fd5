from django.urls import path

from .views import attachments, editing, history, importing, reading, review, search, suggestions

app_name = "guide"

urlpatterns = [
    path("", reading.index, name="index"),
    path("sitemap.xml", reading.sitemap, name="sitemap"),
    path("search/", search.search, name="search"),
    path("search/suggestions/", search.autocomplete, name="autocomplete"),
    path("importer/", importing.import_documents_view, name="import"),
    path("pages/", editing.pages, name="pages"),
    path("nouvelle-page/", editing.create, name="create"),
    path("apercu/", editing.preview, name="preview"),
    path("a-relire/", review.to_review, name="to_review"),
    path("redacteurs/", review.editors, name="editors"),
    path("redacteurs/<int:pk>/retirer/", review.editor_remove, name="editor_remove"),
    path("proposer/", suggestions.suggest, name="suggest_new"),
    path("suggestions/", suggestions.suggestions, name="suggestions"),
    path("suggestions/<int:pk>/", suggestions.suggestion, name="suggestion"),
    path("suggestions/<int:pk>/brouillon/", suggestions.suggestion_draft, name="suggestion_draft"),
    path("suggestions/<int:pk>/fichier/", suggestions.suggestion_file, name="suggestion_file"),
    path("<slug:slug>/", reading.page, name="page"),
    path("<slug:slug>/pdf/", reading.page_pdf, name="pdf"),
    path("<slug:slug>/fichiers/<int:pk>/", reading.attachment, name="attachment"),
    path("<slug:slug>/proposer/", suggestions.suggest, name="suggest"),
    path("<slug:slug>/modifier/", editing.edit, name="edit"),
    path("<slug:slug>/publier/", editing.publish, name="publish"),
    path("<slug:slug>/depublier/", editing.unpublish, name="unpublish"),
    path("<slug:slug>/programmer/", editing.schedule, name="schedule"),
    path("<slug:slug>/deprogrammer/", editing.unschedule, name="unschedule"),
    path("<slug:slug>/archiver/", editing.archive, name="archive"),
    path("<slug:slug>/desarchiver/", editing.unarchive, name="unarchive"),
    path("<slug:slug>/deplacer/", editing.move, name="move"),
    path("<slug:slug>/relecture/", review.submit_review, name="review"),
    path("<slug:slug>/modifications/", review.request_changes, name="request_changes"),
    path("<slug:slug>/fichiers/", attachments.attachments, name="attachments"),
    path(
        "<slug:slug>/fichiers/<int:pk>/supprimer/",
        attachments.attachment_remove,
        name="attachment_remove",
    ),
    path("<slug:slug>/versions/", history.history, name="history"),
    path("<slug:slug>/versions/comparer/", history.compare, name="compare"),
    path("<slug:slug>/versions/<int:number>/", history.revision, name="revision"),
    path("<slug:slug>/versions/<int:number>/restaurer/", history.restore, name="restore"),
]
