"""The national cooperation protocols moved to their own app (label
"cooperation", whose 0001 takes them over): they leave this app's state. Their
tables are neither dropped nor renamed."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("protocols", "0003_load_national_protocols"),
        ("cooperation", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="MonthlyActivity"),
                migrations.DeleteModel(name="Participant"),
                migrations.DeleteModel(name="DeclarationEvent"),
                migrations.DeleteModel(name="CooperationDeclaration"),
                migrations.DeleteModel(name="NationalProtocolRevision"),
                migrations.DeleteModel(name="NationalProtocol"),
            ],
        ),
    ]
