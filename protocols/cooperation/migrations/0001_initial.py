"""The national cooperation protocols become an app of their own (label
"cooperation"). Their tables stay where they are, under their names of the
"protocols" app: this migration only adds the models to the new app's state
(protocols.0004 takes them out of the old one) and moves their content types,
so that the admin's history and the permissions follow."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import gecolib.validators
from django.conf import settings
from django.db import migrations, models

MODELS = [
    "cooperationdeclaration",
    "declarationevent",
    "monthlyactivity",
    "nationalprotocol",
    "nationalprotocolrevision",
    "participant",
]


def _move_content_types(apps, old_label: str, new_label: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(
        ContentType.objects.filter(app_label=new_label, model__in=MODELS).values_list(
            "model", flat=True
        )
    )
    ContentType.objects.filter(app_label=old_label, model__in=MODELS).exclude(
        model__in=taken
    ).update(app_label=new_label)


def to_cooperation(apps, schema_editor):
    _move_content_types(apps, "protocols", "cooperation")


def back_to_protocols(apps, schema_editor):
    _move_content_types(apps, "cooperation", "protocols")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("protocols", "0003_load_national_protocols"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CooperationDeclaration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('preparation', 'En préparation'), ('declare', 'Déclaré'), ('actif', 'Actif'), ('suspendu', 'Suspendu'), ('arrete', 'Arrêté')], default='preparation', max_length=20, verbose_name='statut')),
                        ('declared_on', models.DateField(blank=True, null=True, verbose_name="date de déclaration à l'ARS")),
                        ('ds_number', models.CharField(blank=True, max_length=12, validators=[django.core.validators.RegexValidator('^\\d{4,12}$', 'Le numéro de dossier démarches-simplifiées ne contient que des chiffres (de 4 à 12, par exemple 12345678).')], verbose_name='numéro de dossier démarches-simplifiées')),
                        ('new_declaration_needed', models.BooleanField(default=False, verbose_name='nouvelle déclaration à faire')),
                        ('team_changed_on', models.DateField(blank=True, null=True, verbose_name='équipe modifiée le')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='créée le')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('structure', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cooperation_declarations', to='structures.structure', verbose_name='structure')),
                    ],
                    options={
                        'verbose_name': "déclaration d'un protocole de coopération",
                        'verbose_name_plural': 'déclarations de protocoles de coopération',
                        'db_table': 'protocols_cooperationdeclaration',
                        'ordering': ['structure', 'protocol'],
                    },
                ),
                migrations.CreateModel(
                    name='DeclarationEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('statut', 'Changement de statut'), ('equipe', "Changement d'équipe"), ('redeclaration', "Nouvelle déclaration à l'ARS")], max_length=20, verbose_name='type')),
                        ('status', models.CharField(blank=True, choices=[('preparation', 'En préparation'), ('declare', 'Déclaré'), ('actif', 'Actif'), ('suspendu', 'Suspendu'), ('arrete', 'Arrêté')], max_length=20, verbose_name='statut')),
                        ('date', models.DateField(default=django.utils.timezone.localdate, verbose_name='date')),
                        ('comment', models.CharField(blank=True, max_length=255, validators=[gecolib.validators.validate_no_patient_identifier], verbose_name='commentaire')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('declaration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='cooperation.cooperationdeclaration')),
                    ],
                    options={
                        'verbose_name': "événement d'une déclaration",
                        'verbose_name_plural': 'événements des déclarations',
                        'db_table': 'protocols_declarationevent',
                        'ordering': ['-date', '-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='NationalProtocol',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(max_length=40, unique=True, verbose_name='code')),
                        ('name', models.CharField(max_length=255, verbose_name='intitulé')),
                        ('short_name', models.CharField(max_length=60, verbose_name='nom usuel')),
                        ('delegant_specialty', models.CharField(blank=True, choices=[('generaliste', 'Médecine générale'), ('pediatrie', 'Pédiatrie'), ('psychiatrie', 'Psychiatrie'), ('geriatrie', 'Gériatrie'), ('gynecologie', 'Gynécologie médicale'), ('cardiologie', 'Cardiologie'), ('autre', 'Autre spécialité')], help_text='Pour un médecin : la spécialité exigée (médecine générale).', max_length=20, verbose_name='spécialité du délégant')),
                        ('min_age_months', models.PositiveSmallIntegerField(verbose_name='âge minimal (en mois)')),
                        ('max_age_months', models.PositiveSmallIntegerField(verbose_name='âge maximal (en mois)')),
                        ('sex', models.CharField(blank=True, choices=[('', 'Femmes et hommes'), ('F', 'Femmes'), ('M', 'Hommes')], max_length=1, verbose_name='patients concernés')),
                        ('training_hours', models.PositiveSmallIntegerField(verbose_name='formation exigée du délégué (heures)')),
                        ('inclusion_amount', models.DecimalField(decimal_places=2, max_digits=7, verbose_name='forfait par patient inclus (€)')),
                        ('inclusion_includes_revoyure', models.BooleanField(default=True, verbose_name="revoyure comprise dans le forfait d'inclusion")),
                        ('reevaluation_amount', models.DecimalField(blank=True, decimal_places=2, help_text='Vide : le protocole ne prévoit pas de réévaluation financée.', max_digits=7, null=True, verbose_name='forfait par réévaluation (€)')),
                        ('reevaluation_includes_revoyure', models.BooleanField(default=False, verbose_name='revoyure comprise dans le forfait de réévaluation')),
                        ('reevaluation_timing', models.CharField(blank=True, max_length=120, verbose_name='moment de la réévaluation')),
                        ('msp_since', models.DateField(blank=True, help_text='Vide : les MSP ne sont pas éligibles au financement.', null=True, verbose_name='MSP éligibles depuis le')),
                        ('health_centre_since', models.DateField(blank=True, null=True, verbose_name='centres de santé éligibles depuis le')),
                        ('cpts_since', models.DateField(blank=True, null=True, verbose_name='CPTS éligibles depuis le')),
                        ('reference_text', models.CharField(max_length=255, verbose_name='texte de référence')),
                        ('reference_date', models.DateField(verbose_name='date du texte de référence')),
                        ('withdrawn_on', models.DateField(blank=True, null=True, verbose_name='abrogé le')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='modifié le')),
                        ('delegant_profession', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='gecolib.profession', verbose_name='profession du délégant')),
                        ('delegate_professions', models.ManyToManyField(db_table='protocols_nationalprotocol_delegate_professions', related_name='+', to='gecolib.profession', verbose_name='professions des délégués')),
                    ],
                    options={
                        'verbose_name': 'protocole national de coopération',
                        'verbose_name_plural': 'protocoles nationaux de coopération',
                        'db_table': 'protocols_nationalprotocol',
                        'ordering': ['short_name'],
                    },
                ),
                migrations.AddField(
                    model_name='cooperationdeclaration',
                    name='protocol',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='declarations', to='cooperation.nationalprotocol', verbose_name='protocole'),
                ),
                migrations.CreateModel(
                    name='NationalProtocolRevision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveIntegerField(verbose_name='numéro')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='enregistrée le')),
                        ('comment', models.CharField(blank=True, max_length=255, verbose_name='commentaire')),
                        ('content', models.JSONField(default=dict, verbose_name='contenu')),
                        ('frozen', models.BooleanField(default=False, help_text='Une version figée ne change plus.', verbose_name='figée')),
                        ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='auteur')),
                        ('protocol', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='cooperation.nationalprotocol')),
                        ('restored_from', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='cooperation.nationalprotocolrevision', verbose_name='restaurée depuis')),
                    ],
                    options={
                        'verbose_name': "version d'un protocole national",
                        'verbose_name_plural': 'versions des protocoles nationaux',
                        'db_table': 'protocols_nationalprotocolrevision',
                        'ordering': ['protocol', '-number'],
                    },
                ),
                migrations.CreateModel(
                    name='Participant',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('delegant', 'Délégant'), ('delegue', 'Délégué')], max_length=10, verbose_name='rôle')),
                        ('training_date', models.DateField(blank=True, null=True, verbose_name='date de la formation')),
                        ('training_hours', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='durée de la formation (heures)')),
                        ('added_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='ajouté le')),
                        ('removed_on', models.DateField(blank=True, null=True, verbose_name='retiré le')),
                        ('declaration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='participants', to='cooperation.cooperationdeclaration')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'délégant ou délégué',
                        'verbose_name_plural': 'délégants et délégués',
                        'db_table': 'protocols_participant',
                        'ordering': ['role', 'user__last_name'],
                    },
                ),
                migrations.CreateModel(
                    name='MonthlyActivity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('month', models.DateField(help_text='Le premier jour du mois.', verbose_name='mois')),
                        ('inclusions', models.PositiveIntegerField(default=0, verbose_name='patients inclus')),
                        ('reevaluations', models.PositiveIntegerField(default=0, verbose_name='réévaluations')),
                        ('revoyures', models.PositiveIntegerField(default=0, verbose_name='revoyures par le délégant')),
                        ('exclusions', models.PositiveIntegerField(default=0, verbose_name='patients exclus')),
                        ('updated_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='saisi le')),
                        ('declaration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='activities', to='cooperation.cooperationdeclaration')),
                        ('entered_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'activité mensuelle',
                        'verbose_name_plural': 'activités mensuelles',
                        'db_table': 'protocols_monthlyactivity',
                        'ordering': ['declaration', 'month'],
                        'constraints': [models.UniqueConstraint(fields=('declaration', 'month'), name='cooperation_activity_one_per_month', violation_error_message='Ce mois est déjà saisi pour ce protocole.'), models.CheckConstraint(condition=models.Q(('reevaluations__lte', models.F('inclusions'))), name='cooperation_activity_reevaluations_le_inclusions', violation_error_message='Les réévaluations ne peuvent pas dépasser les patients inclus du mois.'), models.CheckConstraint(condition=models.Q(('inclusions__gte', 0), ('reevaluations__gte', 0), ('revoyures__gte', 0), ('exclusions__gte', 0)), name='cooperation_activity_counts_not_negative', violation_error_message='Un nombre ne peut pas être négatif.')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='nationalprotocol',
                    constraint=models.CheckConstraint(condition=models.Q(('max_age_months__gte', models.F('min_age_months'))), name='national_protocol_age_bounds', violation_error_message="L'âge maximal ne peut pas être inférieur à l'âge minimal."),
                ),
                migrations.AddConstraint(
                    model_name='nationalprotocol',
                    constraint=models.CheckConstraint(condition=models.Q(('inclusion_amount__gte', 0), models.Q(('reevaluation_amount__isnull', True), ('reevaluation_amount__gte', 0), _connector='OR')), name='national_protocol_amounts_positive', violation_error_message='Un forfait ne peut pas être négatif.'),
                ),
                migrations.AddConstraint(
                    model_name='cooperationdeclaration',
                    constraint=models.UniqueConstraint(condition=models.Q(('status', 'arrete'), _negated=True), fields=('structure', 'protocol'), name='cooperation_one_open_declaration', violation_error_message='La structure a déjà une déclaration en cours pour ce protocole.'),
                ),
                migrations.AddConstraint(
                    model_name='cooperationdeclaration',
                    constraint=models.CheckConstraint(condition=models.Q(('status', 'preparation'), models.Q(('declared_on__isnull', False), models.Q(('ds_number', ''), _negated=True)), _connector='OR'), name='cooperation_declared_has_date_and_number', violation_error_message="Une déclaration faite à l'ARS a une date et un numéro de dossier."),
                ),
                migrations.AddConstraint(
                    model_name='nationalprotocolrevision',
                    constraint=models.UniqueConstraint(fields=('protocol', 'number'), name='national_protocol_revision_unique_number', violation_error_message='Cette version existe déjà.'),
                ),
                migrations.AddConstraint(
                    model_name='participant',
                    constraint=models.UniqueConstraint(condition=models.Q(('removed_on__isnull', True)), fields=('declaration', 'user'), name='cooperation_participant_once', violation_error_message="Cette personne fait déjà partie de l'équipe."),
                ),
            ],
        ),
        migrations.RunPython(to_cooperation, back_to_protocols),
    ]
