"""A member makes a claim in Chromium; the claim pages, and the form's error state, pass
axe."""

import re

from django.urls import reverse

from forums.models import ExpenseClaim, MemberLink
from forums.services import claims, meetings, member_links
from tests.browser.conftest import assert_accessible, axe_violations
from tests.forums.helpers import make_meeting, make_member

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


# GOV.UK's file upload names its button by the label and the button itself
# (aria-labelledby="<label> <comma> <button>", alphagov/govuk-frontend#5652), which
# Chromium reads as the label followed by the button's visible text; axe-core does not
# follow the button's reference to itself, and reports the visible text as missing from
# the name. The name is checked here instead, in the browser.
RECEIPT_BUTTON = re.compile(r"^Upload a receipt\W+No file chosen\W+Choose file or drop file$")


def assert_accessible_with_file_upload(page):
    assert page.get_by_role("button", name=RECEIPT_BUTTON).count() == 1
    violations = [
        found
        for found in axe_violations(page)
        if not (
            found.startswith("label-content-name-mismatch") and found.endswith("['#id_receipt']")
        )
    ]
    assert violations == [], f"{page.url}:\n" + "\n".join(violations)


def sign_in_member(page, membership):
    link = MemberLink.objects.create(membership=membership, nonce="x" * 20)
    page.goto(reverse("members:sign-in", args=[member_links.member_link_token(link)]))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/member/")


def test_a_member_makes_a_claim(page):
    member = make_member("vawg", started_days_ago=60)
    meeting = make_meeting("vawg", days_ahead=-10)
    meetings.attendance_record(meeting=meeting, attended_ids={member.pk})
    claims.claim_submit(
        membership=member, meeting=meeting, kind=ExpenseClaim.Kind.INCENTIVE, amount=None
    )

    sign_in_member(page, member)
    page.get_by_role("link", name="Your claims").click()
    assert "Incentive for taking part" in page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Make a claim").click()
    # GOV.UK's file upload, enhanced by its script: a drop zone with a button.
    page.locator(".govuk-file-upload-button").wait_for()
    assert_accessible_with_file_upload(page)

    page.get_by_label("Childcare or care").check()
    page.get_by_label("Amount, in pounds").fill("thirty")
    page.locator("input[type=file][name=receipt]").set_input_files(
        {"name": "receipt.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Send the claim").click()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Select the meeting this claim is for" in summary
    assert "Enter the amount, like 12.50" in summary
    assert "Select the receipt again" in summary
    assert page.get_by_label("Childcare or care").is_checked()
    assert_accessible_with_file_upload(page)

    page.locator(".govuk-error-summary a", has_text="Select the meeting").click()
    page.locator(f"input[name=meeting][value='{meeting.pk}']").check()
    page.get_by_label("Amount, in pounds").fill("30.00")
    page.get_by_label("What was the cost for?").fill("Childminder for the evening")
    page.locator("input[type=file][name=receipt]").set_input_files(
        {"name": "receipt.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Send the claim").click()

    page.wait_for_url("**/member/claims/")
    assert "Your claim has been sent" in page.content()
    assert "Childminder for the evening" in page.content()
    assert ExpenseClaim.objects.filter(kind="CHILDCARE", amount="30.00").count() == 1
    assert_accessible(page)
