"""Dates outside 2000–2100 brought back to the nearest bound, nothing deleted.

Before the date-range rule (gecolib.team_data), a meeting could be moved to
31 December 9999 at 23:30 — its page, its .ics and its invitees' calendar
feeds failed — or to 1 January 0001, which PostgreSQL stores as a BC date
that then broke the structure's RCP list and decisions page for everyone; a
decision could be due on 31 December 9999.

Such a date is a typing slip, not a plan, and what hangs on the row (agenda,
answers, attendance, minutes, decisions) is real work. So the row is kept as
it is — not cancelled, nothing deleted — and only its date is brought back to
the nearest bound of the range, at noon (Paris): 1 January 2000 or
31 December 2100. The meeting then shows at that obviously wrong date at the
bottom or the top of its structure's list, where its organiser can move it
to the right date or cancel it (the invitation's SEQUENCE grows, so calendars
that had the event replace it). Other dates and times (due dates, closing,
answer and validation times) are brought back the same way.

The rows are changed with UPDATEs filtered in SQL: an out-of-range value is
never read into Python (a BC timestamp cannot be)."""

import datetime
import zoneinfo

from django.db import migrations, models
from django.db.models import F

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
FIRST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
AFTER_LAST = datetime.datetime(2101, 1, 1, tzinfo=datetime.UTC)
LOW = datetime.datetime(2000, 1, 1, 12, tzinfo=PARIS)
HIGH = datetime.datetime(2100, 12, 31, 12, tzinfo=PARIS)

MODELS = ["MeetingSeries", "Meeting", "Invitee", "AgendaItem", "Decision", "MinutesRevision"]


def repair(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("rcp", name)
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateTimeField):
                low, high, first, after_last = LOW, HIGH, FIRST, AFTER_LAST
            elif isinstance(field, models.DateField):
                low, high = LOW.date(), HIGH.date()
                first, after_last = FIRST.date(), AFTER_LAST.date()
            else:
                continue
            for lookup, bound, value in (("lt", first, low), ("gte", after_last, high)):
                changes = {field.name: value}
                if name == "Meeting" and field.name == "starts_at":
                    changes["sequence"] = F("sequence") + 1
                model.objects.filter(**{f"{field.name}__{lookup}": bound}).update(**changes)


class Migration(migrations.Migration):
    dependencies = [("rcp", "0002_version_checks_and_team_data_checks")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
