"""Factories shared by every app's tests (users, structures, facilitations)."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from facilitations.models import Assignment, Facilitation
from gecolib.models import EPCI, Charter, CharterAcceptance, Profession, User
from structures.enums import MembershipRole, Stage, StructureKind
from structures.models import Membership, Structure

PASSWORD = "motdepasse-de-test-42"


def profession(code: str) -> Profession:
    return Profession.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"pro{n}@exemple.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    profession = factory.LazyFunction(lambda: profession("60"))

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save()
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )

    class Params:
        gp = factory.Trait(
            profession=factory.LazyFunction(lambda: profession("10")), specialty="generaliste"
        )
        staff = factory.Trait(is_staff=True, profession=None)
        facilitator = factory.Trait(facilitator_kind="pro_sante")
        project_officer = factory.Trait(facilitator_kind="charge_mission", profession=None)


def accept_charter(user: User) -> None:
    charter = Charter.current()
    if charter is not None:
        CharterAcceptance.objects.get_or_create(user=user, charter=charter)


def activate_totp(user: User) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


class StructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Structure
        skip_postgeneration_save = True

    kind = StructureKind.ESP
    name = factory.Sequence(lambda n: f"ESP du Pays de test {n}")
    stage = Stage.ESP_WRITING

    @factory.post_generation
    def epcis(obj, create, extracted, **kwargs):
        if create:
            obj.epcis.set(extracted or [EPCI.objects.get(siren="200069391")])

    class Params:
        recognised = factory.Trait(stage=Stage.ESP_RECOGNISED)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    structure = factory.SubFactory(StructureFactory)
    role = MembershipRole.MEMBER

    class Params:
        coordinator = factory.Trait(role=MembershipRole.COORDINATOR)


class FacilitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facilitation

    structure = factory.SubFactory(StructureFactory)
    opened_at = factory.LazyFunction(timezone.now)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    facilitation = factory.SubFactory(FacilitationFactory)
    user = factory.SubFactory(UserFactory, facilitator=True)
    kind = factory.LazyAttribute(lambda o: o.user.facilitator_kind)


def tokened(data: dict | None = None, *, prefix: str = "") -> dict:
    """Form data as a page's form sends it: with a fresh one-time token
    (gecolib.idempotency), for the forms that create or send; every name
    prefixed with `prefix-` for a form that has a prefix."""
    from gecolib.idempotency import TOKEN_FIELD, new_token

    data = {**(data or {}), TOKEN_FIELD: new_token()}
    return {f"{prefix}-{name}" if prefix else name: value for name, value in data.items()}
