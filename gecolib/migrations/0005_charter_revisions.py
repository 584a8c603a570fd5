"""The charter becomes a revision: number, author, created_at, comment and a
`content` holding its title and text. Existing versions keep their number,
publisher, date and text; acceptances keep pointing at the same rows."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def copy_into_content(apps, schema_editor):
    Charter = apps.get_model("gecolib", "Charter")
    for charter in Charter.objects.all():
        charter.content = {"title": charter.title, "text": charter.text}
        charter.save(update_fields=["content"])


def copy_out_of_content(apps, schema_editor):
    Charter = apps.get_model("gecolib", "Charter")
    for charter in Charter.objects.all():
        content = charter.content or {}
        charter.title = content.get("title") or "Charte du facilitateur"
        charter.text = content.get("text", "")
        charter.save(update_fields=["title", "text"])


class Migration(migrations.Migration):
    dependencies = [
        ("gecolib", "0004_first_charter"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="charter",
            options={
                "ordering": ["-number"],
                "verbose_name": "charte",
                "verbose_name_plural": "chartes",
            },
        ),
        migrations.RenameField(model_name="charter", old_name="version", new_name="number"),
        migrations.RenameField(model_name="charter", old_name="published_by", new_name="author"),
        migrations.RenameField(
            model_name="charter", old_name="published_at", new_name="created_at"
        ),
        migrations.AlterField(
            model_name="charter",
            name="number",
            field=models.PositiveIntegerField(verbose_name="numéro"),
        ),
        migrations.AlterField(
            model_name="charter",
            name="author",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="auteur",
            ),
        ),
        migrations.AlterField(
            model_name="charter",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="enregistrée le"
            ),
        ),
        migrations.AddField(
            model_name="charter",
            name="comment",
            field=models.CharField(blank=True, max_length=255, verbose_name="commentaire"),
        ),
        migrations.AddField(
            model_name="charter",
            name="content",
            field=models.JSONField(default=dict, verbose_name="contenu"),
        ),
        migrations.AddField(
            model_name="charter",
            name="frozen",
            field=models.BooleanField(
                default=False,
                help_text="Une version figée ne change plus.",
                verbose_name="figée",
            ),
        ),
        migrations.AddField(
            model_name="charter",
            name="restored_from",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="gecolib.charter",
                verbose_name="restaurée depuis",
            ),
        ),
        # A default, so that going back can add the column again to existing rows.
        migrations.AlterField(
            model_name="charter",
            name="text",
            field=models.TextField(default="", verbose_name="texte (Markdown)"),
        ),
        migrations.RunPython(copy_into_content, copy_out_of_content),
        migrations.RemoveField(model_name="charter", name="title"),
        migrations.RemoveField(model_name="charter", name="text"),
        migrations.AddConstraint(
            model_name="charter",
            constraint=models.UniqueConstraint(
                fields=("number",),
                name="charter_unique_number",
                violation_error_message="Cette version de la charte existe déjà.",
            ),
        ),
    ]
