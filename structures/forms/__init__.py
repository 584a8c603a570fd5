"""Forms of the structures pages, by concept. State changes go through model
methods; the forms only validate input (in French) before the view calls them."""

from .aci import AciRuleCreationForm, AciRuleForm
from .filters import StructureFilter, stage_choices
from .health_project import SectionForm
from .lifecycle import CarpecOutcomeForm, CarpecScheduleForm, CarpecSessionForm, StageChangeForm
from .members import InvitationForm, MembershipEndForm, MembershipRoleForm
from .structure import CptsMissionForm, StructureForm

__all__ = [
    "AciRuleCreationForm",
    "AciRuleForm",
    "CarpecOutcomeForm",
    "CarpecScheduleForm",
    "CarpecSessionForm",
    "CptsMissionForm",
    "InvitationForm",
    "MembershipEndForm",
    "MembershipRoleForm",
    "SectionForm",
    "StageChangeForm",
    "StructureFilter",
    "StructureForm",
    "stage_choices",
]
