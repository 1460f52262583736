"""Forums: every write with a rule: memberships, meetings, agendas, invitations,
recordings, members' sign-in links and expense claims."""

import datetime
import logging
import secrets
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from applications.models import Consent, ConsentDocument, Status
from audit.services import Action, audit_record
from vvf import outbox

from . import tasks
from .models import (
    MEMBERS_AT_MOST,
    AgendaItem,
    Attendance,
    ExpenseClaim,
    Invitation,
    Meeting,
    MeetingNote,
    MemberLink,
    Membership,
)

logger = logging.getLogger(__name__)

EVERY_SIX_WEEKS = datetime.timedelta(weeks=6)
DEFAULT_LENGTH = datetime.timedelta(hours=2)
DEFAULT_VENUE = "Central London (venue to be confirmed)"


class MembershipError(Exception):
    pass


@transaction.atomic
def membership_create(*, application, forum, started_on):
    """An accepted application makes a member of one of the forums it chose. Returns
    (membership, over_capacity): past 12 members is allowed, with a warning."""
    if application.status != Status.ACCEPTED:
        raise MembershipError("Only an accepted application makes a member.")
    if not application.forums.filter(pk=forum.pk).exists():
        raise MembershipError("The applicant did not apply to this forum.")
    if Membership.objects.filter(application=application).exists():
        raise MembershipError("This applicant is already a member.")
    membership = Membership.objects.create(
        application=application,
        forum=forum,
        started_on=started_on,
        ended_on=forum.tenure_ends_on,
    )
    return membership, forum.current_members(started_on).count() > MEMBERS_AT_MOST


@transaction.atomic
def membership_leave(*, membership, left_on):
    """Leaving early ends the tenure that day; the retention clock starts then."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.left_on is not None:
        raise MembershipError("This member has already left.")
    if left_on < membership.started_on:
        raise MembershipError("A member cannot leave before they started.")
    membership.left_on = left_on
    if membership.ended_on is None or left_on < membership.ended_on:
        membership.ended_on = left_on
    membership.save(update_fields=["left_on", "ended_on"])
    return membership


def auto_membership(*, application, from_status, to_status, **kwargs):
    """Accepted with exactly one forum chosen: the membership follows at once."""
    if to_status != Status.ACCEPTED:
        return
    forums = list(application.forums.all())
    if len(forums) == 1 and not Membership.objects.filter(application=application).exists():
        membership_create(application=application, forum=forums[0], started_on=timezone.localdate())


@transaction.atomic
def meetings_schedule(
    *,
    forum,
    first_day,
    start_time,
    count=1,
    every=EVERY_SIX_WEEKS,
    length=DEFAULT_LENGTH,
    mode=Meeting.Mode.IN_PERSON,
    venue=DEFAULT_VENUE,
    joining_link="",
):
    """A meeting, or a series every six weeks, at the same London wall-clock time each
    time: 6pm stays 6pm across the GMT/BST changes."""
    if count < 1:
        raise MembershipError("Schedule at least one meeting.")
    london = ZoneInfo(settings.TIME_ZONE)
    meetings = []
    for n in range(count):
        day = first_day + n * every
        starts_at = datetime.datetime.combine(day, start_time, tzinfo=london)
        meetings.append(
            Meeting(
                forum=forum,
                starts_at=starts_at,
                ends_at=starts_at + length,
                mode=mode,
                venue=venue,
                joining_link=joining_link,
            )
        )
    return Meeting.objects.bulk_create(meetings)


@transaction.atomic
def attendance_record(*, meeting, attended_ids):
    """Takes the register: every current member of the meeting's forum is marked as
    attended or not. Only that forum's members can be on it, once the meeting started."""
    if meeting.cancelled or meeting.starts_at > timezone.now():
        raise MembershipError("Attendance is taken once the meeting has started.")
    day = timezone.localtime(meeting.starts_at).date()
    members = list(meeting.forum.current_members(day))
    unknown = set(attended_ids) - {m.pk for m in members}
    if unknown:
        raise MembershipError("Only members of this forum can be marked as attending.")
    for membership in members:
        Attendance.objects.update_or_create(
            meeting=meeting,
            membership=membership,
            defaults={"attended": membership.pk in attended_ids},
        )
    return members


# Changing or cancelling a meeting -------------------------------------------------------

MEETING_FIELDS = {"starts_at", "ends_at", "mode", "venue", "joining_link"}


@transaction.atomic
def meeting_change(*, meeting, **fields):
    """Changes when, where or how a meeting happens. Members already invited get a
    calendar update."""
    assert set(fields) <= MEETING_FIELDS, set(fields) - MEETING_FIELDS
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _meeting_open(meeting)
    if fields.get("ends_at", meeting.ends_at) <= fields.get("starts_at", meeting.starts_at):
        raise MembershipError("A meeting must end after it starts.")
    changed = [name for name, value in fields.items() if getattr(meeting, name) != value]
    if not changed:
        return meeting
    for name in changed:
        setattr(meeting, name, fields[name])
    meeting.sequence += 1
    meeting.save(update_fields=[*changed, "sequence"])
    if "starts_at" in changed:  # a moved meeting gets its reminder again
        meeting.invitations.update(reminded_at=None)
    _send_calendar_updates(meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting):
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _meeting_open(meeting)
    meeting.cancelled = True
    meeting.sequence += 1
    meeting.save(update_fields=["cancelled", "sequence"])
    _send_calendar_updates(meeting)
    return meeting


def _send_calendar_updates(meeting):
    if meeting.invitations.filter(sent_at__isnull=False).exists():
        outbox.enqueue(tasks.send_invitations, meeting.pk)


# Invitations -------------------------------------------------------------------------------


@transaction.atomic
def invitations_send(*, meeting):
    """Invites every current member of the forum who is not invited yet, by email with
    a calendar file. Returns how many new invitations there are."""
    if meeting.cancelled:
        raise MembershipError("This meeting has been cancelled.")
    if meeting.starts_at <= timezone.now():
        raise MembershipError("This meeting has already started.")
    invited = set(meeting.invitations.values_list("membership_id", flat=True))
    members = meeting.forum.current_members(timezone.localtime(meeting.starts_at).date())
    new = [
        Invitation(meeting=meeting, membership=membership)
        for membership in members
        if membership.pk not in invited
    ]
    Invitation.objects.bulk_create(new)
    outbox.enqueue(tasks.send_invitations, meeting.pk)
    return len(new)


def _still_member():
    return Q(membership__in=Membership.objects.current())


def invitations_to_send(meeting):
    """Invitations whose member has not had the meeting's latest version."""
    return meeting.invitations.exclude(sent_sequence=meeting.sequence).filter(_still_member())


def invitation_send(*, invitation_id, send):
    """Calls send(invitation) unless this version went already, and records it. The row
    is locked while it is sent, so two runs at once do not email anyone twice."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("meeting", "membership__application")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or invitation.sent_sequence == invitation.meeting.sequence:
            return False
        send(invitation)
        invitation.sent_at = timezone.now()
        invitation.sent_sequence = invitation.meeting.sequence
        invitation.save(update_fields=["sent_at", "sent_sequence"])
        return True


@transaction.atomic
def invitation_answer(*, invitation, response, access_needs=""):
    if invitation.meeting.cancelled or invitation.meeting.starts_at <= timezone.now():
        raise MembershipError("This meeting can no longer be answered.")
    invitation.response = response
    invitation.access_needs = access_needs
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["response", "access_needs", "answered_at"])
    return invitation


REMIND_DAYS_BEFORE = 2


def reminders_due(*, now=None):
    """Invitations to remind: meetings from now until two days ahead (so a missed day
    catches up), sent, not cancelled, not declined, not reminded yet."""
    now = now or timezone.now()
    last_day = timezone.localtime(now).date() + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    return (
        Invitation.objects.filter(
            meeting__cancelled=False,
            meeting__starts_at__gt=now,
            meeting__starts_at__date__lte=last_day,
            sent_at__isnull=False,
            reminded_at__isnull=True,
        )
        .filter(_still_member())
        .exclude(response=Invitation.Response.NOT_ATTENDING)
        .select_related("meeting", "membership__application")
    )


def invitation_mark_reminded(*, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(reminded_at=timezone.now())


# Agendas -----------------------------------------------------------------------------------


def _meeting_open(meeting):
    if meeting.cancelled:
        raise MembershipError("This meeting has been cancelled.")
    if meeting.starts_at <= timezone.now():
        raise MembershipError("This meeting has already happened.")


@transaction.atomic
def agenda_item_propose(*, meeting, membership, title, detail=""):
    """A member proposes something for the agenda of one of their forum's meetings."""
    _meeting_open(meeting)
    if membership.forum_id != meeting.forum_id:
        raise MembershipError("Members propose items for their own forum's meetings.")
    return AgendaItem.objects.create(
        meeting=meeting, proposed_by=membership, title=title, detail=detail
    )


@transaction.atomic
def agenda_item_add(*, meeting, title, detail=""):
    """The people running the forum put an item straight on the agenda."""
    _meeting_open(meeting)
    return AgendaItem.objects.create(
        meeting=meeting,
        title=title,
        detail=detail,
        status=AgendaItem.Status.ACCEPTED,
        decided_at=timezone.now(),
    )


@transaction.atomic
def agenda_item_decide(*, item, status, reason="", merged_into=None):
    """Accept, merge or decline a proposed item. A declined item needs a short reason,
    which the member sees; a merged item joins an item already on the agenda."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    _meeting_open(item.meeting)
    if item.status != AgendaItem.Status.PROPOSED:
        raise MembershipError("This item has already been decided.")
    if status == AgendaItem.Status.DECLINED and not reason.strip():
        raise MembershipError("Give a short reason the member will see.")
    if status == AgendaItem.Status.MERGED:
        if (
            merged_into is None
            or merged_into.meeting_id != item.meeting_id
            or merged_into.status != AgendaItem.Status.ACCEPTED
        ):
            raise MembershipError("Choose an item on this meeting's agenda to merge with.")
    elif status not in (AgendaItem.Status.ACCEPTED, AgendaItem.Status.DECLINED):
        raise MembershipError("Accept, merge or decline the item.")
    item.status = status
    item.decline_reason = reason.strip() if status == AgendaItem.Status.DECLINED else ""
    item.merged_into = merged_into if status == AgendaItem.Status.MERGED else None
    item.decided_at = timezone.now()
    item.save(update_fields=["status", "decline_reason", "merged_into", "decided_at"])
    return item


@transaction.atomic
def agenda_publish(*, meeting):
    """Members see the agenda once it is published; publishing again shows changes."""
    _meeting_open(meeting)
    if not meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED).exists():
        raise MembershipError("Put at least one item on the agenda before publishing it.")
    meeting.agenda_published_at = timezone.now()
    meeting.save(update_fields=["agenda_published_at"])
    return meeting


# Recording consent and meeting notes -----------------------------------------------------

RECORDING_TYPES = {".mp3", ".m4a", ".mp4", ".wav", ".webm", ".ogg"}
RECORDING_MAX_BYTES = 500 * 1024 * 1024


def recording_document():
    return ConsentDocument.objects.filter(kind=ConsentDocument.Kind.RECORDING).first()


@transaction.atomic
def recording_consent_record(*, meeting, membership, given):
    """Records, in the consent register, the member's answer for this meeting with the
    wording they were shown. The latest answer counts."""
    if membership.forum_id != meeting.forum_id:
        raise MembershipError("Members answer for their own forum's meetings.")
    if meeting.starts_at <= timezone.now():
        # A recording may be attached on the strength of the answers given by then.
        raise MembershipError("Answers about recording can be changed until the meeting.")
    return Consent.objects.create(
        application=membership.application,
        document=recording_document(),
        meeting=meeting,
        given=given,
    )


def recording_consents(meeting):
    """{membership id: the latest answer} for this meeting."""
    answers = {}
    rows = Consent.objects.filter(meeting=meeting, document__kind=ConsentDocument.Kind.RECORDING)
    for consent in rows.select_related("application__membership").order_by("recorded_at", "pk"):
        answers[consent.application.membership.pk] = consent.given
    return answers


def recording_allowed(meeting, *, present=None, answers=None):
    """True when attendance was taken and every member present consented. A page that has
    read who was present and the answers (recording_consents) already passes them."""
    if present is None:
        present = set(
            meeting.attendance.filter(attended=True).values_list("membership_id", flat=True)
        )
    if answers is None:
        answers = recording_consents(meeting)
    return bool(present) and all(answers.get(pk) for pk in present)


def note_for(meeting):
    return MeetingNote.objects.get_or_create(meeting=meeting)[0]


@transaction.atomic
def note_save(*, meeting, text):
    note = MeetingNote.objects.select_for_update().get(pk=note_for(meeting).pk)
    if note.status == MeetingNote.Status.FINAL:
        raise MembershipError("This note is final and cannot be changed.")
    note.text = text
    note.save(update_fields=["text"])
    return note


@transaction.atomic
def recording_attach(*, meeting, upload):
    """Attaches a recording, only when every member present consented to it."""
    note = MeetingNote.objects.select_for_update().get(pk=note_for(meeting).pk)
    if note.status == MeetingNote.Status.FINAL:
        raise MembershipError("This note is final: a recording can no longer be attached.")
    if meeting.cancelled or meeting.starts_at > timezone.now():
        raise MembershipError("A recording can be attached once the meeting has happened.")
    if not recording_allowed(meeting):
        raise MembershipError(
            "A recording can be attached only when attendance has been taken and every "
            "member present agreed to the recording."
        )
    old = note.recording.name
    note.recording.save(upload.name, upload, save=False)
    note.save(update_fields=["recording"])
    if old:
        transaction.on_commit(lambda: note.recording.storage.delete(old))
    return note


@transaction.atomic
def note_finalise(*, meeting):
    """The note becomes final; a Celery task then deletes the recording from storage."""
    note = MeetingNote.objects.select_for_update().get(pk=note_for(meeting).pk)
    if note.status == MeetingNote.Status.FINAL:
        raise MembershipError("This note is already final.")
    if meeting.starts_at > timezone.now():
        raise MembershipError("A note can be made final once the meeting has happened.")
    if not note.text.strip():
        raise MembershipError("Write the note before making it final.")
    note.status = MeetingNote.Status.FINAL
    note.finalised_at = timezone.now()
    note.save(update_fields=["status", "finalised_at"])
    if note.recording:
        outbox.enqueue(tasks.delete_recording, note.pk)
    return note


def stored_files_delete(sender, instance, **kwargs):
    """A deleted claim or note takes its receipt or recording with it, once the
    deletion is committed."""
    for name in ("receipt", "recording"):
        stored = getattr(instance, name, None)
        if stored:
            storage, path = stored.storage, stored.name
            transaction.on_commit(lambda storage=storage, path=path: storage.delete(path))


def recordings_left_on_final_notes():
    """The safety net behind the task: final notes that still have a recording."""
    return MeetingNote.objects.filter(status=MeetingNote.Status.FINAL).exclude(recording="")


@transaction.atomic
def recording_delete(*, note):
    """Deletes a final note's recording from storage (the file system here, object
    storage in production) and logs that it went."""
    note = MeetingNote.objects.select_for_update().filter(pk=note.pk).first()
    if note is None or not note.recording or note.status != MeetingNote.Status.FINAL:
        return False
    name = note.recording.name
    note.recording.storage.delete(name)
    note.recording = ""
    note.recording_deleted_at = timezone.now()
    note.save(update_fields=["recording", "recording_deleted_at"])
    audit_record(actor=None, action=Action.DELETE, obj=note, detail="recording deleted")
    logger.info("Deleted the recording of meeting note %s", note.pk)
    return True


# Members' sign-in links ------------------------------------------------------------------

_MEMBER_LINK_SALT = "forums.member-sign-in"
MEMBER_LINK_MAX_AGE = datetime.timedelta(hours=24)


def current_member_by_email(email):
    return (
        Membership.objects.current()
        .filter(application__email__iexact=email.strip())
        .select_related("application")
        .first()
    )


@transaction.atomic
def member_link_send(*, email):
    """Emails a sign-in link when the address is a current member's; says nothing
    either way, so the page cannot be used to find out who is a member."""
    membership = current_member_by_email(email)
    if membership is None:
        return None
    link = MemberLink.objects.create(membership=membership, nonce=secrets.token_urlsafe(24))
    outbox.enqueue(tasks.send_member_link, link.pk)
    return link


def member_link_token(link):
    return signing.dumps({"l": link.pk, "n": link.nonce}, salt=_MEMBER_LINK_SALT)


def _member_link(token):
    try:
        data = signing.loads(token, salt=_MEMBER_LINK_SALT, max_age=MEMBER_LINK_MAX_AGE)
    except signing.BadSignature:
        return MemberLink.objects.none()
    return MemberLink.objects.filter(pk=data.get("l"), nonce=data.get("n"))


def member_link_valid(token):
    return _member_link(token).exists()


@transaction.atomic
def member_link_use(token):
    """The membership the link signs in, once: the link is deleted as it is used. None
    when it is forged, expired, used, or the tenure has ended."""
    link = _member_link(token).select_for_update().select_related("membership").first()
    if link is None:
        return None
    membership = link.membership
    link.delete()
    if not Membership.objects.current().filter(pk=membership.pk).exists():
        return None
    return membership


def member_links_delete_expired(*, now=None):
    cutoff = (now or timezone.now()) - MEMBER_LINK_MAX_AGE
    deleted, _ = MemberLink.objects.filter(created_at__lt=cutoff).delete()
    return deleted


# Expense claims ----------------------------------------------------------------------------

# The incentive for taking part in a meeting. MOPAC sets it: change it here when they do.
INCENTIVE_AMOUNT = Decimal("25.00")
# The most one claim for costs can be; anything larger is arranged with the VVF team.
COST_CLAIM_MAX = Decimal("500.00")
# Travel up to this needs no receipt (a bus or Tube fare); dearer travel, childcare or
# care, and other costs need one.
RECEIPT_NOT_NEEDED_UP_TO = Decimal("10.00")
# Claims are made for meetings in the last six months, before finance's year moves on.
CLAIM_WITHIN = datetime.timedelta(days=183)
RECEIPT_MAX_BYTES = 5 * 1024 * 1024
# A receipt is a PDF, JPEG or PNG, known by its first bytes (never by its name), and is
# stored with the suffix of what it really is.
RECEIPT_SIGNATURES = [
    (b"%PDF-", ".pdf"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
]
RECEIPT_CONTENT_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".png": "image/png"}

_Claim = ExpenseClaim.Status
# A claim is decided once: approved, or not approved with a reason the member sees.
CLAIM_MOVES = {
    _Claim.SUBMITTED: {_Claim.APPROVED, _Claim.REJECTED},
    _Claim.APPROVED: set(),
    _Claim.REJECTED: set(),
}


def receipt_type(upload):
    """The suffix of what an uploaded file really is (".pdf", ".jpg" or ".png"), read
    from its first bytes; None for anything else."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for signature, suffix in RECEIPT_SIGNATURES:
        if head.startswith(signature):
            return suffix
    return None


def receipt_needed(kind, amount):
    """Childcare or care and other costs always need a receipt; travel over £10 does."""
    if kind in (ExpenseClaim.Kind.CHILDCARE, ExpenseClaim.Kind.OTHER):
        return True
    travel = kind == ExpenseClaim.Kind.TRAVEL
    return travel and amount is not None and amount > RECEIPT_NOT_NEEDED_UP_TO


def claimable_meetings(membership, *, now=None):
    """The meetings of the member's forum that they attended, in the last six months."""
    now = now or timezone.now()
    return Meeting.objects.filter(
        forum_id=membership.forum_id,
        cancelled=False,
        starts_at__lte=now,
        starts_at__gte=now - CLAIM_WITHIN,
        attendance__membership=membership,
        attendance__attended=True,
    ).order_by("-starts_at")


def _claim_amount(amount):
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        raise MembershipError("Enter the amount, like 12.50.") from None
    if not amount.is_finite() or amount.as_tuple().exponent < -2:
        raise MembershipError("Enter the amount, like 12.50.")
    if amount <= 0:
        raise MembershipError("The amount must be more than £0.")
    if amount > COST_CLAIM_MAX:
        raise MembershipError(f"The amount must be £{COST_CLAIM_MAX:.0f} or less.")
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def claim_submit(*, membership, meeting, kind, amount, description="", receipt=None):
    """A member claims costs, or the incentive, for a meeting they attended.

    The rules:
    - only for a meeting of the member's own forum, not cancelled, that the register
      shows they attended, in the last six months (CLAIM_WITHIN);
    - one claim of each kind per meeting: another is refused unless the earlier one
      was not approved;
    - the incentive is INCENTIVE_AMOUNT, set by MOPAC: the member types no amount and
      attaches no receipt (any `amount` or `receipt` given is ignored);
    - costs are more than £0 and at most COST_CLAIM_MAX (£500), in pounds and pence;
    - a receipt is needed for childcare or care and other costs, and for travel over
      RECEIPT_NOT_NEEDED_UP_TO (£10): a PDF, JPEG or PNG by its first bytes, at most
      5 MB, stored under a random name;
    - "other costs" need a description of what the cost was.
    """
    # One member's submissions queue behind each other, so a double click claims once.
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if kind not in ExpenseClaim.Kind.values:
        raise MembershipError("Choose what you are claiming for.")
    if meeting.forum_id != membership.forum_id:
        raise MembershipError("Claims are for your own forum's meetings.")
    if not claimable_meetings(membership).filter(pk=meeting.pk).exists():
        raise MembershipError(
            "You can claim only for a meeting you attended in the last six months."
        )
    earlier = ExpenseClaim.objects.filter(membership=membership, meeting=meeting, kind=kind)
    if earlier.exclude(status=_Claim.REJECTED).exists():
        raise MembershipError(
            "You have already claimed for this at this meeting. "
            "Check your claims, or contact the VVF team."
        )
    description = description.strip()
    if kind == ExpenseClaim.Kind.INCENTIVE:
        amount, receipt = INCENTIVE_AMOUNT, None
    else:
        amount = _claim_amount(amount)
        if kind == ExpenseClaim.Kind.OTHER and not description:
            raise MembershipError("Describe what the cost was for.")
        if receipt_needed(kind, amount) and not receipt:
            raise MembershipError("Upload a receipt for this claim.")
    if len(description) > 300:
        raise MembershipError("Describe the cost in 300 characters or fewer.")
    suffix = None
    if receipt:
        suffix = receipt_type(receipt)
        if suffix is None:
            raise MembershipError("The receipt must be a PDF, JPG or PNG.")
        if receipt.size > RECEIPT_MAX_BYTES:
            raise MembershipError("The receipt must be smaller than 5 MB.")
    claim = ExpenseClaim(
        membership=membership,
        meeting=meeting,
        kind=kind,
        amount=amount,
        description=description,
    )
    if receipt:
        claim.receipt.save(f"receipt{suffix}", receipt, save=False)
    try:
        claim.save()
    except Exception:
        if claim.receipt:
            claim.receipt.storage.delete(claim.receipt.name)
        raise
    audit_record(
        actor=None,
        action=Action.CREATE,
        obj=claim,
        detail="claim {}",
        values=[ExpenseClaim.Kind(kind)],
    )
    return claim


@transaction.atomic
def claim_decide(*, claim, approve, by, reason=""):
    """VVF staff approve a submitted claim, or do not, with a reason the member sees.
    A claim is decided once (CLAIM_MOVES)."""
    claim = ExpenseClaim.objects.select_for_update().get(pk=claim.pk)
    to_status = _Claim.APPROVED if approve else _Claim.REJECTED
    if to_status not in CLAIM_MOVES[claim.status]:
        raise MembershipError("This claim has already been decided.")
    reason = reason.strip()
    if not approve and not reason:
        raise MembershipError("Give a reason the member will see.")
    if len(reason) > 300:
        raise MembershipError("Keep the reason to 300 characters or fewer.")
    from_status = claim.status
    claim.status = to_status
    claim.reason = "" if approve else reason
    claim.decided_at = timezone.now()
    claim.decided_by = by
    claim.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    audit_record(
        actor=by,
        action=Action.DECISION,
        obj=claim,
        detail="claim {} -> {}",
        values=[_Claim(from_status), _Claim(to_status)],
    )
    return claim


@transaction.atomic
def claims_export(*, month):
    """A month's approved claims for finance: (XLSX bytes, how many). Each claim in it is
    marked exported, the first time, so that the programme home counts only those in no
    spreadsheet yet."""
    from .claim_exports import approved_in, claims_workbook

    plain, count = claims_workbook(month)
    approved_in(month).filter(exported_at__isnull=True).update(exported_at=timezone.now())
    return plain, count
