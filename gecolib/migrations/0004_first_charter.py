"""The first version of the facilitators' charter (editable by staff)."""

from django.db import migrations

TEXT = """\
## Notre raison d'être

GECO Lib' accompagne les professionnels de santé libéraux qui veulent travailler
ensemble autour d'un projet de santé partagé. Le facilitateur aide l'équipe à
construire **son** projet : il ne le construit pas à sa place.

## Les engagements du facilitateur

1. **Humilité** : il n'existe pas de méthodologie standard ; chaque projet est
   co-construit avec le territoire et les professionnels qui le portent.
2. **Neutralité** : le facilitateur n'a pas d'intérêt dans les choix de
   l'équipe ; il ne défend ni une profession, ni une structure, ni un outil.
3. **Écoute et observation** : il part de l'expérience des professionnels,
   reformule, fait émerger les besoins sans les imposer.
4. **Confidentialité** : ce qui est dit en réunion reste dans l'équipe ; les
   notes privées du binôme ne sont jamais diffusées.
5. **Travail en binôme** : le facilitateur professionnel de santé et le chargé
   de mission se coordonnent, se partagent le compte rendu de chaque séance et
   tiennent à jour le journal de la facilitation.
6. **Aucune donnée de patient** : aucune information permettant d'identifier un
   patient n'est saisie dans le portail.

## En pratique

- Chaque séance est consignée dans le portail : date, durée, phase, aides
  apportées, synthèse partagée avec l'équipe et prochaines étapes.
- Les actions de suivi ont un responsable et une échéance.
- Le facilitateur signale à l'équipe GECO Lib' toute situation de conflit
  d'intérêts.
"""


def load(apps, schema_editor):
    Charter = apps.get_model("gecolib", "Charter")
    if not Charter.objects.exists():
        Charter.objects.create(version=1, title="Charte du facilitateur GECO Lib'", text=TEXT)


class Migration(migrations.Migration):
    dependencies = [("gecolib", "0003_load_territories")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
