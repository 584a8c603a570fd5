from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .contact import ContactMessage
from .models import (
    EPCI,
    Charter,
    CharterAcceptance,
    Commune,
    Department,
    Profession,
    Region,
    SentNotification,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "profession",
        "facilitator_kind",
        "is_staff",
    ]
    list_filter = ["is_staff", "facilitator_kind", "profession", "is_active"]
    search_fields = ["email", "first_name", "last_name", "rpps"]
    autocomplete_fields = ["epci"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Identité et exercice"),
            {
                "fields": (
                    "first_name",
                    "last_name",
                    "profession",
                    "specialty",
                    "rpps",
                    "phone",
                    "epci",
                )
            },
        ),
        (
            _("Rôles"),
            {"fields": ("facilitator_kind", "is_active", "is_staff", "is_superuser", "groups")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Profession)
class ProfessionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "category"]
    search_fields = ["name", "code"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]


@admin.register(EPCI)
class EPCIAdmin(admin.ModelAdmin):
    list_display = ["name", "siren", "kind", "department", "population"]
    list_filter = ["kind", "department"]
    search_fields = ["name", "siren"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "insee", "epci", "department", "population"]
    list_filter = ["department"]
    search_fields = ["name", "insee"]
    list_select_related = ["epci", "department"]


@admin.register(Charter)
class CharterAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "created_at", "author", "comment", "restored_from"]
    list_select_related = ["author", "restored_from"]
    # The history is written by the charter pages (publish, restore), never by hand.
    readonly_fields = ["number", "created_at", "author", "restored_from", "frozen"]


@admin.register(CharterAcceptance)
class CharterAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["user", "charter", "accepted_at"]
    list_select_related = ["user", "charter"]


@admin.register(SentNotification)
class SentNotificationAdmin(admin.ModelAdmin):
    list_display = ["key", "recipient_list", "subject", "created_at", "sent_at", "attempts"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter), "template"]
    search_fields = ["key", "recipients", "subject"]
    readonly_fields = [
        "key",
        "template",
        "recipients",
        "subject",
        "body",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
    ]
    actions = ["send_again"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("destinataires"))
    def recipient_list(self, notification: SentNotification) -> str:
        return ", ".join(notification.recipients)

    @admin.action(description=_("Renvoyer les notifications non envoyées"))
    def send_again(self, request, queryset) -> None:
        """Gives unsent notifications their attempts back: the next sweep sends
        them. Notifications already sent are left alone (never sent twice)."""
        count = queryset.unsent().update(attempts=0, last_error="")
        self.message_user(
            request,
            ngettext(
                "%(count)d notification sera renvoyée sous quelques minutes.",
                "%(count)d notifications seront renvoyées sous quelques minutes.",
                count,
            )
            % {"count": count},
        )


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """Read and delete only: the messages are what their senders wrote."""

    list_display = ["name", "email", "subject", "created_at"]
    list_filter = ["subject"]
    search_fields = ["name", "email", "body"]
    readonly_fields = ["name", "email", "subject", "body", "user", "created_at"]
    list_select_related = ["user"]

    def has_add_permission(self, request) -> bool:
        return False
