"""Dates out of 2000–2100 left by older versions (a review on 9999-12-31
broke the calendar feed of a whole team): a validation date out of range is
cleared; a review date out of range becomes a year after the validation, or
is cleared when there is none. The rule itself now lives in
gecolib.team_data (TeamDataChecks)."""

import datetime

from django.db import migrations
from django.db.models import Q

FIRST = datetime.date(2000, 1, 1)
LAST = datetime.date(2100, 12, 31)


def out_of_range(field: str) -> Q:
    return Q(**{f"{field}__lt": FIRST}) | Q(**{f"{field}__gt": LAST})


def one_year_after(date: datetime.date) -> datetime.date:
    try:
        return date.replace(year=date.year + 1)
    except ValueError:
        return date.replace(year=date.year + 1, day=28)


def repair(apps, schema_editor):
    Protocol = apps.get_model("protocols", "Protocol")
    Protocol.objects.filter(out_of_range("validated_on")).update(validated_on=None)
    for protocol in Protocol.objects.filter(out_of_range("review_date")).only("pk", "validated_on"):
        review = one_year_after(protocol.validated_on) if protocol.validated_on else None
        if review is not None and review > LAST:
            review = None
        Protocol.objects.filter(pk=protocol.pk).update(review_date=review)


class Migration(migrations.Migration):
    dependencies = [("protocols", "0005_team_data_checks_and_library_values")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
