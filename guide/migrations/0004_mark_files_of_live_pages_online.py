"""Files attached before 0003 were served at once. A file of a page online
stays online (`live_since`) when it was there at the page's last publication
or the text online uses it; one added since, for a draft, waits for the next
publication, as do the files of pages never published. Scheduled
publications outside 2000–2100 (the date rule of gecolib.team_data) are
cancelled: such a date broke the pages that show it."""

from django.db import migrations
from django.db.models import Q

FIRST_YEAR, LAST_YEAR = 2000, 2100


def mark_online(apps, schema_editor):
    Attachment = apps.get_model("guide", "Attachment")
    Page = apps.get_model("guide", "Page")
    files = Attachment.objects.filter(
        page__is_live=True, detached_at__isnull=True, live_since__isnull=True
    ).select_related("page")
    for item in files.iterator():
        page = item.page
        published = page.published_at is None or item.created_at <= page.published_at
        used = f"fichier:{item.pk})" in page.body or f"/fichiers/{item.pk}/" in page.body
        if published or used:
            Attachment.objects.filter(pk=item.pk).update(live_since=item.created_at)
    Page.objects.filter(
        Q(scheduled_at__year__lt=FIRST_YEAR) | Q(scheduled_at__year__gt=LAST_YEAR)
    ).update(scheduled_at=None, scheduled_revision=None)


class Migration(migrations.Migration):
    dependencies = [("guide", "0003_files_online_with_their_version_moves_in_review")]

    operations = [migrations.RunPython(mark_online, migrations.RunPython.noop)]
