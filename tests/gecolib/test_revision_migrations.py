"""The move to shared revisions keeps every charter and health-project version:
numbers, authors, dates, comments, texts and restorations."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps as global_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("gecolib", "0004_first_charter"), ("structures", "0002_load_carpec_calendar")]
AFTER = [
    ("gecolib", "0005_charter_revisions"),
    ("structures", "0003_health_project_version_revision"),
]

WHEN = datetime.datetime(2025, 3, 1, 9, 30, tzinfo=datetime.UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    # Earlier transactional tests flush every table, the professions loaded by
    # a migration too; later migrations read them (the national cooperation
    # protocols' délégants), so they are loaded again first.
    if not global_apps.get_model("gecolib", "Profession").objects.exists():
        import_module("gecolib.migrations.0002_load_professions").load(global_apps, None)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_charters_and_health_project_versions_survive():
    try:
        apps = migrate(BEFORE)
        User = apps.get_model("gecolib", "User")
        Charter = apps.get_model("gecolib", "Charter")
        CharterAcceptance = apps.get_model("gecolib", "CharterAcceptance")
        HealthProject = apps.get_model("structures", "HealthProject")
        Version = apps.get_model("structures", "HealthProjectVersion")
        Structure = apps.get_model("structures", "Structure")

        author = User.objects.create(email="auteur@exemple.fr")
        reader = User.objects.create(email="lecteur@exemple.fr")
        Charter.objects.all().delete()
        Charter.objects.create(
            version=1, title="Charte", text="Premier texte.\n", published_at=WHEN
        )
        second = Charter.objects.create(
            version=2,
            title="Charte révisée",
            text="Second texte.",
            published_at=WHEN + datetime.timedelta(days=3),
            published_by=author,
        )
        CharterAcceptance.objects.create(user=reader, charter=second)

        structure = Structure.objects.create(name="ESP des Abers")
        project = HealthProject.objects.create(structure=structure, sections={"territoire": "B"})
        v1 = Version.objects.create(
            project=project,
            number=1,
            sections={"territoire": "A"},
            author=author,
            created_at=WHEN,
            comment="Début",
        )
        Version.objects.create(
            project=project,
            number=2,
            sections={"territoire": "B"},
            author=reader,
            created_at=WHEN + datetime.timedelta(hours=1),
            frozen=True,
        )
        Version.objects.create(
            project=project,
            number=3,
            sections={"territoire": "A"},
            author=None,
            created_at=WHEN + datetime.timedelta(hours=2),
            comment="Restauration de la version 1",
            restored_from=v1,
        )

        apps = migrate(AFTER)
        Charter = apps.get_model("gecolib", "Charter")
        CharterAcceptance = apps.get_model("gecolib", "CharterAcceptance")
        Version = apps.get_model("structures", "HealthProjectVersion")

        charters = list(Charter.objects.order_by("number"))
        assert [c.number for c in charters] == [1, 2]
        assert charters[0].content == {"title": "Charte", "text": "Premier texte.\n"}
        assert charters[1].content == {"title": "Charte révisée", "text": "Second texte."}
        assert charters[0].author_id is None and charters[1].author_id == author.pk
        assert [c.created_at for c in charters] == [WHEN, WHEN + datetime.timedelta(days=3)]
        assert [c.comment for c in charters] == ["", ""]
        assert not any(c.frozen or c.restored_from_id for c in charters)
        assert CharterAcceptance.objects.get(user_id=reader.pk).charter_id == charters[1].pk

        versions = list(Version.objects.filter(project_id=project.pk).order_by("number"))
        assert [v.number for v in versions] == [1, 2, 3]
        assert [v.content for v in versions] == [
            {"territoire": "A"},
            {"territoire": "B"},
            {"territoire": "A"},
        ]
        assert [v.author_id for v in versions] == [author.pk, reader.pk, None]
        assert [v.comment for v in versions] == ["Début", "", "Restauration de la version 1"]
        assert [v.frozen for v in versions] == [False, True, False]
        assert versions[2].restored_from_id == versions[0].pk
        assert versions[1].created_at == WHEN + datetime.timedelta(hours=1)

        # And back again: the charter's title and text come out of `content`.
        apps = migrate(BEFORE)
        Charter = apps.get_model("gecolib", "Charter")
        back = Charter.objects.get(version=2)
        assert (back.title, back.text, back.published_by_id) == (
            "Charte révisée",
            "Second texte.",
            author.pk,
        )
        assert apps.get_model("structures", "HealthProjectVersion").objects.get(
            number=3
        ).sections == {"territoire": "A"}
    finally:
        migrate_to_latest()
    assert not MigrationExecutor(connection).migration_plan(
        MigrationExecutor(connection).loader.graph.leaf_nodes()
    )
