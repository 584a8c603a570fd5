"""Notifications keep what they send (recipients, subject, body) so that the
sweep can send again what was left unsent; users may turn reminders off.

Rows written before this migration kept no body: those still unsent cannot be
sent again, so they are given up (attempts at the cap, with a note) rather than
sent empty."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# gecolib.models.NOTIFICATION_MAX_ATTEMPTS when this migration was written.
MAX_ATTEMPTS = 24


def keep_recipients_give_up_unsent(apps, schema_editor):
    SentNotification = apps.get_model("gecolib", "SentNotification")
    for notification in SentNotification.objects.only("pk", "recipient", "sent_at").iterator():
        notification.recipients = [notification.recipient] if notification.recipient else []
        if notification.sent_at is None:
            notification.attempts = MAX_ATTEMPTS
            notification.last_error = "Antérieure à la reprise des envois : texte non conservé."
        notification.save(update_fields=["recipients", "attempts", "last_error"])


def first_recipient_back(apps, schema_editor):
    SentNotification = apps.get_model("gecolib", "SentNotification")
    for notification in SentNotification.objects.only("pk", "recipients").iterator():
        notification.recipient = (notification.recipients or [""])[0]
        notification.save(update_fields=["recipient"])


class Migration(migrations.Migration):
    dependencies = [
        ("gecolib", "0005_charter_revisions"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="sentnotification",
            options={
                "ordering": ["-created_at"],
                "verbose_name": "notification",
                "verbose_name_plural": "notifications",
            },
        ),
        migrations.AddField(
            model_name="sentnotification",
            name="recipients",
            field=models.JSONField(default=list, verbose_name="destinataires"),
        ),
        migrations.AddField(
            model_name="sentnotification",
            name="template",
            field=models.CharField(blank=True, max_length=200, verbose_name="gabarit"),
        ),
        migrations.AddField(
            model_name="sentnotification",
            name="body",
            field=models.TextField(blank=True, verbose_name="texte"),
        ),
        migrations.AddField(
            model_name="sentnotification",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="tentatives d'envoi"),
        ),
        migrations.AddField(
            model_name="sentnotification",
            name="last_error",
            field=models.CharField(blank=True, max_length=255, verbose_name="dernière erreur"),
        ),
        # A default, so that unapplying can add the column back to existing rows.
        migrations.AlterField(
            model_name="sentnotification",
            name="recipient",
            field=models.EmailField(blank=True, default="", max_length=254),
        ),
        migrations.RunPython(keep_recipients_give_up_unsent, first_recipient_back),
        migrations.RemoveField(
            model_name="sentnotification",
            name="recipient",
        ),
        migrations.AlterField(
            model_name="sentnotification",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="créée le"),
        ),
        migrations.AlterField(
            model_name="sentnotification",
            name="key",
            field=models.CharField(max_length=255, unique=True, verbose_name="clé"),
        ),
        migrations.AlterField(
            model_name="sentnotification",
            name="sent_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="envoyée le"),
        ),
        migrations.AlterField(
            model_name="sentnotification",
            name="subject",
            field=models.CharField(max_length=255, verbose_name="objet"),
        ),
        migrations.AddIndex(
            model_name="sentnotification",
            index=models.Index(fields=["sent_at", "created_at"], name="notification_unsent_idx"),
        ),
        migrations.CreateModel(
            name="ReminderOptOut",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=50, verbose_name="type de rappel")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminder_opt_outs",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "rappel désactivé",
                "verbose_name_plural": "rappels désactivés",
                "ordering": ["user", "kind"],
            },
        ),
        migrations.AddConstraint(
            model_name="reminderoptout",
            constraint=models.UniqueConstraint(
                fields=("user", "kind"),
                name="reminder_opt_out_unique",
                violation_error_message="Ce rappel est déjà désactivé.",
            ),
        ),
    ]
