from django import forms
from django.contrib import admin
from django.db import models

from gecolib.team_data import CONFIRM_NAMES_FIELD, ConfirmNamesFormMixin

from .models import AgendaItem, Decision, Invitee, Meeting, MinutesRevision


class TeamDataAdminForm(ConfirmNamesFormMixin, forms.ModelForm):
    """The models refuse patient identity (gecolib.team_data); a possible
    name asks for the same confirmation as on the portal's pages (the field
    is declared here, as CONFIRM_NAMES_FIELD, so that the admin renders it)."""

    confirm_names = forms.BooleanField(required=False, widget=forms.HiddenInput)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    form = TeamDataAdminForm
    extra = 0
    fields = [
        "order",
        "kind",
        "case_label",
        "title",
        "presenter",
        "planned_minutes",
        CONFIRM_NAMES_FIELD,
    ]
    readonly_fields = ["case_label"]


class InviteeInline(admin.TabularInline):
    model = Invitee
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    form = TeamDataAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "structure", "starts_at", "status", "agenda_sent_at"]
    list_filter = ["status", "purpose"]
    search_fields = ["title", "structure__name"]
    raw_id_fields = ["structure", "series", "created_by", "minutes_validated_by"]
    inlines = [AgendaItemInline, InviteeInline]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    form = TeamDataAdminForm
    list_display = ["text", "owner", "due_date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["meeting", "item", "owner", "closed_by", "created_by"]


@admin.register(MinutesRevision)
class MinutesRevisionAdmin(admin.ModelAdmin):
    form = TeamDataAdminForm
    list_display = ["meeting", "number", "created_at", "author"]
    raw_id_fields = ["meeting", "author", "restored_from"]
    readonly_fields = ["content"]
