from django.contrib import admin

from .models import AgendaItem, Decision, Invitee, Meeting, MinutesRevision


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "kind", "case_label", "title", "presenter", "planned_minutes"]
    readonly_fields = ["case_label"]


class InviteeInline(admin.TabularInline):
    model = Invitee
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "structure", "starts_at", "status", "agenda_sent_at"]
    list_filter = ["status", "purpose"]
    search_fields = ["title", "structure__name"]
    raw_id_fields = ["structure", "series", "created_by", "minutes_validated_by"]
    inlines = [AgendaItemInline, InviteeInline]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["text", "owner", "due_date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["meeting", "item", "owner", "closed_by", "created_by"]


@admin.register(MinutesRevision)
class MinutesRevisionAdmin(admin.ModelAdmin):
    list_display = ["meeting", "number", "created_at", "author"]
    raw_id_fields = ["meeting", "author", "restored_from"]
    readonly_fields = ["content"]
