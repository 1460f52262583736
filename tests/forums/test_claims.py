"""Expense and incentive claims: the rules, the receipt checks, the member's pages, and
staff deciding, downloading receipts and exporting each month's approved claims."""

import datetime
import io
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import msoffcrypto
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from applications.models import EqualityMonitoring
from audit.models import AuditEntry
from forums import claim_exports
from forums.claim_forms import ClaimForm
from forums.models import CLAIM_MOVES, Attendance, ExpenseClaim
from forums.services import claims, meetings
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.forums.helpers import make_meeting, make_member, sign_in_member

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
Kind, Status = ExpenseClaim.Kind, ExpenseClaim.Status


def pdf(name="receipt.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def attended(membership, days_ago=10, came=True):
    """A past meeting of the member's forum, with the register taken."""
    meeting = make_meeting(membership.forum.slug, days_ahead=-days_ago)
    meetings.attendance_record(meeting=meeting, attended_ids={membership.pk} if came else set())
    return meeting


def submit(membership, meeting, kind=Kind.TRAVEL, amount="8.40", **kwargs):
    return claims.claim_submit(
        membership=membership, meeting=meeting, kind=kind, amount=amount, **kwargs
    )


@pytest.fixture
def member():
    return make_member("vawg", started_days_ago=60)


@pytest.fixture
def staff_client(client):
    return sign_in(client, UserFactory(role="VVF staff", is_staff=True))


# The rules ---------------------------------------------------------------------------------


def test_claim_submit_for_an_attended_meeting_is_waiting_for_a_decision(member):
    meeting = attended(member)

    claim = submit(member, meeting, amount=Decimal("14.20"), receipt=pdf("My Oyster.PDF"))

    assert (claim.status, claim.amount, claim.kind) == (
        Status.SUBMITTED,
        Decimal("14.20"),
        "TRAVEL",
    )
    assert claim.receipt.name.startswith("receipts/") and claim.receipt.name.endswith(".pdf")
    assert "Oyster" not in claim.receipt.name
    assert (Path(settings.MEDIA_ROOT) / claim.receipt.name).read_bytes() == PDF
    assert AuditEntry.objects.filter(action="CREATE", object_ref=str(claim.pk)).count() == 1


def test_claim_submit_refuses_a_meeting_the_member_did_not_attend(member):
    missed = attended(member, came=False)
    no_register = make_meeting("vawg", days_ahead=-3)

    for meeting in (missed, no_register):
        with pytest.raises(claims.ClaimError, match="attended"):
            submit(member, meeting)
    assert ExpenseClaim.objects.count() == 0


def test_claim_submit_refuses_another_forums_meeting(member):
    other_member = make_member("black-communities", started_days_ago=60)
    theirs = attended(other_member)
    # Even marked as attending there, a member claims only for their own forum.
    Attendance.objects.create(meeting=theirs, membership=member, attended=True)

    with pytest.raises(claims.ClaimError, match="your own forum"):
        submit(member, theirs)


def test_claim_submit_refuses_meetings_to_come_cancelled_or_over_six_months_ago():
    member = make_member("vawg", started_days_ago=400)
    old = attended(member, days_ago=200)
    cancelled = attended(member, days_ago=5)
    cancelled.cancelled = True
    cancelled.save()
    upcoming = make_meeting("vawg", days_ahead=5)
    Attendance.objects.create(meeting=upcoming, membership=member, attended=True)

    for meeting in (old, cancelled, upcoming):
        with pytest.raises(claims.ClaimError):
            submit(member, meeting)
    assert list(claims.claimable_meetings(member)) == []


def test_the_claim_window_is_six_calendar_months(member):
    meeting = attended(member)
    meeting.starts_at = datetime.datetime(2026, 3, 15, 18, tzinfo=LONDON)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=2)
    meeting.save()
    # 15 September, 18:00 UTC: six calendar months on (183 days would have ended on the 14th).
    window_closes = datetime.datetime(2026, 9, 15, 18, tzinfo=datetime.UTC)
    minute = datetime.timedelta(minutes=1)

    assert claims.CLAIM_WITHIN_MONTHS == 6
    assert list(claims.claimable_meetings(member, now=window_closes)) == [meeting]
    assert list(claims.claimable_meetings(member, now=window_closes + minute)) == []


def test_a_meeting_outside_the_window_is_refused_in_plain_words():
    member = make_member("vawg", started_days_ago=400)
    old = attended(member, days_ago=200)

    with pytest.raises(claims.ClaimError) as refused:
        submit(member, old)

    assert str(refused.value) == (
        "You can claim only for a meeting you attended in the last 6 months."
    )


def test_the_claim_pages_say_how_far_back_a_member_can_claim(client, member):
    sign_in_member(client, member)

    claims_page = client.get(reverse("members:claims")).text
    new_claim_page = client.get(reverse("members:claim-new")).text

    assert "for each meeting you attended in the last 6 months." in claims_page
    assert "Meetings you attended in the last 6 months will be listed here." in new_claim_page


def test_the_incentive_is_fixed_and_claimed_once_per_meeting_unless_not_approved(member):
    meeting = attended(member)
    staff = UserFactory(role="VVF staff", is_staff=True)

    first = submit(member, meeting, kind=Kind.INCENTIVE, amount="400", receipt=pdf())
    with pytest.raises(claims.ClaimError, match="already claimed"):
        submit(member, meeting, kind=Kind.INCENTIVE, amount=None)
    claims.claim_decide(claim=first, approve=False, by=staff, reason="Claimed twice by mistake")
    again = submit(member, meeting, kind=Kind.INCENTIVE, amount=None)

    assert first.amount == again.amount == claims.INCENTIVE_AMOUNT == Decimal("25.00")
    assert not first.receipt
    # Costs are separate claims from the incentive.
    assert submit(member, meeting, kind=Kind.TRAVEL, amount="4.00").kind == "TRAVEL"


@pytest.mark.parametrize(
    ("kind", "amount", "receipt", "description", "refusal"),
    [
        (Kind.TRAVEL, "0", None, "", "more than £0"),
        (Kind.TRAVEL, "-3", None, "", "more than £0"),
        (Kind.TRAVEL, "500.01", pdf, "", "£500 or less"),
        (Kind.TRAVEL, "1.234", None, "", "like 12.50"),
        (Kind.TRAVEL, "10.01", None, "", "receipt"),
        (Kind.CHILDCARE, "5.00", None, "", "receipt"),
        (Kind.OTHER, "5.00", pdf, "", "Say what the cost was for"),
        (Kind.OTHER, "5.00", None, "Printing", "receipt"),
        ("FOOD", "5.00", pdf, "", "what you are claiming for"),
    ],
)
def test_claim_submit_refuses_costs_outside_the_rules(
    member, kind, amount, receipt, description, refusal
):
    meeting = attended(member)

    with pytest.raises(claims.ClaimError, match=refusal):
        submit(
            member,
            meeting,
            kind=kind,
            amount=amount,
            description=description,
            receipt=receipt and receipt(),
        )


def test_claim_submit_accepts_costs_within_the_rules(member):
    meeting = attended(member)

    travel = submit(member, meeting, kind=Kind.TRAVEL, amount="10.00")
    care = submit(member, meeting, kind=Kind.CHILDCARE, amount="500", receipt=pdf())
    other = submit(
        member,
        meeting,
        kind=Kind.OTHER,
        amount="3.5",
        receipt=pdf(),
        description="  Printing the papers  ",
    )

    assert (travel.amount, care.amount, other.amount) == (
        Decimal("10.00"),
        Decimal("500.00"),
        Decimal("3.50"),
    )
    assert other.description == "Printing the papers"


def test_claim_submit_refuses_a_receipt_that_is_not_a_pdf_jpg_or_png(member):
    meeting = attended(member)

    with pytest.raises(claims.ClaimError, match="PDF, JPG or PNG"):
        submit(member, meeting, kind=Kind.CHILDCARE, receipt=pdf(content=b"just some text"))
    assert ExpenseClaim.objects.count() == 0


def test_a_receipt_is_stored_as_what_it_really_is(member):
    claim = submit(member, attended(member), kind=Kind.CHILDCARE, receipt=pdf("scan.pdf", PNG))

    assert claim.receipt.name.endswith(".png")


def test_claim_decide_needs_a_reason_to_refuse(member):
    claim = submit(member, attended(member))
    staff = UserFactory(role="VVF staff", is_staff=True)

    with pytest.raises(claims.ClaimError, match="reason"):
        claims.claim_decide(claim=claim, approve=False, by=staff, reason="   ")

    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED


def test_claim_decide_records_who_when_and_why(member):
    claim = submit(member, attended(member))
    staff = UserFactory(role="VVF staff", is_staff=True)

    claims.claim_decide(claim=claim, approve=False, by=staff, reason=" No receipt for a taxi ")

    claim.refresh_from_db()
    assert (claim.status, claim.reason, claim.decided_by) == (
        Status.REJECTED,
        "No receipt for a taxi",
        staff,
    )
    assert timezone.now() - claim.decided_at < datetime.timedelta(minutes=1)
    entry = AuditEntry.objects.get(action="DECISION")
    assert (entry.actor_id, entry.object_ref, entry.detail) == (
        staff.pk,
        str(claim.pk),
        "claim SUBMITTED -> REJECTED",
    )


def test_claim_moves_table_covers_every_status():
    assert set(CLAIM_MOVES) == set(Status)
    assert CLAIM_MOVES[Status.SUBMITTED] == {Status.APPROVED, Status.REJECTED}


@pytest.mark.parametrize("from_status", list(Status))
@pytest.mark.parametrize("approve", [True, False])
def test_claim_decide_allows_only_the_moves_in_the_table(member, from_status, approve):
    claim = submit(member, attended(member))
    ExpenseClaim.objects.filter(pk=claim.pk).update(status=from_status)
    staff = UserFactory(role="VVF staff", is_staff=True)
    to_status = Status.APPROVED if approve else Status.REJECTED
    allowed = to_status in CLAIM_MOVES[from_status]

    if allowed:
        claims.claim_decide(claim=claim, approve=approve, by=staff, reason="A reason")
    else:
        with pytest.raises(claims.ClaimError, match="already been decided"):
            claims.claim_decide(claim=claim, approve=approve, by=staff, reason="A reason")

    claim.refresh_from_db()
    assert claim.status == (to_status if allowed else from_status)
    assert allowed == (from_status == Status.SUBMITTED)


# The claim form ----------------------------------------------------------------------------


def claim_form(member, meeting, files=None, **data):
    data = {"meeting": meeting.pk, "kind": "TRAVEL", "amount": "12.50", **data}
    return ClaimForm(data, files or {}, membership=member)


def test_claim_form_accepts_a_pdf_receipt_and_a_pound_sign(member):
    meeting = attended(member)

    form = claim_form(member, meeting, {"receipt": pdf()}, amount=" £12.50 ")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal("12.50")


def test_claim_form_reads_the_receipts_first_bytes_not_its_name(member):
    meeting = attended(member)

    text = claim_form(member, meeting, {"receipt": pdf("receipt.pdf", b"I am not a PDF")})
    png = claim_form(member, meeting, {"receipt": pdf("receipt.pdf", PNG)})

    assert text.errors == {"receipt": ["The receipt must be a PDF, JPG or PNG"]}
    assert png.is_valid()
    assert claims.receipt_type(png.cleaned_data["receipt"]) == ".png"


def test_claim_form_refuses_a_receipt_over_5_mb(member):
    meeting = attended(member)
    big = PDF + b"0" * (6 * 1024 * 1024)

    form = claim_form(member, meeting, {"receipt": pdf("big.pdf", big)})

    assert form.errors == {"receipt": ["The receipt must be smaller than 5 MB"]}


@pytest.mark.parametrize(
    ("amount", "error"),
    [
        ("", "Enter the amount, like 12.50"),
        ("twelve", "Enter the amount, like 12.50"),
        ("12.505", "Enter the amount, like 12.50"),
        ("0.00", "The amount must be more than £0"),
        ("501", "The amount must be £500 or less"),
    ],
)
def test_claim_form_amount_messages(member, amount, error):
    form = claim_form(member, attended(member), amount=amount)

    assert form.errors == {"amount": [error]}


def test_claim_form_incentive_needs_no_amount_or_receipt(member):
    form = claim_form(member, attended(member), kind="INCENTIVE", amount="lots")

    assert form.is_valid(), form.errors
    assert (form.cleaned_data["amount"], form.cleaned_data["receipt"]) == (None, None)


def test_claim_form_asks_for_the_receipt_again_after_another_error(member):
    form = claim_form(member, attended(member), {"receipt": pdf()}, kind="")

    assert form.errors == {
        "kind": ["Select what you are claiming for"],
        "receipt": [ClaimForm.SELECT_AGAIN],
    }


@pytest.mark.parametrize(
    ("kind", "amount", "description", "error"),
    [
        ("TRAVEL", "10.01", "", "Select a receipt: we need one to pay back travel over £10"),
        ("CHILDCARE", "5.00", "", "Select a receipt: we need one to pay back childcare or care"),
        ("OTHER", "5.00", "Printing", "Select a receipt: we need one to pay back other costs"),
    ],
)
def test_claim_form_says_why_a_missing_receipt_is_needed(member, kind, amount, description, error):
    form = claim_form(member, attended(member), kind=kind, amount=amount, description=description)

    assert form.errors == {"receipt": [error]}


@pytest.mark.parametrize(
    ("field", "kind", "amount", "description", "receipt"),
    [
        ("amount", "TRAVEL", "0", "", None),
        ("amount", "TRAVEL", "501", "", None),
        ("description", "OTHER", "5.00", "", pdf),
        ("receipt", "TRAVEL", "10.01", "", None),
        ("receipt", "CHILDCARE", "5.00", "", None),
        ("receipt", "OTHER", "5.00", "Printing", None),
        ("receipt", "CHILDCARE", "5.00", "", lambda: pdf(content=b"just some text")),
    ],
)
def test_the_claim_form_and_claim_submit_refuse_in_the_same_words(
    member, field, kind, amount, description, receipt
):
    meeting = attended(member)
    files = {"receipt": receipt()} if receipt else {}
    form = claim_form(member, meeting, files, kind=kind, amount=amount, description=description)

    with pytest.raises(claims.ClaimError) as refused:
        submit(
            member,
            meeting,
            kind=kind,
            amount=amount,
            description=description,
            receipt=receipt and receipt(),
        )

    assert form.errors[field] == [str(refused.value)]


def test_claim_forms_receipt_is_govuks_file_upload(client, member):
    attended(member)
    sign_in_member(client, member)

    html = client.get(reverse("members:claim-new")).content.decode()

    assert (
        '<div class="govuk-file-upload-wrapper" data-module="govuk-file-upload">'
        '<input type="file" name="receipt" accept=".pdf,.jpg,.jpeg,.png" class="govuk-file-upload"'
    ) in html


def test_the_claims_page_gives_the_vvf_teams_address(client, member):
    sign_in_member(client, member)

    html = client.get(reverse("members:claims")).content.decode()

    assert (
        'Email the VVF team at <a class="govuk-link" href="mailto:victimvoice@mopac.london.gov.uk">'
        "victimvoice@mopac.london.gov.uk</a>"
    ) in html


# The member's pages --------------------------------------------------------------------------


def test_a_member_sees_only_their_own_claims(client, member):
    meeting = attended(member)
    neighbour = make_member("vawg", started_days_ago=60)
    meetings.attendance_record(meeting=meeting, attended_ids={member.pk, neighbour.pk})
    submit(member, meeting, description="My bus fare")
    submit(neighbour, meeting, description="Neighbour's train fare")
    sign_in_member(client, member)

    page = client.get(reverse("members:claims"))

    assert page.status_code == 200
    assert "My bus fare" in page.text
    assert "Neighbour" not in page.text
    assert "£8.40" in page.text
    assert "Waiting for a decision" in page.text


def test_the_claims_page_queries_do_not_grow_with_the_claims(client, member):
    sign_in_member(client, member)
    counts = []
    for days_ago in (10, 20, 30):
        submit(member, attended(member, days_ago=days_ago))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("members:claims")).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1] == counts[2]


def test_claim_pages_send_visitors_who_are_not_signed_in_to_sign_in(client):
    for name in ("members:claims", "members:claim-new"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("members:sign-in-request"))


def test_the_claim_form_lists_only_meetings_the_member_attended(client, member):
    came = attended(member, days_ago=10)
    missed = attended(member, days_ago=20, came=False)
    sign_in_member(client, member)

    page = client.get(reverse("members:claim-new"))

    assert list(page.context["form"].fields["meeting"].queryset) == [came]
    assert f'value="{came.pk}"' in page.text
    assert f'value="{missed.pk}"' not in page.text
    assert 'enctype="multipart/form-data"' in page.text


def test_a_member_makes_a_claim_and_sees_it(client, member):
    meeting = attended(member)
    sign_in_member(client, member)

    response = client.post(
        reverse("members:claim-new"),
        {
            "meeting": meeting.pk,
            "kind": "CHILDCARE",
            "amount": "36.00",
            "description": "Childminder",
            "receipt": pdf(),
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("members:claims")
    claim = ExpenseClaim.objects.get()
    assert (claim.membership, claim.meeting, claim.amount) == (member, meeting, Decimal("36.00"))
    page = client.get(response.url)
    assert "Your claim has been sent" in page.text
    assert "Childminder" in page.text


def test_the_claim_form_keeps_what_was_typed_after_an_error(client, member):
    meeting = attended(member)
    sign_in_member(client, member)

    response = client.post(
        reverse("members:claim-new"),
        {
            "meeting": meeting.pk,
            "kind": "OTHER",
            "amount": "abc",
            "description": "Printing the papers",
            "receipt": pdf(),
        },
    )

    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "Enter the amount, like 12.50" in response.text
    assert "Select the receipt again" in response.text
    assert 'value="abc"' in response.text
    assert "Printing the papers" in response.text
    assert f'value="{meeting.pk}" checked' in response.text
    assert 'value="OTHER" checked' in response.text
    assert ExpenseClaim.objects.count() == 0


def test_a_member_cannot_claim_for_another_forums_meeting(client, member):
    theirs = attended(make_member("lgbtq-victims", started_days_ago=60))
    sign_in_member(client, member)

    response = client.post(
        reverse("members:claim-new"),
        {"meeting": theirs.pk, "kind": "INCENTIVE"},
    )

    assert response.status_code == 400
    assert "Select the meeting this claim is for" in response.text
    assert ExpenseClaim.objects.count() == 0


def test_a_second_incentive_is_refused_on_the_page(client, member):
    meeting = attended(member)
    submit(member, meeting, kind=Kind.INCENTIVE, amount=None)
    sign_in_member(client, member)

    response = client.post(
        reverse("members:claim-new"), {"meeting": meeting.pk, "kind": "INCENTIVE"}
    )

    assert response.status_code == 400
    assert "You have already claimed for this at this meeting" in response.text
    assert ExpenseClaim.objects.count() == 1


def test_the_member_sees_why_a_claim_was_not_approved(client, member):
    claim = submit(member, attended(member))
    staff = UserFactory(role="VVF staff", is_staff=True)
    claims.claim_decide(claim=claim, approve=False, by=staff, reason="Please claim by mileage")
    sign_in_member(client, member)

    page = client.get(reverse("members:claims"))

    assert "Not approved" in page.text
    assert "Please claim by mileage" in page.text


# Staff -------------------------------------------------------------------------------------


def test_staff_see_claims_in_the_admin(staff_client, member):
    claim = submit(member, attended(member), receipt=pdf())

    listing = staff_client.get(reverse("admin:forums_expenseclaim_changelist"))
    detail = staff_client.get(reverse("admin:forums_expenseclaim_change", args=[claim.pk]))

    assert member.application.reference in listing.text
    assert reverse("admin:forums_expenseclaim_decide", args=[claim.pk]) in detail.text
    assert reverse("admin:forums_expenseclaim_receipt", args=[claim.pk]) in detail.text
    assert "/media/" not in detail.text
    assert staff_client.get(reverse("admin:forums_expenseclaim_add")).status_code == 404


def test_staff_approve_a_claim(staff_client, member):
    claim = submit(member, attended(member))
    url = reverse("admin:forums_expenseclaim_decide", args=[claim.pk])

    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"decision": "approve", "reason": ""})

    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Status.APPROVED
    assert claim.decided_by is not None


def test_staff_must_give_a_reason_to_refuse(staff_client, member):
    claim = submit(member, attended(member))
    url = reverse("admin:forums_expenseclaim_decide", args=[claim.pk])

    page = staff_client.post(url, {"decision": "reject", "reason": ""})
    claim.refresh_from_db()
    assert page.status_code == 200
    assert "Give a reason the member will see" in page.text
    assert claim.status == Status.SUBMITTED

    staff_client.post(url, {"decision": "reject", "reason": "Not for this meeting"})
    claim.refresh_from_db()
    assert (claim.status, claim.reason) == (Status.REJECTED, "Not for this meeting")


def test_a_decided_claim_is_not_decided_again(staff_client, member):
    claim = submit(member, attended(member))
    url = reverse("admin:forums_expenseclaim_decide", args=[claim.pk])
    staff_client.post(url, {"decision": "approve"})

    staff_client.post(url, {"decision": "reject", "reason": "Changed my mind"})

    claim.refresh_from_db()
    assert claim.status == Status.APPROVED
    assert AuditEntry.objects.filter(action="DECISION").count() == 1


def test_receipts_download_for_staff_only_and_are_audited(staff_client, member):
    claim = submit(member, attended(member), kind=Kind.CHILDCARE, amount="20", receipt=pdf())
    url = reverse("admin:forums_expenseclaim_receipt", args=[claim.pk])
    facilitator = UserFactory(role="Facilitator")
    member.forum.facilitators.add(facilitator)
    member_client = sign_in_member(Client(), member)

    response = staff_client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="receipt-claim-{claim.pk}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    entry = AuditEntry.objects.get(action="VIEW", detail="receipt")
    assert entry.object_ref == str(claim.pk)
    assert sign_in(Client(), facilitator).get(url).status_code == 404
    assert member_client.get(url).status_code == 302


def test_a_claim_without_a_receipt_has_none_to_download(staff_client, member):
    claim = submit(member, attended(member))

    response = staff_client.get(reverse("admin:forums_expenseclaim_receipt", args=[claim.pk]))

    assert response.status_code == 404


# The monthly export ------------------------------------------------------------------------


def decided(claim, at, approve=True):
    staff = UserFactory(role="VVF staff", is_staff=True)
    claims.claim_decide(claim=claim, approve=approve, by=staff, reason="" if approve else "No")
    ExpenseClaim.objects.filter(pk=claim.pk).update(decided_at=at)


def rows_of(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return sheet, [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_export_has_a_months_approved_claims_with_totals(member):
    EqualityMonitoring.objects.create(application=member.application, religion="SIKH")
    meeting = attended(member)
    travel = submit(member, meeting, amount="12.50", receipt=pdf())
    care = submit(member, meeting, kind=Kind.CHILDCARE, amount="40", receipt=pdf())
    incentive = submit(member, meeting, kind=Kind.INCENTIVE, amount=None)
    refused = submit(
        member, meeting, kind=Kind.OTHER, amount="9", receipt=pdf(), description="Lunch"
    )
    submit(member, attended(member, days_ago=20), amount="3.00")  # waiting: not exported
    # April 2026 in London starts at 23:00 UTC on 31 March (BST).
    decided(travel, datetime.datetime(2026, 3, 31, 23, 30, tzinfo=datetime.UTC))
    decided(care, datetime.datetime(2026, 4, 30, 22, 59, tzinfo=datetime.UTC))
    decided(incentive, datetime.datetime(2026, 4, 30, 23, 0, tzinfo=datetime.UTC))  # May
    decided(refused, datetime.datetime(2026, 4, 10, 12, 0, tzinfo=datetime.UTC), approve=False)

    content, count = claim_exports.claims_workbook(datetime.date(2026, 4, 1))

    sheet, rows = rows_of(content)
    meeting_day = datetime.datetime.combine(timezone.localdate(meeting.starts_at), datetime.time())
    reference, forum = member.application.reference, f"VVF-{member.forum.pk:02d}"
    assert count == 2
    assert rows[0] == [
        "Member reference",
        "Budget code",
        "Meeting date",
        "What for",
        "Amount",
        "Decided on",
    ]
    assert sorted(rows[1:3], key=lambda row: row[4]) == [
        [reference, forum, meeting_day, "Travel", 12.5, datetime.datetime(2026, 4, 1)],
        [reference, forum, meeting_day, "Childcare or care", 40, datetime.datetime(2026, 4, 30)],
    ]
    assert rows[3] == [None] * 6
    assert [row[:5] for row in rows[4:]] == [
        ["Total: Travel", None, None, None, 12.5],
        ["Total: Childcare or care", None, None, None, 40],
        ["Total: Other costs", None, None, None, 0],
        ["Total: Incentive for taking part", None, None, None, 0],
        ["Grand total", None, None, None, 52.5],
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet["E2"].number_format == '"£"#,##0.00'
    assert sheet[f"E{sheet.max_row}"].number_format == '"£"#,##0.00'
    assert sheet.column_dimensions["B"].width == 14
    cells = " ".join(str(value) for row in rows for value in row)
    for personal in (
        member.application.full_name,
        member.application.email,
        "Sikh",
        "Lunch",
        member.forum.name,
    ):
        assert personal not in cells


def test_staff_export_last_month_encrypted_and_audited(staff_client, member):
    claim = submit(member, attended(member), amount="7.25")
    month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    middle = datetime.datetime.combine(month.replace(day=15), datetime.time(12), tzinfo=LONDON)
    decided(claim, middle)
    url = reverse("admin:forums_expenseclaim_export")

    form_page = staff_client.get(url)
    assert form_page.context["form"]["month"].initial == f"{month:%Y-%m}"
    page = staff_client.post(url, {"month": f"{month:%Y-%m}"})

    assert page.status_code == 200
    download = staff_client.get(
        reverse("admin:forums_expenseclaim_export_download", args=[page.context["token"]])
    )
    assert (
        download["Content-Disposition"]
        == f'attachment; filename="approved-claims-{month:%Y-%m}.xlsx"'
    )
    encrypted = msoffcrypto.OfficeFile(io.BytesIO(download.getvalue()))
    assert encrypted.is_encrypted()
    encrypted.load_key(password=page.context["password"])
    plain = io.BytesIO()
    encrypted.decrypt(plain)
    _sheet, rows = rows_of(plain.getvalue())
    assert rows[1][0] == member.application.reference
    assert rows[1][4] == 7.25
    assert rows[-1][:5] == ["Grand total", None, None, None, 7.25]
    entry = AuditEntry.objects.get(action="EXPORT")
    assert (entry.object_type, entry.detail) == (
        "forums.expenseclaim",
        f"1 approved claims, {month:%Y-%m}",
    )
    assert staff_client.get(download.request["PATH_INFO"]).status_code == 404


def test_an_export_marks_the_months_claims_and_no_others(member):
    from forums.services.claims import claims_export

    october = attended(member, days_ago=45)
    in_october = submit(member, october)
    claims.claim_decide(claim=in_october, approve=True, by=None)
    ExpenseClaim.objects.filter(pk=in_october.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=40)
    )
    this_month = submit(member, attended(member, days_ago=2), kind=Kind.INCENTIVE, amount="25")
    claims.claim_decide(claim=this_month, approve=True, by=None)
    month = timezone.localdate() - datetime.timedelta(days=40)

    _plain, count = claims_export(month=month.replace(day=1))

    # Exporting an earlier month leaves a claim approved since in no spreadsheet yet.
    assert count == 1
    assert list(ExpenseClaim.objects.not_yet_exported()) == [this_month]
