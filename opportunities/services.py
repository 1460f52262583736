"""Opportunities from draft to published to closed, members' interest, and the one way a
member's details reach the Met: their current consent to sharing, an encrypted
spreadsheet, audited."""

from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook

from applications.models import ConsentDocument, latest_consent
from applications.services import consent_record, current_documents
from forums.models import Membership
from vvf import outbox
from vvf.xlsx import safe_text, streaming_sheet, workbook_bytes

from . import tasks
from .models import OPPORTUNITY_MOVES, Interest, Opportunity, OpportunityEvent
from .permissions import opportunities_for_member

MET_SHARING = ConsentDocument.Kind.MPS_SHARING


class OpportunityError(Exception):
    pass


def closing_date_check(day):
    """An opportunity is published with a closing date of today or later."""
    if day < timezone.localdate():
        raise OpportunityError("Set a closing date of today or later before publishing.")


@transaction.atomic
def opportunity_create(*, forums, by, **fields):
    """A draft, open to the members of `forums` once published."""
    opportunity = Opportunity.objects.create(created_by=by, **fields)
    opportunity.forums.set(forums)
    return opportunity


@transaction.atomic
def opportunity_transition(*, opportunity, to_status, by=None, reason=""):
    """Every status move of an opportunity: locks it, refuses a move OPPORTUNITY_MOVES
    does not allow, saves and records the move. Publishing emails the members it is open
    to, after the commit."""
    locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    from_status = locked.status
    if to_status not in OPPORTUNITY_MOVES[from_status]:
        raise OpportunityError(f"This opportunity is {locked.get_status_display().lower()}.")
    fields = ["status"]
    if to_status == Opportunity.Status.PUBLISHED:
        closing_date_check(locked.closes_on)
        if not locked.forums.exists():
            raise OpportunityError("Choose at least one forum whose members it is open to.")
        locked.published_at = timezone.now()
        fields.append("published_at")
    locked.status = to_status
    locked.save(update_fields=fields)
    OpportunityEvent.objects.create(
        opportunity=locked, from_status=from_status, to_status=to_status, by=by, reason=reason
    )
    if to_status == Opportunity.Status.PUBLISHED:
        outbox.enqueue(tasks.send_opportunity_published, locked.pk)
    return locked


# Members' interest -----------------------------------------------------------------------


@transaction.atomic
def interest_register(*, opportunity, membership, needs=""):
    """The member is interested (saying it again updates what they need)."""
    if not opportunities_for_member(membership).filter(pk=opportunity.pk).exists():
        raise OpportunityError("This opportunity has closed.")
    interest, _created = Interest.objects.update_or_create(
        opportunity=opportunity, membership=membership, defaults={"needs": needs.strip()}
    )
    return interest


@transaction.atomic
def interest_withdraw(*, opportunity, membership):
    """Withdrawing deletes the interest and what they said they need."""
    Interest.objects.filter(opportunity=opportunity, membership=membership).delete()


def met_sharing_document():
    """The wording of the consent to sharing with the Met that members are shown now."""
    return current_documents().get(MET_SHARING)


def met_sharing_record(*, membership, given):
    """The member gives or withdraws consent to sharing their details with the Met: a new
    row of the consent register each time; withdrawing stops any later sharing."""
    return consent_record(application=membership.application, kind=MET_SHARING, given=given)


def with_met_consent(interests):
    """Each interest with `met_consent` (True, False or None: never asked), the latest
    answer in the consent register."""
    return interests.annotate(
        met_consent=latest_consent(MET_SHARING, "membership__application")
    ).select_related("membership__application", "membership__forum")


def interests_with_consent(opportunity):
    return with_met_consent(opportunity.interests.all()).order_by("registered_at", "pk")


def met_sharing_split(opportunity):
    """The rule for sharing with the Met: of the current members interested, (those
    whose latest answer agrees, everyone else: not agreed or never asked)."""
    shared, not_shared = [], []
    current = Membership.objects.current()
    for interest in interests_with_consent(opportunity).filter(membership__in=current):
        (shared if interest.met_consent is True else not_shared).append(interest)
    return shared, not_shared


MET_COLUMNS = [
    ("Name", 30),
    ("Preferred name", 20),
    ("Email", 34),
    ("Phone", 18),
    ("How they prefer to be contacted", 24),
]


def met_export(opportunity):
    """(XLSX bytes, how many) of the current members who are interested and whose current
    consent to sharing with the Met is given: their names and contact details, nothing
    else. Only for an opportunity the Met runs."""
    if not opportunity.shares_with_the_met:
        raise OpportunityError("Only an opportunity the Met runs is shared with the Met.")
    workbook = Workbook(write_only=True)
    sheet = streaming_sheet(workbook, "Interested, with consent", MET_COLUMNS)
    count = 0
    shared, _not_shared = met_sharing_split(opportunity)
    for interest in shared:
        application = interest.membership.application
        sheet.append(
            [
                safe_text(application.full_name),
                safe_text(application.preferred_name),
                safe_text(application.email),
                safe_text(application.phone),
                str(application.get_contact_method_display()),
            ]
        )
        count += 1
    return workbook_bytes(workbook), count
