"""The search index of guide pages.

On PostgreSQL: the unaccent extension, a `french_unaccent` text search
configuration (french, with unaccent before french_stem, so that "coordonne"
finds "coordonné") and a GIN index on the weighted vector. On SQLite these
steps do nothing: the index uses normalised columns (guide/search/text.py).
Pages that already exist are indexed.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

CREATE_SEARCH_CONFIG = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION french_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$;
"""
CREATE_GIN_INDEX = (
    "CREATE INDEX IF NOT EXISTS guide_pagesearch_vector ON guide_pagesearch USING gin (vector);"
)


def postgresql_only(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def index_existing_pages(apps, schema_editor):
    from guide.search.documents import attachment_words, index_fields, search_vector, theme_labels

    Page = apps.get_model("guide", "Page")
    PageSearch = apps.get_model("guide", "PageSearch")
    Attachment = apps.get_model("guide", "Attachment")
    for page in Page.objects.all():
        names = list(
            Attachment.objects.filter(page=page, detached_at__isnull=True).values_list(
                "original_name", flat=True
            )
        )
        fields = index_fields(
            title=page.title,
            summary=page.summary,
            body=page.body,
            themes=page.themes,
            attachment_names=names,
            terms=schema_editor.connection.vendor != "postgresql",
        )
        PageSearch.objects.update_or_create(page=page, defaults=fields)
        if schema_editor.connection.vendor == "postgresql":
            PageSearch.objects.filter(page=page).update(
                vector=search_vector(
                    page.title,
                    f"{page.summary} {theme_labels(page.themes)}",
                    f"{fields['text']} {attachment_words(names)}",
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0001_pages_revisions_attachments_suggestions"),
    ]

    operations = [
        migrations.RunPython(
            postgresql_only(CREATE_SEARCH_CONFIG), migrations.RunPython.noop, elidable=False
        ),
        migrations.CreateModel(
            name="PageSearch",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_index",
                        serialize=False,
                        to="guide.page",
                        verbose_name="page",
                    ),
                ),
                ("title_terms", models.TextField(blank=True, verbose_name="termes du titre")),
                (
                    "summary_terms",
                    models.TextField(blank=True, verbose_name="termes du résumé et des thèmes"),
                ),
                (
                    "body_terms",
                    models.TextField(
                        blank=True, verbose_name="termes du texte et des pièces jointes"
                    ),
                ),
                ("title_words", models.TextField(blank=True, verbose_name="mots du titre")),
                ("themes", models.CharField(blank=True, max_length=300, verbose_name="thèmes")),
                ("text", models.TextField(blank=True, verbose_name="texte brut")),
                (
                    "vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
            ],
            options={
                "verbose_name": "index de recherche",
                "verbose_name_plural": "index de recherche",
            },
        ),
        migrations.RunPython(
            postgresql_only(CREATE_GIN_INDEX), migrations.RunPython.noop, elidable=False
        ),
        migrations.RunPython(index_existing_pages, migrations.RunPython.noop),
    ]
