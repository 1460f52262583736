"""Each staff workflow walked in Chromium as a caseworker does it (issue 17, point 9):
from the programme home, by the home's links and the admin's own links and buttons.
Every admin page passed, the home and the lists included, is checked with axe-core
(WCAG 2.2 A and AA) and, at 1024 and 1920 px, for the page's buttons over the heading
or over each other. With ADMIN_SCREENSHOTS set to a folder, each page is saved there."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone

from forums.models import ExpenseClaim, Meeting
from programme.models import Forum
from tests.browser.conftest import axe_violations
from tests.browser.test_admin_pages_layout import OVERLAPS
from tests.browser.test_panel import sign_in
from tests.factories import ApplicationFactory, UserFactory
from tests.forums.helpers import make_meeting, make_member
from tests.vetting.helpers import panel
from vetting.models import PanelSeat

WIDTHS = [1024, 1920]
AXE_WIDTH = 1280


class Walk:
    """A caseworker's walk through the admin: each page reached is checked, and what is
    wrong is gathered by page, so that one run reports every page."""

    def __init__(self, page):
        self.page = page
        self.problems = {}
        self.seen = []

    def check(self, name):
        page = self.page
        page.wait_for_load_state()
        self.seen.append(name)
        folder = os.environ.get("ADMIN_SCREENSHOTS")
        if folder:
            path = Path(folder) / f"walk-{len(self.seen):02}-{name.replace(' ', '-')}.png"
            page.screenshot(path=str(path), full_page=True)
        found = axe_violations(page)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            found += [f"at {width} px: {pair}" for pair in page.evaluate(OVERLAPS)]
        page.set_viewport_size({"width": AXE_WIDTH, "height": 900})
        if found:
            self.problems[name] = found

    def assert_clean(self):
        report = "\n".join(f"{name}: {found}" for name, found in self.problems.items())
        assert self.problems == {}, report

    def message(self):
        return self.page.locator("ul.messagelist").inner_text()

    def follow(self, name, link, exact=False, within="body"):
        """Clicks a link by its words (in `within`, a CSS selector) and checks the page
        it leads to."""
        place = self.page.locator(within)
        place.get_by_role("link", name=link, exact=exact).first.click()
        self.check(name)

    def press(self, name, button):
        self.page.get_by_role("button", name=button, exact=True).click()
        self.check(name)


@pytest.fixture
def walk(page):
    page.set_viewport_size({"width": AXE_WIDTH, "height": 900})
    sign_in(page, UserFactory(role="VVF staff", is_staff=True, full_name="Casey Worker"))
    page.get_by_role("link", name="Review applications and manage forums in the admin").click()
    walk = Walk(page)
    walk.check("the programme home")
    return walk


def test_an_application_from_review_to_member(walk, browser, live_server):
    """Review, onboarding, the PNC check with a disclosure, the suitability case opened
    and decided by its panel, and the member made."""
    from applications.models import Consent, ConsentDocument

    vawg, black = Forum.objects.get(slug="vawg"), Forum.objects.get(slug="black-communities")
    application = ApplicationFactory(forums=[vawg, black])
    Consent.objects.create(
        application=application,
        document=ConsentDocument.objects.get(kind="PNC_CHECK", language="en-gb", version=1),
        given=True,
    )
    seats = panel()
    reference = application.reference
    page = walk.page
    page.reload()

    # Review: the home's count of applications waiting leads to the list, then the record.
    walk.follow("waiting for review", "Applications waiting for review")
    walk.follow("the application", reference, exact=True)
    # The overlap check has the page's buttons to measure.
    assert page.locator("#content .object-tools a").count() == 5
    walk.follow("move to another stage", "Move to another stage")
    page.get_by_label("Move the application to").select_option(label="In review")
    page.get_by_label("Why").fill("Eligible; reviewing.")
    walk.press("the application, in review", "Move")
    assert f"{reference} is now ‘In review’." in walk.message()
    walk.follow("move to another stage, again", "Move to another stage")
    page.get_by_label("Move the application to").select_option(label="Onboarding conversation")
    page.get_by_label("Why").fill("A good application.")
    walk.press("the application, at onboarding", "Move")

    # Onboarding, on another day: from the home's count of conversations to hold.
    walk.follow("the programme home, for onboarding", "Home", exact=True)
    walk.follow("onboarding to hold", "Onboarding conversations to hold")
    walk.follow("the application, for onboarding", reference, exact=True)
    walk.follow("onboarding", "Record onboarding conversation")
    page.get_by_label("Proceed").check()
    page.get_by_label("Notes").fill("Ready to take part.")
    walk.press("the application, at the PNC check", "Record")
    assert "it is now ‘PNC check’" in walk.message()

    # The PNC check, requested then answered with a disclosure.
    walk.follow("PNC request", "Record that the PNC check was requested")
    walk.press("the PNC check", "Record request")
    assert "Record the result when it comes" in walk.message()
    # The result comes weeks later: from the home's count of checks requested.
    walk.follow("the programme home, for the result", "Home", exact=True)
    walk.follow("PNC checks requested", "PNC checks requested, waiting for the result")
    walk.follow("the PNC check, for the result", reference, exact=True)
    walk.follow("PNC result", "Record the result")
    page.get_by_label("Disclosure", exact=True).check()
    page.locator("[name=disclosure-0-offence]").fill("Theft")
    page.locator("[name=disclosure-0-offence_date]").fill("2015")
    page.locator("[name=disclosure-0-disposal]").fill("Caution")
    for seat, member in seats.items():
        page.get_by_label(f"Panel seat: {PanelSeat.Seat(seat).label}").select_option(
            label=member.name_and_email()
        )
    walk.press("the suitability case", "Record result")
    assert (
        f"Suitability case opened for {reference}; the three seat holders have been emailed."
        in walk.message()
    )

    # The open case, from the home's count of cases waiting for each seat.
    walk.follow("the programme home, for the case", "Home", exact=True)
    walk.follow("cases waiting", "Suitability cases waiting for the MOPAC seat")
    walk.follow("the case", reference, exact=True)
    assert page.get_by_role("heading", name=f"Suitability case for {reference}").is_visible()

    # The panel decides at /panel/, each seat holder in a browser of their own (their
    # pages are checked in test_panel.py).
    for member in seats.values():
        context = browser.new_context(base_url=live_server.url, bypass_csp=True)
        holder = context.new_page()
        sign_in(holder, member)
        holder.goto("/panel/")  # their sign-in leads to their account page
        holder.get_by_role("link", name=reference).click()
        holder.get_by_label("Accept the application").check()
        holder.get_by_label("Your reasons").fill("An old caution; no risk to the forum.")
        holder.get_by_role("button", name="Record decision").click()
        holder.wait_for_load_state()
        context.close()
    application.refresh_from_db()
    assert application.status == "ACCEPTED"

    # The member made: accepted with two forums chosen, the home asks for the forum.
    walk.follow("the programme home, again", "Home", exact=True)
    walk.follow("a forum to choose", "Accepted applicants who chose several forums")
    walk.follow("the accepted application", reference, exact=True)
    walk.follow("make member", "Choose the forum they join")
    page.get_by_label("Forum").select_option(label=str(black))
    walk.press("the membership", "Make a member")
    assert f"{reference} is now a member of {black}" in walk.message()
    assert application.membership.forum == black

    walk.assert_clean()


def test_a_meeting_scheduled(walk):
    page = walk.page
    walk.follow("meetings in the next six weeks", "Meetings in the next six weeks")
    walk.follow("schedule", "Schedule meetings")
    page.get_by_label("Forum").select_option(label="Violence against women and girls")
    first_day = timezone.localdate() + datetime.timedelta(days=21)
    page.get_by_label("First meeting on").fill(f"{first_day:%Y-%m-%d}")
    walk.press("the meetings", "Schedule")
    assert "1 meeting of Violence against women and girls scheduled" in walk.message()
    walk.follow("the meeting", "Violence against women and girls", within="#result_list")
    assert timezone.localtime(Meeting.objects.get().starts_at).date() == first_day

    walk.assert_clean()


def test_a_claim_decided(walk):
    from forums.services import claims, meetings

    membership = make_member("vawg", started_days_ago=60)
    meeting = make_meeting("vawg", days_ahead=-5)
    meetings.attendance_record(meeting=meeting, attended_ids={membership.pk})
    claim = claims.claim_submit(
        membership=membership, meeting=meeting, kind="TRAVEL", amount="8.40"
    )
    page = walk.page
    page.reload()

    walk.follow("claims to decide", "Expense claims to decide")
    walk.follow("the claim", membership.application.reference, exact=True)
    walk.follow("decide", "Decide this claim")
    page.get_by_label("Approve", exact=True).check()
    walk.press("the claim, decided", "Record the decision")
    assert f"The claim of {membership.application.reference} for £8.40 is approved." in (
        walk.message()
    )
    walk.follow("the claims", "Every claim is decided: back to the claims")
    claim.refresh_from_db()
    assert claim.status == ExpenseClaim.Status.APPROVED

    walk.assert_clean()


def test_a_hold_placed_and_everything_held_shown(walk):
    """Place a hold, then the subject access page, from the applications list that the
    home's "Everything else" leads to."""
    application = ApplicationFactory(status="IN_REVIEW", forums=[Forum.objects.get(slug="vawg")])
    reference = application.reference
    page = walk.page
    page.reload()

    walk.follow("the applications", "Applications", exact=True, within=".model-application")
    walk.follow("the application", reference, exact=True)
    walk.follow("hold", "Hold from deletion")
    page.get_by_label("Reason (for example, a complaint or a legal claim)").fill(
        "An open complaint"
    )
    walk.press("the application, held", "Place the hold")
    assert f"{reference} is held" in walk.message()
    walk.follow("deletions and holds", "See the holds and the deletions in the next 30 days")

    walk.follow("the programme home, again", "Home", exact=True)
    walk.follow("held applications", "Applications held from deletion")
    walk.follow("the held application", reference, exact=True)
    walk.follow("subject access", "Everything held (subject access)")
    assert application.email in page.content()

    walk.assert_clean()
