"""Django admin of structures, memberships, lifecycle and CARPEC. Health
projects and ACI rules are shown read-only: they change through their
versioned pages."""

from django.contrib import admin

from .models import (
    AciRule,
    CarpecReview,
    CarpecSession,
    CptsMission,
    HealthProject,
    HealthProjectVersion,
    Invitation,
    Membership,
    StageChange,
    Structure,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    readonly_fields = ["changed_by", "created_at"]


class CptsMissionInline(admin.TabularInline):
    model = CptsMission
    extra = 0


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "stage", "commune", "updated_at"]
    list_filter = ["kind", "stage", "legal_form", "information_system"]
    search_fields = ["name", "siret", "finess", "commune__name"]
    autocomplete_fields = ["commune", "epcis", "communes_covered"]
    list_select_related = ["commune__department"]
    inlines = [MembershipInline, StageChangeInline, CptsMissionInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "structure", "role", "start_date", "end_date"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__last_name", "structure__name"]
    autocomplete_fields = ["user", "structure"]
    list_select_related = ["user", "structure"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "structure",
        "role",
        "created_at",
        "accepted_at",
        "declined_at",
        "cancelled_at",
    ]
    search_fields = ["email", "structure__name"]
    autocomplete_fields = ["structure"]
    readonly_fields = ["invited_by", "created_at", "accepted_at", "declined_at", "answered_by"]
    list_select_related = ["structure"]


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):
    list_display = ["structure", "stage", "date", "changed_by"]
    list_filter = ["stage"]
    search_fields = ["structure__name"]
    autocomplete_fields = ["structure"]
    readonly_fields = ["changed_by", "created_at"]
    list_select_related = ["structure", "changed_by"]


class CarpecReviewInline(admin.TabularInline):
    model = CarpecReview
    extra = 0
    autocomplete_fields = ["structure"]
    readonly_fields = ["scheduled_by", "outcome_recorded_at"]


@admin.register(CarpecSession)
class CarpecSessionAdmin(admin.ModelAdmin):
    list_display = ["date", "submission_deadline", "notes"]
    date_hierarchy = "date"
    inlines = [CarpecReviewInline]


@admin.register(CarpecReview)
class CarpecReviewAdmin(admin.ModelAdmin):
    list_display = ["structure", "session", "kind", "outcome"]
    list_filter = ["kind", "outcome", "session"]
    search_fields = ["structure__name"]
    autocomplete_fields = ["structure"]
    readonly_fields = ["scheduled_by", "outcome_recorded_at"]
    list_select_related = ["structure", "session"]


@admin.register(CptsMission)
class CptsMissionAdmin(admin.ModelAdmin):
    list_display = ["structure", "mission", "status"]
    list_filter = ["mission", "status"]
    search_fields = ["structure__name"]
    autocomplete_fields = ["structure"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Visible for support; changes go through the portal, which versions them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(HealthProject)
class HealthProjectAdmin(ReadOnlyAdmin):
    list_display = ["structure", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["structure__name"]
    list_select_related = ["structure"]


@admin.register(HealthProjectVersion)
class HealthProjectVersionAdmin(ReadOnlyAdmin):
    list_display = ["project", "number", "status", "author", "created_at", "frozen"]
    list_filter = ["status", "frozen"]
    search_fields = ["project__structure__name", "comment"]
    list_select_related = ["project__structure", "author"]


@admin.register(AciRule)
class AciRuleAdmin(ReadOnlyAdmin):
    list_display = [
        "label",
        "code",
        "structure_kind",
        "points_per_unit",
        "max_units",
        "point_value",
    ]
    list_filter = ["structure_kind", "checked"]
