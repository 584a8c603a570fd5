from django.contrib import admin

from .models import (
    Attachment,
    GuideEditor,
    Page,
    PageMove,
    PageRevision,
    SlugRedirect,
    Suggestion,
)


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "parent", "audience", "is_live", "in_review", "archived_at"]
    list_filter = ["is_live", "in_review", "audience", "kind"]
    search_fields = ["title", "slug"]
    readonly_fields = ["live_revision", "latest_revision", "scheduled_revision"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Pages are archived from the guide, never deleted: their history stays.
        return False


@admin.register(PageRevision)
class PageRevisionAdmin(admin.ModelAdmin):
    list_display = ["page", "number", "author", "created_at", "comment"]
    readonly_fields = ["page", "number", "author", "created_at", "content", "restored_from"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


admin.site.register(SlugRedirect)
admin.site.register(PageMove)
admin.site.register(Attachment)
admin.site.register(GuideEditor)
admin.site.register(Suggestion)
