"""Django admin of the national cooperation protocols."""

from django.contrib import admin

from .models import (
    CooperationDeclaration,
    DeclarationEvent,
    MonthlyActivity,
    NationalProtocol,
    NationalProtocolRevision,
    Participant,
)

# The catalogue is edited on the portal's pages (each change a dated version);
# the admin shows it read-only so that no change escapes the history.


@admin.register(NationalProtocol)
class NationalProtocolAdmin(admin.ModelAdmin):
    list_display = ["short_name", "code", "training_hours", "inclusion_amount", "reference_date"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NationalProtocolRevision)
class NationalProtocolRevisionAdmin(admin.ModelAdmin):
    list_display = ["protocol", "number", "author", "created_at", "comment"]
    list_filter = ["protocol"]
    readonly_fields = ["protocol", "number", "author", "created_at", "comment", "content"]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    raw_id_fields = ["user"]


class MonthlyActivityInline(admin.TabularInline):
    model = MonthlyActivity
    extra = 0
    fields = ["month", "inclusions", "reevaluations", "revoyures", "exclusions"]


@admin.register(CooperationDeclaration)
class CooperationDeclarationAdmin(admin.ModelAdmin):
    list_display = ["structure", "protocol", "status", "declared_on", "new_declaration_needed"]
    list_filter = ["protocol", "status", "new_declaration_needed"]
    search_fields = ["structure__name", "ds_number"]
    raw_id_fields = ["structure", "created_by"]
    inlines = [ParticipantInline, MonthlyActivityInline]


@admin.register(DeclarationEvent)
class DeclarationEventAdmin(admin.ModelAdmin):
    list_display = ["declaration", "kind", "status", "date", "by"]
    list_filter = ["kind"]
