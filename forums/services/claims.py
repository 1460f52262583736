"""Expense claims: members claim costs or the incentive for meetings they attended,
VVF staff decide each claim once, and approved claims go to finance monthly."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import Action, audit_record
from vvf import dates

from ..models import CLAIM_MOVES, ExpenseClaim, ExpenseClaimEvent, Meeting, Membership


class ClaimError(Exception):
    pass


# The incentive for taking part in a meeting. MOPAC sets it: change it here when they do.
INCENTIVE_AMOUNT = Decimal("25.00")
# The most one claim for costs can be; anything larger is arranged with the VVF team.
COST_CLAIM_MAX = Decimal("500.00")
# Travel up to this needs no receipt (a bus or Tube fare); dearer travel, childcare or
# care, and other costs need one.
RECEIPT_NOT_NEEDED_UP_TO = Decimal("10.00")
# Claims are made for meetings in the last 6 months, before finance's year moves on.
CLAIM_WITHIN_MONTHS = 6
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


def claim_window_in_words():
    """'6 months': the claim window as members read it."""
    return dates.duration_in_words(CLAIM_WITHIN_MONTHS, "months")


def claimable_meetings(membership, *, now=None):
    """The meetings of the member's forum that they attended, in the last
    CLAIM_WITHIN_MONTHS."""
    now = now or timezone.now()
    return Meeting.objects.filter(
        forum_id=membership.forum_id,
        cancelled=False,
        starts_at__lte=now,
        starts_at__gte=dates.months_earlier(now, CLAIM_WITHIN_MONTHS),
        attendance__membership=membership,
        attendance__attended=True,
    ).order_by("-starts_at")


# The rules a claim is checked by, one function each: claim_submit and claim_decide
# apply them, and the claim forms call them, so members and staff are told in the same
# words whichever meets a claim first.

ENTER_AMOUNT = _("Enter the amount, like 12.50")
# Why a receipt is needed (receipt_needed), said where one is missing.
RECEIPT_NEEDED = {
    ExpenseClaim.Kind.TRAVEL: _("Select a receipt: we need one to pay back travel over £10"),
    ExpenseClaim.Kind.CHILDCARE: _("Select a receipt: we need one to pay back childcare or care"),
    ExpenseClaim.Kind.OTHER: _("Select a receipt: we need one to pay back other costs"),
}
TEXT_MAX_LENGTH = 300


def claim_amount_check(amount):
    """The amount of a claim for costs, in pounds and pence, more than £0 and at most
    COST_CLAIM_MAX; returned to the penny."""
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        raise ClaimError(ENTER_AMOUNT) from None
    if not amount.is_finite() or amount.as_tuple().exponent < -2:
        raise ClaimError(ENTER_AMOUNT)
    if amount <= 0:
        raise ClaimError(_("The amount must be more than £0"))
    if amount > COST_CLAIM_MAX:
        raise ClaimError(
            _("The amount must be £%(most)s or less") % {"most": f"{COST_CLAIM_MAX:.0f}"}
        )
    return amount.quantize(Decimal("0.01"))


def claim_description_check(kind, description):
    """Other costs say what they were for; a description is at most 300 characters."""
    if kind == ExpenseClaim.Kind.OTHER and not description:
        raise ClaimError(_("Say what the cost was for"))
    if len(description) > TEXT_MAX_LENGTH:
        raise ClaimError(_("Describe the cost in 300 characters or fewer"))


def claim_receipt_needed_check(kind, amount, receipt):
    if receipt_needed(kind, amount) and not receipt:
        raise ClaimError(RECEIPT_NEEDED[kind])


def claim_receipt_check(receipt):
    """A receipt is a PDF, JPEG or PNG by its first bytes, at most RECEIPT_MAX_BYTES.
    Returns the suffix of what it is."""
    suffix = receipt_type(receipt)
    if suffix is None:
        raise ClaimError(_("The receipt must be a PDF, JPG or PNG"))
    if receipt.size > RECEIPT_MAX_BYTES:
        raise ClaimError(_("The receipt must be smaller than 5 MB"))
    return suffix


def claim_reason_check(*, approve, reason):
    """A claim not approved gives the member a reason, of at most 300 characters."""
    if not approve and not reason:
        raise ClaimError(_("Give a reason the member will see"))
    if len(reason) > TEXT_MAX_LENGTH:
        raise ClaimError(_("Keep the reason to 300 characters or fewer"))


@transaction.atomic
def claim_submit(*, membership, meeting, kind, amount, description="", receipt=None):
    """A member claims costs, or the incentive, for a meeting they attended.

    The rules:
    - only for a meeting of the member's own forum, not cancelled, that the register
      shows they attended, in the last CLAIM_WITHIN_MONTHS (6 months);
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
        raise ClaimError("Choose what you are claiming for.")
    if meeting.forum_id != membership.forum_id:
        raise ClaimError("Claims are for your own forum's meetings.")
    if not claimable_meetings(membership).filter(pk=meeting.pk).exists():
        raise ClaimError(
            f"You can claim only for a meeting you attended in the last {claim_window_in_words()}."
        )
    earlier = ExpenseClaim.objects.filter(membership=membership, meeting=meeting, kind=kind)
    if earlier.exclude(status=_Claim.REJECTED).exists():
        raise ClaimError(
            "You have already claimed for this at this meeting. "
            "Check your claims, or contact the VVF team."
        )
    description = description.strip()
    if kind == ExpenseClaim.Kind.INCENTIVE:
        amount, receipt = INCENTIVE_AMOUNT, None
    else:
        amount = claim_amount_check(amount)
    claim_description_check(kind, description)
    claim_receipt_needed_check(kind, amount, receipt)
    suffix = claim_receipt_check(receipt) if receipt else None
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
    A claim is decided once (CLAIM_MOVES, through claim_transition)."""
    reason = reason.strip()
    claim_reason_check(approve=approve, reason=reason)
    to_status = _Claim.APPROVED if approve else _Claim.REJECTED
    return claim_transition(claim=claim, to_status=to_status, by=by, reason=reason)


@transaction.atomic
def claim_transition(*, claim, to_status, by, reason=""):
    """Every status move of a claim: locks it, refuses a move CLAIM_MOVES does not
    allow, saves who decided when (and the reason, when not approved), and records the
    move as an event and in the audit trail. No email goes with these moves: members
    follow their claims on their claims page."""
    locked = ExpenseClaim.objects.select_for_update().get(pk=claim.pk)
    from_status = locked.status
    if to_status not in CLAIM_MOVES[from_status]:
        raise ClaimError("This claim has already been decided.")
    reason = "" if to_status == _Claim.APPROVED else reason
    locked.status = to_status
    locked.reason = reason
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    ExpenseClaimEvent.objects.create(
        claim=locked,
        from_status=from_status,
        to_status=to_status,
        by=by,
        reason=reason,
        at=locked.decided_at,
    )
    audit_record(
        actor=by,
        action=Action.DECISION,
        obj=locked,
        detail="claim {} -> {}",
        values=[_Claim(from_status), _Claim(to_status)],
    )
    return locked


@transaction.atomic
def claims_export(*, month):
    """A month's approved claims for finance: (XLSX bytes, how many). Each claim in it is
    marked exported, the first time, so that the programme home counts only those in no
    spreadsheet yet."""
    from ..claim_exports import approved_in, claims_workbook

    plain, count = claims_workbook(month)
    approved_in(month).filter(exported_at__isnull=True).update(exported_at=timezone.now())
    return plain, count
