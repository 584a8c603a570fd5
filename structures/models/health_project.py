"""The health project (projet de santé) of a structure and its versions.

Every save of a section writes a new numbered version (who, when, why); a
version submitted to the ARS is frozen and never changes afterwards. The status
follows the ARS path: brouillon → soumis à l'ARS → avis CARPEC → validé or à
reprendre (then brouillon again and a new submission).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gecolib import revisions
from gecolib.revisions import Revision, check_restorable, latest_revision, restore_comment
from gecolib.validators import validate_no_patient_identifier

from ..enums import HealthProjectSection, HealthProjectStatus, MembershipRole

Section = HealthProjectSection
Status = HealthProjectStatus

# The three parts of the ARS template and their sections, in order. The cover
# page is not numbered: it comes before part 1.
PARTS: list[tuple[str, str, list[HealthProjectSection]]] = [
    (
        "diagnostic",
        _("1. Diagnostic"),
        [Section.TERRITORY, Section.CARE_SUPPLY, Section.HEALTH_NEEDS],
    ),
    (
        "projet_professionnel",
        _("2. Projet professionnel"),
        [Section.TEAM, Section.ORGANISATION, Section.COORDINATION, Section.INFORMATION_SYSTEM],
    ),
    (
        "projet_de_soins",
        _("3. Projet de soins"),
        [
            Section.ACCESS,
            Section.RCP_PROTOCOLS,
            Section.PATHWAYS,
            Section.PREVENTION,
            Section.QUALITY,
        ],
    ),
]

# What the ARS expects in each section: shown beside the editor.
SECTION_GUIDANCE: dict[str, str] = {
    Section.COVER: _(
        "Les sites d'exercice (adresses, horaires d'ouverture) et la personne à contacter. "
        "Les données de la structure (forme juridique, SIRET, FINESS, EPCI) sont ajoutées "
        "automatiquement."
    ),
    Section.TERRITORY: _(
        "Le territoire couvert (communes, EPCI), sa population, ses caractéristiques "
        "démographiques et sociales, l'accessibilité géographique."
    ),
    Section.CARE_SUPPLY: _(
        "L'offre de soins existante autour de l'équipe : professionnels libéraux, "
        "établissements, services médico-sociaux. Le tableau des professionnels de "
        "l'équipe par profession est généré automatiquement."
    ),
    Section.HEALTH_NEEDS: _(
        "Les besoins de santé identifiés (indicateurs, constats des professionnels, "
        "populations vulnérables) et les priorités retenues."
    ),
    Section.TEAM: _(
        "La composition de l'équipe et ses engagements. Le tableau des membres par "
        "profession est généré automatiquement à partir des adhésions."
    ),
    Section.ORGANISATION: _(
        "Le fonctionnement de l'équipe : gouvernance, réunions, horaires, continuité des soins."
    ),
    Section.COORDINATION: _(
        "Qui assure la coordination, avec quel temps dédié et quelles missions "
        "(administration, coordination interprofessionnelle, relations avec les partenaires)."
    ),
    Section.INFORMATION_SYSTEM: _(
        "Le système d'information partagé (SIP labellisé ou non), la messagerie sécurisée "
        "de santé, les règles de partage de l'information."
    ),
    Section.ACCESS: _(
        "L'accès aux soins : amplitude horaire, soins non programmés, patients sans "
        "médecin traitant, personnes vulnérables."
    ),
    Section.RCP_PROTOCOLS: _(
        "Les réunions de concertation pluriprofessionnelles (fréquence, ordre du jour, "
        "compte rendu, suivi des décisions) et les protocoles pluriprofessionnels. "
        "Aucune donnée de patient identifiable."
    ),
    Section.PATHWAYS: _(
        "Les parcours de soins travaillés en équipe (personnes âgées, maladies chroniques, "
        "soins palliatifs à domicile…) et les liens avec les partenaires."
    ),
    Section.PREVENTION: _(
        "Les actions de prévention et de santé publique : dépistage, vaccination, "
        "éducation thérapeutique, actions collectives."
    ),
    Section.QUALITY: _(
        "La démarche qualité (indicateurs, matrice de maturité, enquêtes de satisfaction) "
        "et l'implication des usagers."
    ),
}

EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.TO_REWORK})
MAX_SECTION_LENGTH = 60_000


class HealthProject(models.Model):
    """One per structure. `sections` holds the current Markdown of each section
    (keys: HealthProjectSection values); every save also writes a version."""

    structure = models.OneToOneField(
        "structures.Structure", on_delete=models.CASCADE, related_name="health_project"
    )
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=HealthProjectStatus.choices,
        default=HealthProjectStatus.DRAFT,
    )
    sections = models.JSONField(_("sections"), default=dict, blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("projet de santé")
        verbose_name_plural = _("projets de santé")

    def __str__(self) -> str:
        return str(_("Projet de santé – %(structure)s") % {"structure": self.structure})

    # -- reading -----------------------------------------------------------------

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def latest_version(self) -> HealthProjectVersion | None:
        return latest_revision(self.versions.select_related("author"))

    def section_text(self, key: str) -> str:
        return self.sections.get(key, "")

    # -- who may do what -----------------------------------------------------------

    def may_submit(self, user) -> bool:
        """Coordinators of the structure and staff submit the project to the ARS."""
        if not user.is_authenticated:
            return False
        if user.is_staff:
            return True
        return (
            self.structure.memberships.current()
            .filter(user=user, role=MembershipRole.COORDINATOR)
            .exists()
        )

    @staticmethod
    def may_review(user) -> bool:
        """The ARS/CARPEC outcomes are recorded by the GECO Lib' team."""
        return user.is_authenticated and user.is_staff

    # -- content changes -----------------------------------------------------------

    def _check_editable(self) -> None:
        if not self.is_editable:
            raise ValidationError(
                _(
                    "Le projet de santé est « %(status)s » : il ne peut être modifié qu'à "
                    "l'état brouillon ou à reprendre."
                )
                % {"status": self.get_status_display()}
            )

    @transaction.atomic
    def save_revision(
        self,
        changes: dict[str, str],
        *,
        by,
        comment: str = "",
        restored_from: HealthProjectVersion | None = None,
        replace: bool = False,
    ) -> HealthProjectVersion:
        """Write `changes` (section key → Markdown) and record them as a new version.

        With `replace`, the sections become exactly `changes` (a restore)."""
        locked = HealthProject.objects.select_for_update().get(pk=self.pk)
        self.status = locked.status
        self._check_editable()
        unknown = set(changes) - set(Section.values)
        if unknown:
            raise ValidationError(
                _("Section inconnue : %(keys)s.") % {"keys": ", ".join(sorted(unknown))}
            )
        sections = {} if replace else dict(locked.sections)
        for key, text in changes.items():
            text = (text or "").replace("\r\n", "\n").strip()
            if len(text) > MAX_SECTION_LENGTH:
                raise ValidationError(
                    _("Une section ne peut dépasser %(max)s caractères.")
                    % {"max": MAX_SECTION_LENGTH}
                )
            # No patient identifier in a health project, whatever the way in
            # (form, restore, admin, shell).
            validate_no_patient_identifier(text)
            if text:
                sections[key] = text
            else:
                sections.pop(key, None)
        if self.status == Status.TO_REWORK:
            # Writing again after "à reprendre" reopens the draft.
            self.status = Status.DRAFT
        version = revisions.save_revision(
            self.versions,
            sections,
            by=by,
            comment=comment,
            restored_from=restored_from,
            status=self.status,
        )
        self.sections = sections
        self.save(update_fields=["sections", "status", "updated_at"])
        return version

    def save_section(self, key: str, text: str, *, by, comment: str = "") -> HealthProjectVersion:
        """Save one section (the section form): a new version."""
        return self.save_revision({key: text}, by=by, comment=comment)

    def restore(
        self, version: HealthProjectVersion, *, by, comment: str = ""
    ) -> HealthProjectVersion:
        """Copy an old version's sections into a NEW version; history is kept."""
        if version.project_id != self.pk:
            raise ValidationError(_("Cette version n'appartient pas à ce projet de santé."))
        self._check_editable()
        check_restorable(self.versions, version)
        return self.save_revision(
            dict(version.content),
            by=by,
            comment=restore_comment(version, comment),
            restored_from=version,
            replace=True,
        )

    # -- status workflow -------------------------------------------------------------

    def _transition(self, allowed_from: set[str], target: str, error: str) -> None:
        locked = HealthProject.objects.select_for_update().get(pk=self.pk)
        self.status = locked.status
        if self.status not in allowed_from:
            raise ValidationError(error % {"status": self.get_status_display()})
        self.status = target
        self.save(update_fields=["status", "updated_at"])

    @transaction.atomic
    def submit(self, *, by) -> HealthProjectVersion:
        """Submit to the ARS: the latest version is frozen for good."""
        if not self.may_submit(by):
            raise PermissionDenied(
                gettext("Seuls les coordinateurs de la structure peuvent soumettre le projet.")
            )
        version = self.latest_version()
        if version is None or not version.content:
            raise ValidationError(_("Rédigez au moins une section avant de soumettre le projet."))
        self._transition(
            {Status.DRAFT},
            Status.SUBMITTED,
            _("Le projet est « %(status)s » : seul un brouillon peut être soumis à l'ARS."),
        )
        HealthProjectVersion.objects.filter(pk=version.pk).update(
            frozen=True, status=Status.SUBMITTED
        )
        version.frozen, version.status = True, Status.SUBMITTED
        return version

    @transaction.atomic
    def record_carpec_opinion(self, *, by) -> None:
        """The project went before the CARPEC, which gave its opinion."""
        if not self.may_review(by):
            raise PermissionDenied(gettext("Seule l'équipe GECO Lib' enregistre l'avis CARPEC."))
        self._transition(
            {Status.SUBMITTED},
            Status.CARPEC,
            _("Le projet est « %(status)s » : l'avis CARPEC suit une soumission à l'ARS."),
        )

    @transaction.atomic
    def validate(self, *, by) -> None:
        if not self.may_review(by):
            raise PermissionDenied(gettext("Seule l'équipe GECO Lib' enregistre la validation."))
        self._transition(
            {Status.CARPEC},
            Status.VALIDATED,
            _("Le projet est « %(status)s » : il ne peut être validé qu'après l'avis CARPEC."),
        )

    @transaction.atomic
    def request_rework(self, *, by) -> None:
        """The ARS or the CARPEC asks the team to rework the project."""
        if not self.may_review(by):
            raise PermissionDenied(gettext("Seule l'équipe GECO Lib' enregistre cette décision."))
        self._transition(
            {Status.SUBMITTED, Status.CARPEC},
            Status.TO_REWORK,
            _(
                "Le projet est « %(status)s » : seul un projet soumis ou examiné en CARPEC "
                "peut être renvoyé à reprendre."
            ),
        )

    @transaction.atomic
    def reopen(self, *, by) -> None:
        """Back to the draft after "à reprendre" (saving a section does it too)."""
        if not by.is_authenticated:
            raise PermissionDenied
        self._transition(
            {Status.TO_REWORK},
            Status.DRAFT,
            _("Le projet est « %(status)s » : seul un projet à reprendre repasse en brouillon."),
        )


class HealthProjectVersionQuerySet(models.QuerySet):
    def with_list_related_data(self):
        return self.select_related("author__profession", "restored_from")


class HealthProjectVersion(Revision):
    """A numbered state of the health project; `content` maps section keys to
    Markdown. The version submitted to the ARS is frozen."""

    project = models.ForeignKey(HealthProject, on_delete=models.CASCADE, related_name="versions")
    status = models.CharField(
        _("statut au moment de l'enregistrement"),
        max_length=20,
        choices=HealthProjectStatus.choices,
        default=HealthProjectStatus.DRAFT,
    )

    frozen_message = _("Cette version a été soumise à l'ARS : elle est figée.")

    objects = HealthProjectVersionQuerySet.as_manager()

    class Meta:
        ordering = ["project", "-number"]
        verbose_name = _("version du projet de santé")
        verbose_name_plural = _("versions du projet de santé")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"],
                name="health_project_version_unique_number",
                violation_error_message=_("Ce numéro de version existe déjà."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} – v{self.number}"

    @property
    def sections(self) -> dict[str, str]:
        """The sections' Markdown (read-only name kept for the PDF and the section form)."""
        return self.content

    def section_text(self, key: str) -> str:
        return self.content.get(key, "")


# -- what the versions show and compare ---------------------------------------------


def section_fields() -> list[tuple[str, str]]:
    """The (key, label) of every section, in the order of the ARS template:
    what the versions show and compare."""
    return [(section.value, section.label) for section in Section]
