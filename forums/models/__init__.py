"""Forums' models, one module per concept; every model and public name is importable
from `forums.models`. The forums themselves and their organisations are the programme
app's (programme.models)."""

from .agendas import AGENDA_ITEM_MOVES, AgendaItem, AgendaItemEvent
from .claims import (
    CLAIM_MOVES,
    ExpenseClaim,
    ExpenseClaimEvent,
    ExpenseClaimQuerySet,
    claim_not_yet_exported,
    claim_to_decide,
    receipt_path,
)
from .meetings import (
    COMING_WEEKS,
    Attendance,
    Invitation,
    Meeting,
    MeetingQuerySet,
    coming,
    recording_waiting,
    support_waiting,
    with_access_needs,
    with_unanswered_invitations,
)
from .member_links import MemberLink
from .memberships import (
    MEMBERS_AT_LEAST,
    MEMBERS_AT_MOST,
    TENURE_ENDING_DAYS,
    Membership,
    MembershipQuerySet,
    current,
    current_members,
    over_capacity,
    tenure_ending,
)
from .notes import NOTE_MOVES, MeetingNote, MeetingNoteEvent, RecordingConsent, recording_path
from .status_events import StatusEvent
from .support import (
    SUPPORT_REQUEST_MOVES,
    SupportRequest,
    SupportRequestEvent,
    SupportRequestQuerySet,
)

__all__ = [
    "AGENDA_ITEM_MOVES",
    "CLAIM_MOVES",
    "COMING_WEEKS",
    "MEMBERS_AT_LEAST",
    "MEMBERS_AT_MOST",
    "NOTE_MOVES",
    "TENURE_ENDING_DAYS",
    "AgendaItem",
    "AgendaItemEvent",
    "Attendance",
    "ExpenseClaim",
    "ExpenseClaimEvent",
    "ExpenseClaimQuerySet",
    "Invitation",
    "Meeting",
    "MeetingNote",
    "MeetingNoteEvent",
    "MeetingQuerySet",
    "MemberLink",
    "Membership",
    "MembershipQuerySet",
    "RecordingConsent",
    "SUPPORT_REQUEST_MOVES",
    "StatusEvent",
    "SupportRequest",
    "SupportRequestEvent",
    "SupportRequestQuerySet",
    "claim_not_yet_exported",
    "claim_to_decide",
    "coming",
    "current",
    "current_members",
    "over_capacity",
    "receipt_path",
    "recording_path",
    "recording_waiting",
    "support_waiting",
    "tenure_ending",
    "with_access_needs",
    "with_unanswered_invitations",
]
