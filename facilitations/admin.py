from django.contrib import admin

from .models import (
    Assignment,
    Facilitation,
    FacilitationRequest,
    FollowUpAction,
    HelpType,
    Need,
    RequestMessage,
    Session,
    SessionParticipation,
)


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "position", "creates_kind"]
    ordering = ["position"]


@admin.register(HelpType)
class HelpTypeAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "position"]
    ordering = ["position"]


class RequestMessageInline(admin.TabularInline):
    model = RequestMessage
    extra = 0
    raw_id_fields = ["author"]


@admin.register(FacilitationRequest)
class FacilitationRequestAdmin(admin.ModelAdmin):
    list_display = ["team_name", "requester", "epci", "status", "created_at"]
    list_filter = ["status", "epci__department", "needs"]
    search_fields = ["project_name", "structure__name", "requester__email", "description"]
    raw_id_fields = ["requester", "structure", "decided_by", "reviewer"]
    filter_horizontal = ["needs", "professions"]
    date_hierarchy = "created_at"
    inlines = [RequestMessageInline]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    raw_id_fields = ["user", "assigned_by"]


@admin.register(Facilitation)
class FacilitationAdmin(admin.ModelAdmin):
    list_display = ["structure", "status", "opened_at", "closed_at", "outcome"]
    list_filter = ["status", "outcome"]
    search_fields = ["structure__name"]
    raw_id_fields = ["structure", "request"]
    date_hierarchy = "opened_at"
    inlines = [AssignmentInline]


class SessionParticipationInline(admin.TabularInline):
    model = SessionParticipation
    extra = 0


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["facilitation", "date", "duration_minutes", "mode", "phase"]
    list_filter = ["mode", "phase", "help_given"]
    search_fields = ["facilitation__structure__name"]
    raw_id_fields = ["facilitation", "created_by"]
    filter_horizontal = ["help_given"]
    date_hierarchy = "date"
    inlines = [SessionParticipationInline]


@admin.register(FollowUpAction)
class FollowUpActionAdmin(admin.ModelAdmin):
    list_display = ["title", "facilitation", "assignee", "due_date", "done_at"]
    list_filter = ["done_at"]
    search_fields = ["title", "facilitation__structure__name"]
    raw_id_fields = ["facilitation", "session", "assignee", "created_by"]
