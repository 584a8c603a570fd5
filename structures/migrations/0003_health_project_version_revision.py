"""Health-project versions become shared revisions (gecolib.revisions.Revision):
their `sections` are now the revision's `content`, renamed in place."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("structures", "0002_load_carpec_calendar"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name="healthprojectversion", old_name="sections", new_name="content"
        ),
        migrations.AlterField(
            model_name="healthprojectversion",
            name="content",
            field=models.JSONField(default=dict, verbose_name="contenu"),
        ),
        migrations.AlterField(
            model_name="healthprojectversion",
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
            model_name="healthprojectversion",
            name="frozen",
            field=models.BooleanField(
                default=False,
                help_text="Une version figée ne change plus.",
                verbose_name="figée",
            ),
        ),
    ]
