"""Django admin of the coordination protocols."""

from django.contrib import admin

from .models import Protocol


@admin.register(Protocol)
class ProtocolAdmin(admin.ModelAdmin):
    """Read-only: a protocol changes through its pages, where every change is a
    revision and its team's rights apply."""

    list_display = ["title", "structure", "theme", "status", "shared", "review_date"]
    list_filter = ["status", "theme", "shared"]
    search_fields = ["title", "structure__name"]
    list_select_related = ["structure"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
