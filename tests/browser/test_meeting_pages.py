"""Members' pages and the staff meeting pages pass axe in Chromium, error states too."""

from forums.models import MemberLink
from forums.permissions import sync_forum_access
from forums.services import agendas, meetings, member_links
from tests.browser.conftest import assert_accessible
from tests.browser.test_panel import sign_in
from tests.factories import UserFactory
from tests.forums.helpers import make_meeting, make_member


def sign_in_member(page, membership):
    link = MemberLink.objects.create(membership=membership, nonce="browser-test-nonce-1")
    page.goto(f"/member/sign-in/{member_links.member_link_token(link)}/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/member/")


def test_a_member_signs_in_answers_and_proposes(page):
    page.goto("/member/sign-in/")
    assert_accessible(page)
    page.get_by_role("button", name="Send me a sign-in link").click()
    assert "Enter your email address" in page.content()
    assert_accessible(page)

    member = make_member(full_name="Rosa Member")
    meeting = make_meeting(venue="City Hall, Kamal Chunchie Way")
    meetings.invitations_send(meeting=meeting)
    agendas.agenda_item_add(meeting=meeting, title="Updates on investigations")
    agendas.agenda_publish(meeting=meeting)
    sign_in_member(page, member)
    assert_accessible(page)

    page.get_by_role("link", name=meeting.starts_at.strftime("%A")).first.click()
    assert "Updates on investigations" in page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Save your answer", exact=True).click()
    assert "Select whether you can come to this meeting" in page.content()
    assert_accessible(page)
    page.get_by_label("Yes, I will be there").check()
    page.get_by_role("button", name="Save your answer", exact=True).click()
    assert "your answer is saved" in page.content()

    page.get_by_label("What would you like the forum to discuss?").fill("Court delays")
    page.get_by_role("button", name="Send your suggestion").click()
    assert "Court delays" in page.content()
    assert_accessible(page)


def test_staff_meeting_pages_are_accessible(page):
    partner = UserFactory(role="External partner")
    meeting = make_meeting("disabled-victims")
    meeting.forum.run_by.members.add(partner)
    sync_forum_access(meeting.forum)
    member = make_member("disabled-victims")
    meetings.invitations_send(meeting=meeting)
    agendas.agenda_item_propose(meeting=meeting, membership=member, title="Victim care")

    sign_in(page, partner)
    page.goto(f"/forums/{meeting.forum.slug}/meetings/{meeting.pk}/")
    assert_accessible(page)
    page.get_by_label("Do not put it on the agenda").check()
    page.get_by_role("button", name="Save decision").click()
    assert "Give a short reason the member will see" in page.content()
    assert_accessible(page)

    page.goto(f"/forums/{meeting.forum.slug}/meetings/{meeting.pk}/change/")
    assert_accessible(page)
    page.get_by_label("Ends at").fill("1:00")
    page.get_by_role("button", name="Save and tell members").click()
    assert "The meeting must end after it starts" in page.content()
    assert_accessible(page)


def test_a_facilitator_takes_attendance_and_writes_the_note(page):
    facilitator = UserFactory(role="Facilitator")
    meeting = make_meeting(days_ahead=-1)
    meeting.forum.facilitators.add(facilitator)
    sync_forum_access(meeting.forum)
    member = make_member(full_name="Noor Member", started_days_ago=10)

    sign_in(page, facilitator)
    page.goto(f"/forums/{meeting.forum.slug}/meetings/{meeting.pk}/")
    assert_accessible(page)
    page.get_by_label("Noor Member attended").check()
    page.get_by_role("button", name="Save attendance").click()
    assert "Attendance recorded" in page.content()
    page.get_by_role("button", name="Make the note final").click()
    assert "Write the note before making it final" in page.content()
    assert_accessible(page)
    page.get_by_label("Note of the meeting").fill("The forum discussed victim care.")
    page.get_by_role("button", name="Save as a draft").click()
    assert member.attendance.get().attended
    assert_accessible(page)


def test_the_facilitators_meeting_page_does_not_scroll_sideways_on_a_phone(page):
    facilitator = UserFactory(role="Facilitator")
    held = make_meeting(days_ahead=-1, venue="City Hall, Kamal Chunchie Way, London E16 1ZE")
    upcoming = make_meeting(days_ahead=7, venue="City Hall, Kamal Chunchie Way, London E16 1ZE")
    held.forum.facilitators.add(facilitator)
    sync_forum_access(held.forum)
    member = make_member(full_name="Noor Member-Longername", started_days_ago=10)
    meetings.invitations_send(meeting=upcoming)
    agendas.agenda_item_propose(meeting=upcoming, membership=member, title="Victim care")
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, facilitator)

    for meeting in (held, upcoming):
        page.goto(f"/forums/{meeting.forum.slug}/meetings/{meeting.pk}/")

        assert page.evaluate("document.documentElement.scrollWidth") == 375
        assert_accessible(page)
