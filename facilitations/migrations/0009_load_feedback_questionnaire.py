"""The questionnaire sent when a facilitation closes, with its first version."""

from django.db import migrations

TEXTS = {
    "comment_question": "Un commentaire, une suggestion ?",
    "helps_question": "Quelles aides vous ont été les plus utiles ?",
    "intro": "Votre facilitation GECO Lib' est terminée. Quelques questions, deux minutes : vos "
    "réponses sont anonymes et aident le réseau à améliorer ses accompagnements. Les "
    "facilitateurs n'en voient que la synthèse, à partir de trois réponses.",
    "listening_question": "Les facilitateurs ont-ils été à l'écoute de l'équipe ?",
    "neutrality_question": "Les facilitateurs sont-ils restés neutres, sans prendre parti ni "
    "imposer leurs idées ?",
    "recommend_question": "Recommanderiez-vous GECO Lib' à un ou une collègue ? (0 : pas du "
    "tout, 10 : certainement)",
    "satisfaction_question": "Dans l'ensemble, êtes-vous satisfait de l'accompagnement ?",
}


def load_questionnaire(apps, schema_editor):
    questionnaire_model = apps.get_model("facilitations", "FeedbackQuestionnaire")
    revision_model = apps.get_model("facilitations", "FeedbackQuestionnaireRevision")
    if questionnaire_model.objects.exists():
        return
    questionnaire = questionnaire_model.objects.create(**TEXTS)
    revision_model.objects.create(
        questionnaire=questionnaire, number=1, content=dict(TEXTS), comment="Première version"
    )


class Migration(migrations.Migration):
    dependencies = [("facilitations", "0008_facilitation_feedback")]

    operations = [migrations.RunPython(load_questionnaire, migrations.RunPython.noop)]
